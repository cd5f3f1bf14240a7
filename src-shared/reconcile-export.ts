// The reconcile report as files an operator can keep or share: CSV (one line per asset, for a spreadsheet) and
// JSON (everything the run knew, for tools). Both say which ledger groups explain each difference.
import type { AuditEntry, RunResult } from './contract/reconcile';
import { toCsv } from './csv';
import type { ActivityGroup } from './reconcile';

const CSV_COLUMNS = [
  'asset',
  'code',
  'status',
  'book_quantity',
  'exchange_quantity',
  'difference',
  'entry_price',
  'quote_currency',
  'ignored_as_dust',
  'ledger_change',
  'explained_by',
  'integrity',
  'open_orders',
  'detail',
  'proposed_resolution',
  'applied_resolution',
] as const;

function describeGroups(groups: readonly ActivityGroup[]): string {
  return groups.map((g) => `${g.kind} ${g.refid} (${g.change})`).join('; ');
}

export function reconcileReportToCsv(run: RunResult, applied: AuditEntry | null): string {
  const rows = run.report.rows.map((row) => {
    const guideRow = run.guide.find((g) => g.asset === row.asset);
    const change = applied?.record.changes.find((c) => c.asset === row.asset);
    return [
      row.asset,
      run.assets[row.asset]?.code ?? row.asset,
      row.status,
      row.bookQuantity,
      row.exchangeQuantity,
      row.difference,
      row.entryPrice,
      row.quoteCurrency,
      row.ignoredAsDust ? 'yes' : 'no',
      row.ledgerChange,
      describeGroups(row.explanation?.groups ?? []),
      row.integrity,
      String(run.openOrders[row.asset] ?? 0),
      row.detail,
      guideRow?.proposed.action ?? null,
      change?.action ?? null,
    ];
  });
  return toCsv(CSV_COLUMNS, rows);
}

export function reconcileReportToJson(account: string, run: RunResult, applied: AuditEntry | null): string {
  const report = {
    account,
    at: new Date(run.at).toISOString(),
    book: { kind: run.bookKind, label: run.bookLabel, positions: run.book.positions, ignoredDust: run.book.ignoredDust },
    tolerances: run.report.tolerances,
    rows: run.report.rows,
    integrity: run.report.integrity,
    guide: run.guide,
    applied: applied === null ? null : { ...applied.record, note: applied.note, undoneAt: applied.undoneAt },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
