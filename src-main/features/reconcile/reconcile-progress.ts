// One long reconcile task per account at a time (a run, an import at the book's moment, a rebuild), with its progress
// published phase by phase, page by page, and through every wait on Kraken's call counter.
import type { RunPhase, RunProgress } from '../../../src-shared/contract/reconcile';
import { AppError } from '../../../src-shared/errors';
import type { Emit } from '../../app/contract-host';

/** Moves a long task's published progress along. */
export interface ProgressControl {
  phase(next: RunPhase): void;
  page(pages: number, records: number, total: number | undefined): void;
  rateWait(waitMs: number): void;
  current(): RunProgress;
}

export interface TaskTracker {
  /** Runs `work` as the account's one task; a second request while one runs is refused. */
  track<T>(key: string, phase: RunPhase, work: (progress: ProgressControl) => Promise<T>): Promise<T>;
  /** The running task's progress, or null. */
  progressOf(key: string): RunProgress | null;
  /** Refuses while a task runs for the account. */
  requireIdle(key: string): void;
}

export function createTaskTracker(emit: Emit): TaskTracker {
  const tasks = new Map<string, RunProgress>();
  return {
    async track(key, phase, work) {
      if (tasks.has(key)) {
        throw new AppError('busy', 'A reconcile run is already going on for this account. Wait for it to finish, then try again.', true);
      }
      const progress: RunProgress = { phase, pages: 0, records: 0, total: null, rateWaits: 0, rateWaitMs: 0, waitMs: null };
      const publish = () => emit('reconcile.progress', { ...progress });
      const control: ProgressControl = {
        phase(next) {
          Object.assign(progress, { phase: next, pages: 0, records: 0, total: null, waitMs: null });
          publish();
        },
        page(pages, records, total) {
          Object.assign(progress, { pages, records, total: total ?? null, waitMs: null });
          publish();
        },
        rateWait(waitMs) {
          const ms = Math.max(0, Math.round(waitMs));
          progress.rateWaits += 1;
          progress.rateWaitMs += ms;
          progress.waitMs = ms;
          publish();
        },
        current: () => ({ ...progress }),
      };
      tasks.set(key, progress);
      try {
        return await work(control);
      } finally {
        tasks.delete(key);
        progress.phase = 'done';
        progress.waitMs = null;
        publish();
      }
    },
    progressOf: (key) => tasks.get(key) ?? null,
    requireIdle(key) {
      if (tasks.has(key)) {
        throw new AppError('busy', 'A reconcile run is going on for this account. Wait for it to finish, then try again.', true);
      }
    },
  };
}
