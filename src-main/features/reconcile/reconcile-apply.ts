// Applying a run's decisions: the new book becomes the snapshot and the next run's source, with an audit record
// (before, after, who, when, why and the evidence of every adopted price); the last apply can be undone, once.
import type { ReconcileState } from '../../../src-shared/contract/reconcile';
import { AppError } from '../../../src-shared/errors';
import type { Decision } from '../../../src-shared/contract/reconcile';
import { applyResolutions } from '../../../src-shared/reconcile-guide';
import { accountKey } from '../../connection/account-key';
import type { Connection } from '../../connection/connection-manager';
import type { AccountReconcileState } from './reconcile-file';
import { announceBook, currentRun, stateOf, type ReconcileSession } from './reconcile-session';

export function createReconcileApply(session: ReconcileSession, deps: { operator: string; newId: () => string }) {
  const { file, clock, tasks } = session;
  return {
    apply(connection: Connection, runId: string, decisions: readonly Decision[], note: string): ReconcileState {
      const key = accountKey(connection);
      tasks.requireIdle(key);
      const held = currentRun(session, key);
      const { result } = held;
      const state = file.get(key);
      if (result.id !== runId) throw new AppError('conflict', 'These results are out of date. Run Reconcile again, then apply.');
      if (result.appliedAuditId !== null)
        throw new AppError('conflict', 'These results were already applied. Run Reconcile again to check the book.');
      if (state.checkpoint?.at !== result.sync.fromCheckpointAt || state.source?.chosenAt !== held.sourceChosenAt) {
        throw new AppError('conflict', 'The book changed since this run. Run Reconcile again, then apply.');
      }
      const undecided = result.guide.filter((row) => !decisions.some((d) => d.asset === row.asset));
      if (undecided.length > 0) {
        const names = undecided.map((row) => result.assets[row.asset]?.code ?? row.asset).join(', ');
        throw new AppError(
          'invalid_input',
          `Decide every row before applying: ${names} still ${undecided.length === 1 ? 'needs' : 'need'} a decision.`,
        );
      }
      const at = clock.now();
      const id = deps.newId();
      const applied = applyResolutions(result.book, result.guide, decisions, { id, at, who: deps.operator });
      const checkpointAfter = result.report.nextCheckpoint;
      file.update(key, (s): AccountReconcileState => ({
        source: {
          kind: 'snapshot',
          label: 'last reconciled snapshot',
          chosenAt: at,
          asOf: checkpointAfter.at,
          book: applied.book,
          notes: [],
        },
        snapshot: { at, book: applied.book, auditId: id },
        checkpoint: checkpointAfter,
        audit: [
          ...s.audit,
          {
            record: applied.audit,
            note: note.trim(),
            bookKind: result.bookKind,
            checkpointBefore: s.checkpoint,
            checkpointAfter,
            undoneAt: null,
          },
        ],
        undo: { auditId: id, source: s.source, snapshot: s.snapshot, checkpoint: s.checkpoint },
      }));
      session.runs.set(key, { ...held, sourceChosenAt: at, result: { ...result, appliedAuditId: id } });
      announceBook(session, applied.book);
      return stateOf(session, connection);
    },

    undo(connection: Connection, auditId: string): ReconcileState {
      const key = accountKey(connection);
      tasks.requireIdle(key);
      const point = file.get(key).undo;
      if (point === null || point.auditId !== auditId) {
        throw new AppError('conflict', 'Only the last apply can be undone, and only once.');
      }
      const at = clock.now();
      const next = file.update(key, (s) => ({
        source: point.source,
        snapshot: point.snapshot,
        checkpoint: point.checkpoint,
        audit: s.audit.map((e) => (e.record.id === auditId ? { ...e, undoneAt: at } : e)),
        undo: null,
      }));
      session.runs.delete(key);
      announceBook(session, next.source?.book ?? null);
      return stateOf(session, connection);
    },
  };
}
