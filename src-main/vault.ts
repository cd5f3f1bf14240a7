// API keys live only in the OS keychain (Secret Service, macOS Keychain, Windows Credential Manager): one entry per
// account, holding the API key and private key. Where no keychain works we refuse; there is no plain-text fallback.
import { randomBytes } from 'node:crypto';
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { z } from 'zod';
import { AppError } from '../src-shared/errors';

export const VAULT_SERVICE = 'oc9-console';

export interface ApiCredentials {
  apiKey: string;
  secret: string;
}

export type KeychainStatus = { ok: true } | { ok: false; reason: string };

/** What the rest of the app depends on: the vault is the only implementation. */
export interface SecretStore {
  /** Writes, reads back and deletes a throwaway entry; says what to install when that fails. */
  available(): Promise<KeychainStatus>;
  /** Replaces any entry for the account; throws AppError 'no_keychain' where no keychain works. */
  save(accountId: string, credentials: ApiCredentials): Promise<void>;
  load(accountId: string): Promise<ApiCredentials | null>;
  /** True when an entry was deleted, false when there was none. */
  remove(accountId: string): Promise<boolean>;
  /** Account ids with a stored entry, sorted. */
  list(): Promise<string[]>;
}

export interface VaultOptions {
  /** Keychain service name; the app uses VAULT_SERVICE, tests their own. */
  service: string;
  /**
   * Linux only. 'secret-service' (the default) requires a Secret Service; 'default' lets the library fall back to
   * the kernel keyring, whose entries vanish at logout or reboot.
   */
  store?: 'secret-service' | 'default';
}

// accounts starting with this prefix are the vault's own (probes), never the user's
const RESERVED_PREFIX = '__';
const MAX_ACCOUNT_ID_LENGTH = 128;

const StoredEntry = z.object({ apiKey: z.string().min(1), secret: z.string().min(1) }).strict();

export function createVault(options: VaultOptions): SecretStore {
  const { service } = options;
  if (service.trim() === '') throw new Error('createVault: service must not be empty');
  const entryOptions = options.store === 'default' ? undefined : { linux: { store: 'secret-service' as const } };
  // the constructor itself throws when a pinned store is unreachable, so it runs inside each caller's try
  const entryFor = (account: string) => new AsyncEntry(service, account, entryOptions);

  return {
    async available() {
      const probeAccount = `${RESERVED_PREFIX}probe-${randomBytes(6).toString('hex')}`;
      const probeValue = randomBytes(16).toString('hex');
      try {
        const entry = entryFor(probeAccount);
        await entry.setPassword(probeValue);
        const readBack = await entry.getPassword();
        await entry.deleteCredential();
        if (readBack !== probeValue) return { ok: false, reason: noKeychainReason('it did not return what was written') };
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: noKeychainReason(failureDetail(error, [])) };
      }
    },

    async save(accountId, credentials) {
      checkAccountId(accountId);
      const entry = StoredEntry.safeParse(credentials);
      if (!entry.success) {
        throw new AppError('invalid_input', 'Both the API key and the private key are needed. Paste both and try again.');
      }
      const serialized = JSON.stringify(entry.data);
      try {
        await entryFor(accountId).setPassword(serialized);
      } catch (error) {
        const secrets = [entry.data.apiKey, entry.data.secret, serialized];
        throw new AppError('no_keychain', noKeychainReason(failureDetail(error, secrets)));
      }
    },

    async load(accountId) {
      checkAccountId(accountId);
      let stored: string | null;
      try {
        stored = await entryFor(accountId).getPassword();
      } catch (error) {
        throw new AppError('no_keychain', noKeychainReason(failureDetail(error, [])));
      }
      if (stored === null) return null;
      return parseStored(accountId, stored);
    },

    async remove(accountId) {
      checkAccountId(accountId);
      try {
        return await entryFor(accountId).deleteCredential();
      } catch (error) {
        throw new AppError('no_keychain', noKeychainReason(failureDetail(error, [])));
      }
    },

    async list() {
      let credentials: { account: string }[];
      try {
        credentials = await findCredentialsAsync(service);
      } catch (error) {
        throw new AppError('no_keychain', noKeychainReason(failureDetail(error, [])));
      }
      const accounts = credentials.map((c) => c.account).filter((a) => !a.startsWith(RESERVED_PREFIX));
      return [...new Set(accounts)].sort();
    },
  };
}

function checkAccountId(accountId: string): void {
  const valid =
    accountId.length > 0 &&
    accountId.length <= MAX_ACCOUNT_ID_LENGTH &&
    !accountId.startsWith(RESERVED_PREFIX) &&
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
    !/[\u0000-\u001f\u007f]/.test(accountId);
  if (!valid) {
    throw new AppError(
      'invalid_input',
      `An account name must be 1 to ${MAX_ACCOUNT_ID_LENGTH} printable characters and must not start with "${RESERVED_PREFIX}".`,
    );
  }
}

function parseStored(accountId: string, stored: string): ApiCredentials {
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    // JSON.parse messages quote the input, which is the secret: never pass them on
    json = undefined;
  }
  const entry = StoredEntry.safeParse(json);
  if (!entry.success) {
    throw new AppError(
      'storage',
      `The keychain entry for "${accountId}" was not written by OC9 Console or is damaged. ` +
        'Remove this key in OC9 Console and connect it again.',
    );
  }
  return entry.data;
}

function failureDetail(error: unknown, secrets: string[]): string {
  const raw = error instanceof Error ? error.message : String(error);
  // keychain libraries do not echo what they store, but a message must never be the place a secret leaks
  return secrets.filter((s) => s !== '').reduce((text, secret) => text.split(secret).join('[redacted]'), raw);
}

function noKeychainReason(detail: string): string {
  const intro = 'OC9 Console keeps API keys only in the system keychain and never in a plain file';
  switch (process.platform) {
    case 'darwin':
      return `${intro}, but the macOS Keychain could not be used (${detail}). Open Keychain Access, make sure the login keychain is unlocked, then try again.`;
    case 'win32':
      return `${intro}, but Windows Credential Manager could not be used (${detail}). Sign in to Windows with your own user account, then try again.`;
    default:
      return (
        `${intro}, and no keychain is reachable (${detail}). Install gnome-keyring, or KeePassXC with its ` +
        'Secret Service integration turned on; run OC9 Console inside a desktop session with a D-Bus session bus ' +
        '(on a headless host, start one with dbus-run-session); unlock the keyring, then try again.'
      );
  }
}

/** The keychain service the app uses: OC9_VAULT_SERVICE overrides it, so test runs never touch a user's entries. */
export function vaultServiceName(env: Readonly<Record<string, string | undefined>>): string {
  return env['OC9_VAULT_SERVICE']?.trim() || VAULT_SERVICE;
}
