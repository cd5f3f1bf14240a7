// What Reconcile's parts share for each account: the saved book, checkpoint and audit (the reconcile file), the last
// run's result held until the next one, the background trade look-up, and the one task that may run at a time.
import type { Clock } from '../../../src-shared/clock';
import type { ReconcileState, RunResult, TradesLookup } from '../../../src-shared/contract/reconcile';
import type { Book } from '../../../src-shared/book';
import { AppError } from '../../../src-shared/errors';
import { dec } from '../../../src-shared/money';
import type { GuideContext } from '../../../src-shared/reconcile-guide';
import type { Emit } from '../../app/contract-host';
import { accountKey } from '../../connection/account-key';
import type { Connection } from '../../connection/connection-manager';
import type { AccountMirrors } from '../../mirror/account-mirrors';
import type { ReconcileFile } from './reconcile-file';
import type { ConsistentRead } from './reconcile-read';
import type { TaskTracker } from './reconcile-progress';

/** A run result with what it was based on, so an apply can tell whether the book or checkpoint moved since. */
export interface HeldRun {
  result: RunResult;
  sourceChosenAt: number;
  /** What the guide was built with, so trade history read later can be added to it. */
  guideContext: GuideContext;
}

export interface ReconcileSession {
  file: ReconcileFile;
  mirrors: Pick<AccountMirrors, 'of'>;
  reads: ConsistentRead;
  tasks: TaskTracker;
  /** The last run per account, until the next run, a new book or an undo. */
  runs: Map<string, HeldRun>;
  /** The background trade look-up per account, kept until the next run so its result stays on the cards. */
  lookups: Map<string, TradesLookup>;
  clock: Clock;
  emit: Emit;
}

export function positionsOf(book: Book): string[] {
  return book.positions.filter((p) => dec(p.quantity).gt(0)).map((p) => p.asset);
}

/** Tells Portfolio (its "in use" flags) and the conversion review which assets OC9's book now holds. */
export function announceBook(session: ReconcileSession, book: Book | null): void {
  session.emit('reconcile.bookChanged', { positionAssets: book ? positionsOf(book) : [] });
}

export function currentRun(session: ReconcileSession, key: string): HeldRun {
  const held = session.runs.get(key);
  if (held === undefined) throw new AppError('conflict', 'There is no reconcile result to use. Run Reconcile first.');
  return held;
}

/** Everything the Reconcile screen shows for the account. */
export function stateOf(session: ReconcileSession, connection: Connection): ReconcileState {
  const key = accountKey(connection);
  const state = session.file.get(key);
  return {
    account: connection.label,
    source: state.source,
    snapshot: state.snapshot,
    checkpoint: state.checkpoint,
    audit: [...state.audit].reverse(),
    undoableAuditId: state.undo?.auditId ?? null,
    run: session.runs.get(key)?.result ?? null,
    running: session.tasks.progressOf(key),
    tradesKept: session.mirrors.of(connection).mirror.count('trades'),
    tradesLookup: session.lookups.get(key) ?? null,
    storeProblems: session.file.problems.map((p) => p.message),
  };
}
