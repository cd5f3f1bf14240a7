// Choosing OC9's book for the next run, and the checkpoint it is compared from: a positions file (Kraken as it was at
// the file's own moment), a book rebuilt from trade history (Kraken now), or the last apply's snapshot.
import type { BookSource, ImportResult, ReconcileState } from '../../../src-shared/contract/reconcile';
import { parsePositionsFile } from '../../../src-shared/book';
import { AppError } from '../../../src-shared/errors';
import type { Checkpoint } from '../../../src-shared/reconcile';
import { accountKey } from '../../connection/account-key';
import type { Connection } from '../../connection/connection-manager';
import { readMarket } from './reconcile-market';
import { krakenAtMoment, MomentProblem } from './reconcile-moment';
import { tradeHooks } from './reconcile-read';
import { announceBook, stateOf, type ReconcileSession } from './reconcile-session';

/** Said once, when a version 1 file (which never says when it was written) is imported. */
const MOMENT_WHY =
  'Reconcile compares the book with Kraken as it was when OC9 wrote the file, so that every change since (a conversion, a trade) is explained by the ledger.';
/** How the operator's answer is named in messages, for a file that has no asOf of its own. */
const ASKED_MOMENT = 'When OC9 wrote the file';

export interface ImportInput {
  fileName: string;
  text: string;
  fileModifiedAt?: number | undefined;
  asOf?: string | undefined;
}

export function createBookChoice(session: ReconcileSession) {
  const { file, clock, tasks, reads } = session;

  /** Sets the book for the next run and its checkpoint: Kraken as it was at the book's own moment. */
  const chooseSource = (connection: Connection, source: Omit<BookSource, 'chosenAt' | 'asOf'>, checkpoint: Checkpoint): ReconcileState => {
    const key = accountKey(connection);
    file.update(key, (s) => ({ ...s, source: { ...source, chosenAt: clock.now(), asOf: checkpoint.at }, checkpoint }));
    session.runs.delete(key);
    session.lookups.delete(key);
    announceBook(session, source.book);
    return stateOf(session, connection);
  };

  /** A snapshot is true at the apply that wrote it: that apply's checkpoint. */
  const snapshotCheckpoint = (key: string): Checkpoint | null => {
    const state = file.get(key);
    const auditId = state.snapshot?.auditId;
    return state.audit.find((entry) => entry.record.id === auditId)?.checkpointAfter ?? null;
  };

  return {
    async importPositions(connection: Connection, input: ImportInput): Promise<ImportResult> {
      const key = accountKey(connection);
      tasks.requireIdle(key);
      const parsed = parsePositionsFile(input.text);
      // the parser can name one problem twice (field check and whole-book check): say it once
      if (!parsed.ok) return { outcome: 'invalid', errors: [...new Set(parsed.errors)] };
      const asOf = parsed.moment.asOf ?? input.asOf ?? null;
      if (asOf === null) {
        const proposedAsOf = input.fileModifiedAt === undefined ? null : new Date(input.fileModifiedAt).toISOString();
        return { outcome: 'needs-moment', proposedAsOf, why: MOMENT_WHY };
      }
      const label = input.fileName.trim() === '' ? 'positions file' : input.fileName.trim();
      try {
        const atMoment = await tasks.track(key, 'ledger', (control) =>
          krakenAtMoment(
            connection.client,
            session.mirrors.of(connection),
            {
              asOf: Date.parse(asOf),
              ledgerCursor: parsed.moment.ledgerCursor,
              asOfField: parsed.moment.asOf === null ? ASKED_MOMENT : 'asOf',
            },
            {
              onPhase: (phase) => control.phase(phase),
              onPage: (pages, entries, total) => control.page(pages, entries, total),
              onRateWait: (ms) => control.rateWait(ms),
            },
          ),
        );
        return {
          outcome: 'imported',
          state: chooseSource(connection, { kind: 'positions-file', label, book: parsed.book, notes: [] }, atMoment),
        };
      } catch (error) {
        if (error instanceof MomentProblem) return { outcome: 'invalid', errors: [error.message] };
        throw error;
      }
    },

    rebuildFromTrades(connection: Connection): Promise<ReconcileState> {
      return tasks.track(accountKey(connection), 'trades', async (control) => {
        const view = await readMarket(connection.metadata, connection.client);
        const rebuilt = await reads.tradesBook(connection, view, tradeHooks(control));
        const label = `trade history (${rebuilt.trades.length} trades)`;
        // a book rebuilt from every trade is true now: the checkpoint is Kraken as it is now
        const checkpoint = await reads.baseline(connection, control);
        return chooseSource(connection, { kind: 'trades', label, book: rebuilt.book, notes: rebuilt.notes }, checkpoint);
      });
    },

    async useSnapshot(connection: Connection): Promise<ReconcileState> {
      const key = accountKey(connection);
      tasks.requireIdle(key);
      const { snapshot } = file.get(key);
      if (snapshot === null) throw new AppError('conflict', 'There is no reconciled snapshot yet: apply a reconcile first.');
      const checkpoint = snapshotCheckpoint(key) ?? (await tasks.track(key, 'ledger', (control) => reads.baseline(connection, control)));
      return chooseSource(connection, { kind: 'snapshot', label: 'last reconciled snapshot', book: snapshot.book, notes: [] }, checkpoint);
    },
  };
}
