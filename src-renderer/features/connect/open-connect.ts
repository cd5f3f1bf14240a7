// The "Connect your Kraken account" action: Settings, with the connect form open (Settings reads the hash).
export const CONNECT_HASH = '#/settings/connect';

export function openConnect(): void {
  window.location.hash = CONNECT_HASH;
}

/** Settings without the form: what a successful connect leaves, so the screen (remounted for the new account) shows it. */
export function leaveConnect(): void {
  if (window.location.hash === CONNECT_HASH) window.history.replaceState(null, '', '#/settings');
}
