// The reconcile state of each Kraken account in ONE file, so that an apply (new snapshot, new checkpoint, audit
// record, undo point) or an undo is a single atomic write: after a crash the file holds all of it or none of it.
import { z } from 'zod';
import { Checkpoint } from '../../../src-shared/reconcile';
import { AuditEntry, BookSource, Snapshot } from '../../../src-shared/contract/reconcile';
import type { StoreBackendFactory } from '../../store/backend';
import { createAccountRecords, type AccountRecords } from '../../store/account-records';

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

export const EMPTY_ACCOUNT_STATE: AccountReconcileState = {
  source: null,
  snapshot: null,
  checkpoint: null,
  audit: [],
  undo: null,
};

export type ReconcileFile = AccountRecords<AccountReconcileState>;

export function createReconcileFile(options: { dataDir: string; backend?: StoreBackendFactory }): ReconcileFile {
  return createAccountRecords({ ...options, name: 'reconcile', record: AccountReconcileState, empty: EMPTY_ACCOUNT_STATE });
}
