// The reconcile state of each Kraken account in ONE file, so that an apply (new snapshot, new checkpoint, audit
// record, undo point) or an undo is a single atomic write: after a crash the file holds all of it or none of it.
import { z } from 'zod';
import { Checkpoint } from '../../src-shared/reconcile';
import { AuditEntry, BookSource, Snapshot } from '../../src-shared/contract/reconcile';
import type { StoreBackendFactory } from '../store/backend';
import { createJsonStore, type StoreProblem } from '../store/json-store';

/** What an undo puts back: the state just before the last apply. */
export const UndoPoint = z.object({
  auditId: z.string(),
  source: BookSource.nullable(),
  snapshot: Snapshot.nullable(),
  checkpoint: Checkpoint.nullable(),
});
export type UndoPoint = z.infer<typeof UndoPoint>;

export const AccountReconcileState = z.object({
  /** The book the next run compares with Kraken. */
  source: BookSource.nullable(),
  /** The book as last applied. */
  snapshot: Snapshot.nullable(),
  /** What Kraken showed (balances, newest ledger entry) when the book was last reconciled. */
  checkpoint: Checkpoint.nullable(),
  /** Oldest first; never trimmed: it is the operator's record of every change to the book. */
  audit: z.array(AuditEntry),
  undo: UndoPoint.nullable(),
});
export type AccountReconcileState = z.infer<typeof AccountReconcileState>;

const ReconcileFile = z.object({ accounts: z.record(z.string(), AccountReconcileState) });
type ReconcileFile = z.infer<typeof ReconcileFile>;

export const EMPTY_ACCOUNT_STATE: AccountReconcileState = {
  source: null,
  snapshot: null,
  checkpoint: null,
  audit: [],
  undo: null,
};

export interface ReconcileStore {
  readonly problems: readonly StoreProblem[];
  get(account: string): AccountReconcileState;
  /** Validates and writes the account's new state atomically; on failure nothing changes. */
  update(account: string, change: (current: AccountReconcileState) => AccountReconcileState): AccountReconcileState;
}

export function createReconcileStore(options: { dataDir: string; backend?: StoreBackendFactory }): ReconcileStore {
  const store = createJsonStore<ReconcileFile>({
    dir: options.dataDir,
    name: 'reconcile',
    schema: ReconcileFile,
    defaults: { accounts: {} },
    version: 1,
    ...(options.backend ? { backend: options.backend } : {}),
  });
  const get = (account: string) => store.get().accounts[account] ?? structuredClone(EMPTY_ACCOUNT_STATE);
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
