import { describe, expect, it } from 'vitest';
import type { Book } from './book';
import type { AuditEntry, RunResult } from './contract/reconcile';
import { RunResult as RunResultSchema } from './contract/reconcile';
import { DEFAULT_TOLERANCES, reconcile } from './reconcile';
import { applyResolutions, buildGuide } from './reconcile-guide';
import { reconcileReportToCsv, reconcileReportToJson } from './reconcile-export';

const T0 = 1_770_000_000;

const book: Book = {
  positions: [{ asset: 'XXBT', quantity: '0.5', entryPrice: '60000', quoteCurrency: 'ZUSD', openedAt: null, source: 'positions-file' }],
  ignoredDust: [],
};

const report = reconcile({
  at: (T0 + 60) * 1000,
  book,
  balances: { XXBT: '0.51', ZUSD: '0' },
  entries: [
    {
      id: 'L1',
      refid: 'TBUY',
      time: String(T0 + 30),
      type: 'trade',
      subtype: '',
      aclass: 'currency',
      asset: 'XXBT',
      amount: '0.01',
      fee: '0',
      balance: '0.51',
    },
  ],
  checkpoint: { at: T0 * 1000, ledgerCursor: null, balances: { XXBT: '0.5' } },
  tolerances: DEFAULT_TOLERANCES,
  cashAssets: ['ZUSD'],
});
const guide = buildGuide(report);

function runResult(detailOverride?: string): RunResult {
  const rows = report.rows.map((r) => (detailOverride === undefined ? r : { ...r, detail: detailOverride }));
  return RunResultSchema.parse({
    id: 'run-1',
    at: report.at,
    book,
    bookKind: 'positions-file',
    bookLabel: 'oc9.json',
    report: { ...report, rows },
    guide,
    assets: { XXBT: { code: 'BTC', displayDecimals: 5 } },
    openOrders: { XXBT: 2 },
    usdPrices: { XXBT: '90000' },
    sync: { fromCheckpointAt: T0 * 1000, pages: 1, newEntries: 1, entriesSinceCheckpoint: 1, rateWaits: 0, rateWaitMs: 0 },
    trades: { read: false, count: 0, notes: [], problem: null, byAsset: {} },
    receipts: [],
    appliedAuditId: null,
  });
}

const applied = applyResolutions(book, guide, [{ asset: 'XXBT', action: 'accept-exchange-quantity' }], {
  id: 'a1',
  at: T0 * 1000,
  who: 'ops',
});
const auditEntry: AuditEntry = {
  record: applied.audit,
  note: 'manual buy',
  bookKind: 'positions-file',
  checkpointBefore: null,
  checkpointAfter: report.nextCheckpoint,
  undoneAt: null,
};

describe('reconcile report export', () => {
  it('writes one CSV line per asset naming the ledger groups, the proposal and what was applied', () => {
    const lines = reconcileReportToCsv(runResult(), auditEntry).split('\r\n');
    expect(lines[0]).toBe(
      'asset,code,status,book_quantity,exchange_quantity,difference,entry_price,quote_currency,ignored_as_dust,ledger_change,explained_by,integrity,open_orders,detail,proposed_resolution,applied_resolution',
    );
    expect(lines[1]).toBe(
      'XXBT,BTC,changed-explained,0.5,0.51,0.01,60000,ZUSD,no,0.01,trade TBUY (0.01),pass,2,"Kraken holds 0.01 more than the book, explained by a trade.",accept-exchange-quantity,accept-exchange-quantity',
    );
    expect(lines.slice(2)).toEqual(['']);
  });

  it('quotes separators and defuses text a spreadsheet would run as a formula', () => {
    const [, line] = reconcileReportToCsv(runResult('=HYPERLINK("x")'), null).split('\r\n');
    expect(line).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(line?.endsWith(',accept-exchange-quantity,')).toBe(true);
  });

  it('writes the whole run as JSON, with the applied record', () => {
    const json = JSON.parse(reconcileReportToJson('Demo account', runResult(), auditEntry)) as Record<string, unknown>;
    expect(json).toMatchObject({
      account: 'Demo account',
      at: new Date(report.at).toISOString(),
      book: { kind: 'positions-file', label: 'oc9.json', positions: book.positions },
      rows: [{ asset: 'XXBT', status: 'changed-explained' }],
      applied: {
        id: 'a1',
        who: 'ops',
        note: 'manual buy',
        undoneAt: null,
        changes: [{ asset: 'XXBT', action: 'accept-exchange-quantity' }],
      },
    });
  });
});
