// Reconcile's downloads: OC9's positions file, true at its checkpoint so the bot and the next run start from there,
// and the last run's report as CSV or JSON with the apply that followed it.
import type { ExportFile } from '../../../src-shared/contract/export-file';
import type { ExportKind } from '../../../src-shared/contract/reconcile';
import { serializePositionsFile } from '../../../src-shared/book';
import { AppError } from '../../../src-shared/errors';
import { reconcileReportToCsv, reconcileReportToJson } from '../../../src-shared/reconcile-export';
import { accountKey } from '../../connection/account-key';
import type { Connection } from '../../connection/connection-manager';
import { currentRun, type ReconcileSession } from './reconcile-session';

export function reconcileDownload(session: ReconcileSession, connection: Connection, kind: ExportKind): ExportFile {
  const key = accountKey(connection);
  const state = session.file.get(key);
  const day = new Date(session.clock.now()).toISOString().slice(0, 10);
  if (kind === 'positions-file') {
    const book = state.source?.book ?? state.snapshot?.book;
    if (book === undefined)
      throw new AppError('conflict', 'There is no book to export yet. Import a positions file or rebuild the book first.');
    // the book is true at its checkpoint, so the file says so and Reconcile can start from there
    const asOf = new Date(state.source?.asOf ?? state.checkpoint?.at ?? session.clock.now()).toISOString();
    const moment = { asOf, ledgerCursor: state.checkpoint?.ledgerCursor?.id ?? null };
    return { fileName: `oc9-positions-${day}.json`, mimeType: 'application/json', content: serializePositionsFile(book, moment) };
  }
  const { result } = currentRun(session, key);
  const applied = state.audit.find((e) => e.record.id === result.appliedAuditId) ?? null;
  if (kind === 'report-csv') {
    return { fileName: `oc9-reconcile-${day}.csv`, mimeType: 'text/csv', content: reconcileReportToCsv(result, applied) };
  }
  return {
    fileName: `oc9-reconcile-${day}.json`,
    mimeType: 'application/json',
    content: reconcileReportToJson(connection.label, result, applied),
  };
}
