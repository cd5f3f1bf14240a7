// Connected Kraken accounts: checks a key pair with Kraken before anything is stored, keeps the pair in the OS
// keychain (one entry per account) and the non-secret facts in the registry, and tells the connection manager
// which account is current. The private key stays on this side: nothing returned or logged carries it.
import type { accountsCalls } from '../../../src-shared/contract/accounts';
import type { HandlerTable } from '../../../src-shared/rpc';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../src-shared/clock';
import {
  DEFAULT_API_BASE_URL,
  type AccountSummary,
  type AccountsState,
  type KeyCheck,
  type Tier,
} from '../../../src-shared/contract/accounts';
import { AppError } from '../../../src-shared/errors';
import { groupPermissions, missingPermissionsMessage, withdrawWarning } from '../../../src-shared/key-permissions';
import { lastFour } from '../../../src-shared/private-key';
import { createKrakenClient, type KrakenCredentials } from '../../kraken/client';
import type { ApiKeyInfoResult } from '../../kraken/schemas';
import type { Logger } from '../../logger';
import type { StoreBackendFactory } from '../../store/backend';
import type { StoreProblem } from '../../store/json-store';
import type { ApiCredentials, SecretStore } from '../../vault';
import { createAccountRegistry, type StoredAccount } from './account-registry';
import type { ConnectionManager } from '../../connection/connection-manager';

export interface AccountServiceDeps {
  dataDir: string;
  backend?: StoreBackendFactory;
  vault: SecretStore;
  connections: Pick<ConnectionManager, 'use' | 'current'>;
  clock: Clock;
  logger?: Pick<Logger, 'info' | 'warn' | 'redact'>;
  /** Told when accounts.json had to be set aside or partly recovered. */
  onStoreProblem?: (problem: StoreProblem) => void;
  /** Real ms per call to Kraken while checking a key (default 10 s). */
  timeoutMs?: number;
  newId?: () => string;
}

export interface AccountService {
  handlers: HandlerTable<typeof accountsCalls>;
  /** Makes the account that was active last time current again, or stays in demo and says why. */
  restore(): Promise<void>;
}

interface KeyPair {
  apiKey: string;
  privateKey: string;
  otp?: string | undefined;
  tier: Tier;
  baseUrl: string;
}

export function createAccountService(deps: AccountServiceDeps): AccountService {
  const registry = createAccountRegistry({
    dataDir: deps.dataDir,
    ...(deps.backend ? { backend: deps.backend } : {}),
    ...(deps.onStoreProblem ? { onCorrupt: deps.onStoreProblem } : {}),
  });
  const newId = deps.newId ?? (() => `acct-${randomBytes(6).toString('hex')}`);
  // 2FA passwords live here for the session only, never in the keychain or a file
  const sessionOtp = new Map<string, string>();
  let problem: string | undefined;

  const credentialsFor = (pair: Pick<KeyPair, 'apiKey' | 'privateKey'>, otp: string | undefined): KrakenCredentials => ({
    apiKey: pair.apiKey,
    secret: pair.privateKey,
    ...(otp ? { otp: () => otp } : {}),
  });

  const askKraken = async (pair: KeyPair): Promise<ApiKeyInfoResult> => {
    deps.logger?.redact([pair.apiKey, pair.privateKey, pair.otp ?? '']);
    const client = createKrakenClient({
      baseUrl: pair.baseUrl,
      credentials: credentialsFor(pair, pair.otp),
      tier: pair.tier,
      clock: deps.clock,
      timeoutMs: deps.timeoutMs ?? 10_000,
      // the operator is waiting at the form: one quick retry, then say what happened
      maxRetries: 1,
    });
    try {
      return await client.apiKeyInfo();
    } catch (error) {
      const failure = error instanceof AppError ? error : new AppError('internal', 'Checking the key failed unexpectedly.');
      deps.logger?.warn('API key check failed', { code: failure.code, baseUrl: pair.baseUrl, apiKeyLast4: lastFour(pair.apiKey) });
      throw explainForConnect(failure, pair.baseUrl);
    }
  };

  const check = async (pair: KeyPair): Promise<KeyCheck> => {
    const info = await askKraken(pair);
    return {
      keyName: info.apiKeyName,
      apiKeyLast4: lastFour(pair.apiKey),
      permissions: groupPermissions(info.permissions),
      nonceWindow: info.nonceWindow,
    };
  };

  // a keychain that worked once is taken as working until an operation says otherwise: the probe writes and deletes
  // an entry, which is not something to do on every look at the account list
  let keychainWorks = false;
  const keychainState = async (): Promise<AccountsState['keychain']> => {
    if (keychainWorks) return { available: true };
    const status = await deps.vault.available();
    keychainWorks = status.ok;
    return status.ok ? { available: true } : { available: false, message: status.reason };
  };
  const watchKeychain = async <T>(operation: Promise<T>): Promise<T> => {
    try {
      return await operation;
    } catch (error) {
      if (error instanceof AppError && error.code === 'no_keychain') keychainWorks = false;
      throw error;
    }
  };

  const summary = (account: StoredAccount): AccountSummary => ({
    id: account.id,
    keyName: account.keyName,
    apiKeyLast4: account.apiKeyLast4,
    tier: account.tier,
    baseUrl: account.baseUrl,
    connectedAt: account.connectedAt,
    permissions: groupPermissions(account.permissions),
    needsOtp: account.hasOtp && !sessionOtp.has(account.id),
  });

  const state = async (): Promise<AccountsState> => ({
    activeId: deps.connections.current().accountId,
    accounts: registry.accounts().map(summary),
    keychain: await keychainState(),
    ...(problem !== undefined ? { problem } : {}),
    defaultBaseUrl: DEFAULT_API_BASE_URL,
  });

  const activate = (account: StoredAccount, stored: ApiCredentials): void => {
    deps.logger?.redact([stored.apiKey, stored.secret]);
    deps.connections.use({
      id: account.id,
      label: `${account.keyName} ····${account.apiKeyLast4}`,
      baseUrl: account.baseUrl,
      tier: account.tier,
      credentials: credentialsFor({ apiKey: stored.apiKey, privateKey: stored.secret }, sessionOtp.get(account.id)),
    });
    registry.setActive(account.id);
    problem = undefined;
  };

  const loadStored = async (account: StoredAccount): Promise<ApiCredentials> => {
    const stored = await watchKeychain(deps.vault.load(account.id));
    if (!stored) {
      throw new AppError(
        'not_found',
        `The keychain no longer holds the key “${account.keyName}” (····${account.apiKeyLast4}); it may have been ` +
          'removed outside OC9 Console. Disconnect it here and connect the key again.',
      );
    }
    return stored;
  };

  /** The stored account holding the same API key, so connecting a key again replaces it instead of adding one. */
  const sameKey = async (pair: KeyPair): Promise<StoredAccount | undefined> => {
    for (const account of registry.accounts()) {
      if (account.apiKeyLast4 !== lastFour(pair.apiKey) || account.baseUrl !== pair.baseUrl) continue;
      const stored = await deps.vault.load(account.id).catch(() => null);
      if (stored?.apiKey === pair.apiKey) return account;
    }
    return undefined;
  };

  const connect = async (pair: KeyPair, acceptWithdraw: boolean): Promise<AccountsState> => {
    const keychain = await keychainState();
    if (!keychain.available) throw new AppError('no_keychain', keychain.message ?? 'No keychain is reachable.');
    const info = await askKraken(pair);
    const report = groupPermissions(info.permissions);
    const missing = missingPermissionsMessage(report);
    if (missing !== null) throw new AppError('permission_denied', missing);
    const warning = withdrawWarning(report);
    if (warning !== null && !acceptWithdraw) {
      throw new AppError('forbidden', `${warning} To connect it anyway, confirm that you accept the risk.`);
    }
    const id = (await sameKey(pair))?.id ?? newId();
    await watchKeychain(deps.vault.save(id, { apiKey: pair.apiKey, secret: pair.privateKey }));
    const account: StoredAccount = {
      id,
      keyName: info.apiKeyName,
      apiKeyLast4: lastFour(pair.apiKey),
      tier: pair.tier,
      baseUrl: pair.baseUrl,
      connectedAt: deps.clock.now(),
      permissions: info.permissions,
      hasOtp: Boolean(pair.otp),
    };
    registry.put(account);
    if (pair.otp) sessionOtp.set(id, pair.otp);
    else sessionOtp.delete(id);
    activate(account, { apiKey: pair.apiKey, secret: pair.privateKey });
    deps.logger?.info('Kraken account connected', {
      id,
      keyName: account.keyName,
      apiKeyLast4: account.apiKeyLast4,
      baseUrl: account.baseUrl,
      tier: account.tier,
      permissions: account.permissions,
    });
    return state();
  };

  const switchTo = async (id: string | null, otp: string | undefined): Promise<AccountsState> => {
    if (id === null) {
      deps.connections.use(null);
      registry.setActive(null);
      return state();
    }
    const account = registry.find(id);
    if (!account) throw new AppError('not_found', 'This account is no longer connected. Connect its key again.');
    if (otp) {
      deps.logger?.redact([otp]);
      sessionOtp.set(id, otp);
    }
    if (account.hasOtp && !sessionOtp.has(id)) {
      // without it every call would fail as an invalid key, and repeated failures lock the key out
      throw new AppError('invalid_input', `The key “${account.keyName}” has a 2FA password. Enter it to use this account.`);
    }
    activate(account, await loadStored(account));
    deps.logger?.info('Kraken account switched', { id });
    return state();
  };

  const disconnect = async (id: string): Promise<AccountsState> => {
    const account = registry.find(id);
    if (!account) throw new AppError('not_found', 'This account is no longer connected.');
    // the keychain entry goes first: an account the app forgot but whose key stayed behind would be a quiet leak
    await watchKeychain(deps.vault.remove(id));
    sessionOtp.delete(id);
    registry.remove(id);
    if (deps.connections.current().accountId === id) deps.connections.use(null);
    deps.logger?.info('Kraken account disconnected', { id });
    return state();
  };

  return {
    async restore() {
      const id = registry.activeId();
      const account = id === null ? undefined : registry.find(id);
      if (!account) return;
      if (account.hasOtp) {
        problem = `The key “${account.keyName}” has a 2FA password, which OC9 Console never stores. Enter it under Settings › Kraken accounts to use the account again.`;
        return;
      }
      try {
        activate(account, await loadStored(account));
      } catch (error) {
        problem =
          `OC9 Console started in demo mode because the key “${account.keyName}” could not be read from the ` +
          `keychain: ${error instanceof AppError ? error.message : 'the keychain failed.'}`;
        deps.logger?.warn('Could not restore the active account', { id: account.id });
      }
    },
    handlers: {
      'accounts.list': () => state(),
      'accounts.check': (input) => check(input),
      'accounts.connect': ({ acceptWithdraw, ...pair }) => connect(pair, acceptWithdraw),
      'accounts.switch': ({ id, otp }) => switchTo(id, otp),
      'accounts.disconnect': ({ id }) => disconnect(id),
    },
  };
}

/** Kraken's errors say what failed while reading the key; at the connect form, a lost connection also names the address. */
function explainForConnect(error: AppError, baseUrl: string): AppError {
  if (error.code === 'network' || error.code === 'timeout') {
    return new AppError(
      error.code,
      `Could not reach Kraken at ${baseUrl} to check the key (${error.code === 'network' ? 'no network connection or the address is wrong' : 'no answer in time'}). ` +
        'Check the internet connection and the API address, then try again.',
      true,
    );
  }
  return error;
}
