// One JSON file holding one record per Kraken account (keyed by account), so a change to an account's record is a
// single atomic write of the file. Conversions and the reconcile state, cache and trades each keep one.
import { z } from 'zod';
import type { StoreBackendFactory } from './backend';
import { createJsonStore, type StoreProblem } from './json-store';
import { savedFormat, type SavedFileName } from './saved-file-formats';

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
  name: SavedFileName;
  record: z.ZodType<T>;
  empty: T;
  onCorrupt?: (problem: StoreProblem) => void;
  /** What still works when the file is set aside, for the operator. */
  stillWorks?: string;
}

export function createAccountRecords<T>(options: AccountRecordsOptions<T>): AccountRecords<T> {
  const store = createJsonStore<{ accounts: Record<string, T> }>({
    dir: options.dataDir,
    name: options.name,
    schema: z.object({ accounts: z.record(z.string(), options.record) }),
    defaults: { accounts: {} },
    ...savedFormat(options.name),
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.onCorrupt ? { onCorrupt: options.onCorrupt } : {}),
    ...(options.stillWorks ? { stillWorks: options.stillWorks } : {}),
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
