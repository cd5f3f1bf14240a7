// The ledger entries read since the last checkpoint, kept between runs so each run asks Kraken only for what is
// newer still. Tied to the checkpoint it extends: when the checkpoint moves (apply, undo), the kept entries go.
import { z } from 'zod';
import { LedgerCursor, LedgerEntry } from '../../src-shared/ledger';
import type { StoreBackendFactory } from '../store/backend';
import { createAccountRecords } from '../store/account-records';

const Kept = z.object({
  base: LedgerCursor.nullable(),
  /** The newest entry in Kraken's own order (entries booked at the same second are not in id order). */
  head: LedgerCursor.nullable(),
  entries: z.array(LedgerEntry),
});
export type KeptLedger = z.infer<typeof Kept>;

export interface LedgerCache {
  /** What is kept for the account after `base`; nothing (head = base) when it was kept for another base. */
  after(account: string, base: LedgerCursor | null): KeptLedger;
  keep(account: string, kept: KeptLedger): void;
}

export function createLedgerCache(options: { dataDir: string; backend?: StoreBackendFactory }): LedgerCache {
  const records = createAccountRecords<KeptLedger | null>({ ...options, name: 'reconcile-ledger', record: Kept.nullable(), empty: null });
  return {
    after(account, base) {
      const kept = records.get(account);
      return kept !== null && kept.base?.id === base?.id ? kept : { base, head: base, entries: [] };
    },
    keep(account, kept) {
      records.update(account, () => kept);
    },
  };
}
