// The ledger entries read since the last checkpoint, kept between runs so each run asks Kraken only for what is
// newer still. Tied to the checkpoint it extends: when the checkpoint moves (apply, undo), the kept entries go.
import { z } from 'zod';
import { LedgerCursor, LedgerEntry } from '../../src-shared/ledger';
import type { StoreBackendFactory } from '../store/backend';
import { createJsonStore } from '../store/json-store';

const Kept = z.object({
  base: LedgerCursor.nullable(),
  /** The newest entry in Kraken's own order (entries booked at the same second are not in id order). */
  head: LedgerCursor.nullable(),
  entries: z.array(LedgerEntry),
});
export type KeptLedger = z.infer<typeof Kept>;
const LedgerCacheFile = z.object({ accounts: z.record(z.string(), Kept) });
type LedgerCacheFile = z.infer<typeof LedgerCacheFile>;

export interface LedgerCache {
  /** What is kept for the account after `base`; nothing (head = base) when it was kept for another base. */
  after(account: string, base: LedgerCursor | null): KeptLedger;
  keep(account: string, kept: KeptLedger): void;
}

export function createLedgerCache(options: { dataDir: string; backend?: StoreBackendFactory }): LedgerCache {
  const store = createJsonStore<LedgerCacheFile>({
    dir: options.dataDir,
    name: 'reconcile-ledger',
    schema: LedgerCacheFile,
    defaults: { accounts: {} },
    version: 1,
    ...(options.backend ? { backend: options.backend } : {}),
  });
  return {
    after(account, base) {
      const kept = store.get().accounts[account];
      return kept !== undefined && kept.base?.id === base?.id ? kept : { base, head: base, entries: [] };
    },
    keep(account, kept) {
      store.update((file) => ({ accounts: { ...file.accounts, [account]: kept } }));
    },
  };
}
