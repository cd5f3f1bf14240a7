// One JSON file holding one record per Kraken account (keyed by account), so a change to an account's record is a
// single atomic write of the file. Conversions and the reconcile state, cache and trades each keep one.
import { z } from 'zod';
import type { StoreBackendFactory } from './backend';
import { createJsonStore, type StoreProblem } from './json-store';

export interface AccountRecords<T> {
  readonly problems: readonly StoreProblem[];
  /** The account's record, or a fresh copy of `empty` when it has none. */
  get(account: string): T;
  /** Validates and writes the account's new record atomically; on failure nothing changes. */
  update(account: string, change: (current: T) => T): T;
}

export interface AccountRecordsOptions<T> {
  dataDir: string;
  backend?: StoreBackendFactory;
  /** File name without extension. */
  name: string;
  record: z.ZodType<T>;
  empty: T;
  /** The file's format version (default 1) and the steps up to it, as in createJsonStore. */
  version?: number;
  migrations?: Record<number, (old: unknown) => unknown>;
}

export function createAccountRecords<T>(options: AccountRecordsOptions<T>): AccountRecords<T> {
  const store = createJsonStore<{ accounts: Record<string, T> }>({
    dir: options.dataDir,
    name: options.name,
    schema: z.object({ accounts: z.record(z.string(), options.record) }),
    defaults: { accounts: {} },
    version: options.version ?? 1,
    ...(options.migrations ? { migrations: options.migrations } : {}),
    ...(options.backend ? { backend: options.backend } : {}),
  });
  const get = (account: string): T => store.get().accounts[account] ?? structuredClone(options.empty);
  return {
    problems: store.problems,
    get,
    update(account, change) {
      const next = change(get(account));
      store.update((file) => ({ accounts: { ...file.accounts, [account]: next } }));
      return get(account);
    },
  };
}
