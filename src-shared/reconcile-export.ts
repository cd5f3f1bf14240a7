// The reconcile report as files an operator can keep or share: CSV (one line per asset, for a spreadsheet) and
// JSON (everything the run knew, for tools). Both say which ledger groups explain each difference.
import type { AuditEntry, RunResult } from './contract/reconcile';
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

/** Quotes what a spreadsheet would split, and defuses text a spreadsheet would run as a formula. */
function csvField(value: string | null, text = false): string {
  const raw = value ?? '';
  const safe = text && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function describeGroups(groups: readonly ActivityGroup[]): string {
  return groups.map((g) => `${g.kind} ${g.refid} (${g.change})`).join('; ');
}

export function reconcileReportToCsv(run: RunResult, applied: AuditEntry | null): string {
  const rows = run.report.rows.map((row) => {
    const guideRow = run.guide.find((g) => g.asset === row.asset);
    const change = applied?.record.changes.find((c) => c.asset === row.asset);
    const cells: [string | null, boolean][] = [
      [row.asset, true],
      [run.assets[row.asset]?.code ?? row.asset, true],
      [row.status, false],
      [row.bookQuantity, false],
      [row.exchangeQuantity, false],
      [row.difference, false],
      [row.entryPrice, false],
      [row.quoteCurrency, true],
      [row.ignoredAsDust ? 'yes' : 'no', false],
      [row.ledgerChange, false],
      [describeGroups(row.explanation?.groups ?? []), true],
      [row.integrity, false],
      [String(run.openOrders[row.asset] ?? 0), false],
      [row.detail, true],
      [guideRow?.proposed.action ?? null, false],
      [change?.action ?? null, false],
    ];
    return cells.map(([value, text]) => csvField(value, text)).join(',');
  });
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
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
