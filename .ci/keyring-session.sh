#!/usr/bin/env bash
# Runs a command against a throwaway, unlocked GNOME keyring (Secret Service) on a private D-Bus session bus.
# usage: dbus-run-session -- bash .ci/keyring-session.sh <command...>
set -euo pipefail
tmp="$(mktemp -d)"
daemon_pid=""
cleanup() {
  # the daemon can outlive the bus when the command is very short: stop it by its own PID, then drop its files
  if [[ -n "$daemon_pid" ]]; then
    kill "$daemon_pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$daemon_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
bus() { dbus-send --session --print-reply --dest=org.freedesktop.DBus / "org.freedesktop.DBus.$1" "string:$2" 2>/dev/null; }
# keep the keyring files out of ~/.local/share/keyrings and ~/.cache
export XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
# stdin MUST hold a password (even just "\n"): with empty stdin no 'login' collection is created and every
# write fails ("Secret Service: no result found"; gcr-prompter "cannot open display").
eval "$(printf '%s' 'ci-keyring-pass' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
# the daemon claims org.freedesktop.secrets a moment after --unlock returns; wait for it, or the first client
# D-Bus-activates a second daemon (no unlocked login keyring) and the test flakes
for _ in $(seq 50); do bus NameHasOwner org.freedesktop.secrets | grep -q 'boolean true' && break; sleep 0.1; done
daemon_pid="$(bus GetConnectionUnixProcessID org.freedesktop.secrets | awk '/uint32/ {print $2}')"
[[ -n "$daemon_pid" ]] || { echo "keyring-session: gnome-keyring-daemon did not claim org.freedesktop.secrets" >&2; exit 1; }
"$@"
