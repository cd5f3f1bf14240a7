// The reconcile service against the real simulator over HTTP (virtual clock shared by both, so the call counter's
// waits pass instantly): import, manual changes on "Kraken", run, explanations, apply, undo, export, restart.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Book } from '../../../src-shared/book';
import { parsePositionsFile } from '../../../src-shared/book';
import { krakenTimeMs } from '../../../src-shared/kraken-time';
import { DEFAULT_SETTINGS } from '../../../src-shared/contract/settings';
import type { ReconcileState, RunProgress, RunResult } from '../../../src-shared/contract/reconcile';
import { AppError } from '../../../src-shared/errors';
import type { Emit } from '../../app/contract-host';
import { startHarness, type Harness } from '../../kraken/test-harness';
import { createAccountMirrors, type AccountMirrors } from '../../mirror/account-mirrors';
import { connectionOf } from '../../connection/connection-manager';
import { createReconcileService, type ReconcileService } from './reconcile-service';

const FIXTURE_BOOK: Book = {
  positions: [
    {
      asset: 'XXBT',
      quantity: '0.5',
      entryPrice: '60000',
      quoteCurrency: 'ZUSD',
      openedAt: '2026-01-05T10:00:00Z',
      source: 'positions-file',
    },
    { asset: 'XETH', quantity: '2', entryPrice: '2500', quoteCurrency: 'ZUSD', openedAt: '2026-02-01T09:30:00Z', source: 'positions-file' },
    // DOT and DOT.F are one position
    { asset: 'DOT', quantity: '20.1', entryPrice: '5.5', quoteCurrency: 'ZUSD', openedAt: null, source: 'positions-file' },
    { asset: 'LUNA', quantity: '5', entryPrice: '1.2', quoteCurrency: 'ZUSD', openedAt: null, source: 'positions-file' },
    { asset: 'XETC', quantity: '0.2', entryPrice: '18', quoteCurrency: 'ZUSD', openedAt: null, source: 'positions-file' },
  ],
  ignoredDust: ['ADA:1.5', 'XXDG:3', 'KAVA:2', 'ACA:20', 'TKN:1'].map((text) => {
    const [asset = '', quantity = ''] = text.split(':');
    return { asset, quantity, markedAt: '2026-03-01T00:00:00Z' };
  }),
};

/** The file OC9 writes: version 2, true at `asOf`. */
function positionsFile(book: Book, asOf: number): string {
  return JSON.stringify({ version: 2, asOf: new Date(asOf).toISOString(), ...book });
}

interface Setup {
  h: Harness;
  dataDir: string;
  mirrors: AccountMirrors;
  service: ReconcileService;
  progress: RunProgress[];
  booksAnnounced: string[][];
  restart(): ReconcileService;
  /** Refids History has receipts for. */
  receipts: Set<string>;
}

let running: Setup | undefined;
afterEach(async () => {
  running?.mirrors.close();
  await running?.h.stop();
  if (running) await rm(running.dataDir, { recursive: true, force: true });
  running = undefined;
});

async function setup(): Promise<Setup> {
  const h = await startHarness();
  const dataDir = await mkdtemp(join(tmpdir(), 'oc9-reconcile-'));
  const client = h.client();
  const progress: RunProgress[] = [];
  const booksAnnounced: string[][] = [];
  const emit: Emit = (name, payload) => {
    if (name === 'reconcile.progress') progress.push(payload as RunProgress);
    if (name === 'reconcile.bookChanged') booksAnnounced.push((payload as { positionAssets: string[] }).positionAssets);
  };
  let counter = 0;
  const receipts = new Set<string>();
  const mirrors = createAccountMirrors({ dataDir, clock: h.clock });
  const connection = connectionOf({ mode: 'demo', baseUrl: h.sim.url, label: 'Test account', accountId: null }, client, h.clock);
  const make = () =>
    createReconcileService({
      dataDir,
      connections: { current: () => connection },
      mirrors,
      settings: { current: () => DEFAULT_SETTINGS },
      clock: h.clock,
      emit,
      operator: 'ops@desk',
      newId: () => `id-${++counter}`,
      receiptRefids: () => receipts,
    });
  running = { h, dataDir, mirrors, service: make(), progress, booksAnnounced, restart: make, receipts };
  return running;
}

function runOf(state: ReconcileState): RunResult {
  if (state.run === null) throw new Error('no run result');
  return state.run;
}

function row(run: RunResult, asset: string) {
  const found = run.report.rows.find((r) => r.asset === asset);
  if (found === undefined) throw new Error(`no row for ${asset}`);
  return found;
}

async function importBook(s: Setup, book: Book = FIXTURE_BOOK, asOf = s.h.clock.now()): Promise<ReconcileState> {
  const result = await s.service.handlers['reconcile.importPositions']({ fileName: 'oc9-positions.json', text: positionsFile(book, asOf) });
  if (result.outcome !== 'imported') throw new Error(JSON.stringify(result));
  return result.state;
}

const run = (s: Setup, readTradeHistory: 'when-needed' | 'always' = 'when-needed') =>
  s.service.handlers['reconcile.run']({ readTradeHistory });

/** Accepts the proposal of every guide row. */
function acceptAll(result: RunResult) {
  return result.guide.map((g) => ({ asset: g.asset, action: g.proposed.action }));
}

async function expectAppError(promise: Promise<unknown>, code: string, message: RegExp) {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
}

describe('reconcile service', () => {
  it('refuses a corrupt positions file with pointed errors and changes nothing', async () => {
    const s = await setup();
    const broken = JSON.stringify({
      version: 1,
      positions: [{ asset: 'XXBT', quantity: '-1', entryPrice: 64000, quoteCurrency: 'ZUSD', openedAt: null, entry_price: '1' }],
    });
    const result = await s.service.handlers['reconcile.importPositions']({ fileName: 'bad.json', text: broken });
    if (result.outcome !== 'invalid') throw new Error(`expected errors, got ${result.outcome}`);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('positions[0]: unknown field "entry_price"'),
        expect.stringMatching(/^positions\[0\]\.quantity: must be zero or more/),
        expect.stringMatching(/^positions\[0\]\.entryPrice: must be a decimal number/),
      ]),
    );
    const garbled = await s.service.handlers['reconcile.importPositions']({ fileName: 'bad.json', text: '{"version": 1,' });
    expect(garbled).toMatchObject({ outcome: 'invalid', errors: [expect.stringContaining('not valid JSON')] });

    const state = await s.service.handlers['reconcile.state']({});
    expect(state).toMatchObject({ source: null, checkpoint: null, snapshot: null, audit: [], run: null });
    // nothing written but the account mirror's copy of Kraken's ledger, which the state reads its trade count from
    expect((await readdir(s.dataDir)).filter((name) => name !== 'mirror')).toEqual([]);
    expect(s.booksAnnounced).toEqual([]);
    await expectAppError(run(s), 'conflict', /Choose OC9’s book first/);
  });

  it('explains a manual trade and a dust sweep, applies the guide, and the next run is in sync', async () => {
    const s = await setup();
    const imported = await importBook(s);
    expect(imported.source).toMatchObject({ kind: 'positions-file', label: 'oc9-positions.json' });
    expect(imported.checkpoint?.balances['XXBT']).toMatch(/^0\.50*$/);
    expect(s.service.positionAssets()).toEqual(new Set(['XXBT', 'XETH', 'DOT', 'LUNA', 'XETC']));

    const untouched = runOf(await run(s));
    expect(untouched.report.rows.filter((r) => r.status !== 'in-sync').map((r) => r.asset)).toEqual([]);
    expect(untouched.guide).toEqual([]);

    // the operator changes the account by hand on Kraken
    s.h.clock.advance(60_000);
    const trade = await s.h.admin<{ txid: string }>('trade', { pair: 'XBTUSD', type: 'buy', volume: '0.01' });
    const sweep = await s.h.admin<{ refid: string; legs: { asset: string }[] }>('convert-small-balances', { target: 'ZUSD' });
    const swept = sweep.legs.map((l) => l.asset).filter((a) => a !== 'ZUSD');
    expect(swept).toEqual(expect.arrayContaining(['ADA', 'DOT', 'XXDG', 'KAVA', 'ACA', 'TKN']));

    s.progress.length = 0;
    const changed = runOf(await run(s));
    const xbt = row(changed, 'XXBT');
    expect(xbt).toMatchObject({ status: 'changed-explained', difference: '0.01', integrity: 'pass' });
    expect(xbt.explanation?.groups).toEqual([expect.objectContaining({ refid: trade.txid, kind: 'trade', change: '0.01' })]);
    for (const asset of ['ADA', 'XXDG', 'KAVA', 'ACA', 'TKN', 'DOT']) {
      const r = row(changed, asset);
      expect(r.status, asset).toBe('changed-explained');
      expect(
        r.explanation?.groups.map((g) => [g.kind, g.refid]),
        asset,
      ).toEqual([['dust-sweep', sweep.refid]]);
    }
    expect(row(changed, 'DOT')).toMatchObject({ exchangeQuantity: '20', difference: '-0.1' });
    expect(changed.report.integrity.filter((c) => c.status === 'fail')).toEqual([]);
    // the sweep's legs share one time: the next checkpoint is Kraken's newest entry in Kraken's order
    expect(changed.report.nextCheckpoint.ledgerCursor?.id).toBe(s.h.sim.account.ledger.all().at(-1)?.id);
    expect(changed.report.integrity.find((c) => c.asset === 'ZUSD')).toMatchObject({ status: 'pass' });
    expect(changed.sync).toMatchObject({ newEntries: sweep.legs.length + 2, entriesSinceCheckpoint: sweep.legs.length + 2 });
    expect(changed.assets['XXBT']).toEqual({ code: 'BTC', displayDecimals: 5 });
    expect(s.progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['ledger', 'balances', 'orders', 'prices', 'diff', 'done']));
    expect(s.progress.some((p) => p.phase === 'ledger' && p.pages === 1 && p.records === sweep.legs.length + 2)).toBe(true);

    const proposals = Object.fromEntries(changed.guide.map((g) => [g.asset, g.proposed.action]));
    expect(proposals).toMatchObject({
      XXBT: 'accept-exchange-quantity',
      DOT: 'accept-exchange-quantity',
      ADA: 'close-record',
      TKN: 'close-record',
    });

    await expectAppError(
      s.service.handlers['reconcile.apply']({ runId: changed.id, decisions: acceptAll(changed).slice(1), note: '' }),
      'invalid_input',
      /Decide every row before applying: \w+ still needs a decision/,
    );
    await expectAppError(
      s.service.handlers['reconcile.apply']({ runId: 'old', decisions: acceptAll(changed), note: '' }),
      'conflict',
      /out of date/,
    );

    const applied = await s.service.handlers['reconcile.apply']({
      runId: changed.id,
      decisions: acceptAll(changed),
      note: 'Dust cleanup and a manual BTC buy',
    });
    expect(applied.snapshot?.book.positions.find((p) => p.asset === 'XXBT')).toMatchObject({ quantity: '0.51', entryPrice: '60000' });
    expect(applied.snapshot?.book.ignoredDust).toEqual([]);
    expect(applied.checkpoint).toEqual(changed.report.nextCheckpoint);
    expect(applied.source).toMatchObject({ kind: 'snapshot' });
    const [entry] = applied.audit;
    expect(entry).toMatchObject({ note: 'Dust cleanup and a manual BTC buy', undoneAt: null, bookKind: 'positions-file' });
    expect(entry?.record.who).toBe('ops@desk');
    expect(entry?.record.before).toEqual(FIXTURE_BOOK);
    expect(entry?.record.changes.find((c) => c.asset === 'XXBT')).toMatchObject({ from: { quantity: '0.5' }, to: { quantity: '0.51' } });
    expect(applied.undoableAuditId).toBe(entry?.record.id);
    expect(runOf(applied).appliedAuditId).toBe(entry?.record.id);
    await expectAppError(
      s.service.handlers['reconcile.apply']({ runId: changed.id, decisions: acceptAll(changed), note: '' }),
      'conflict',
      /already applied/,
    );

    s.progress.length = 0;
    const again = runOf(await run(s));
    expect(again.report.rows.filter((r) => r.status !== 'in-sync').map((r) => r.asset)).toEqual([]);
    expect(again.guide).toEqual([]);
    expect(again.sync).toMatchObject({ newEntries: 0, entriesSinceCheckpoint: 0, pages: 1 });
    expect(again.report.integrity.filter((c) => c.status === 'fail')).toEqual([]);

    // the state survives a restart: snapshot, checkpoint and audit log come from the one file
    const reopened = await s.restart().handlers['reconcile.state']({});
    expect(reopened).toMatchObject({ snapshot: applied.snapshot, checkpoint: applied.checkpoint, audit: applied.audit, run: null });
  });

  it('undoes the last apply once, putting back the book and the checkpoint', async () => {
    const s = await setup();
    const imported = await importBook(s);
    await s.h.admin('trade', { pair: 'XBTUSD', type: 'sell', volume: '0.1' });
    const changed = runOf(await run(s));
    const applied = await s.service.handlers['reconcile.apply']({ runId: changed.id, decisions: acceptAll(changed), note: '' });
    const auditId = applied.audit[0]?.record.id ?? '';

    const undone = await s.service.handlers['reconcile.undo']({ auditId });
    expect(undone).toMatchObject({
      source: imported.source,
      checkpoint: imported.checkpoint,
      snapshot: null,
      undoableAuditId: null,
      run: null,
    });
    expect(undone.audit[0]?.undoneAt).toBeTypeOf('number');
    expect(s.booksAnnounced.at(-1)).toEqual(['XXBT', 'XETH', 'DOT', 'LUNA', 'XETC']);
    await expectAppError(s.service.handlers['reconcile.undo']({ auditId }), 'conflict', /only once/);

    // the ledger kept for the newer checkpoint is not reused: the sell is explained again
    const rerun = runOf(await run(s));
    expect(row(rerun, 'XXBT')).toMatchObject({ status: 'changed-explained', difference: '-0.1' });
  });

  it('finds an orphan and offers the entry price from trade history, fees included', async () => {
    const s = await setup();
    await s.h.admin('trade', { pair: 'ETHUSD', type: 'buy', volume: '0.5' });
    const withoutEth: Book = { ...FIXTURE_BOOK, positions: FIXTURE_BOOK.positions.filter((p) => p.asset !== 'XETH') };
    await importBook(s, withoutEth);

    const first = runOf(await run(s));
    expect(row(first, 'XETH')).toMatchObject({ status: 'orphan', bookQuantity: null, exchangeQuantity: '2.5' });
    // a first read of trade history is the operator's call: it can take minutes on a long history
    expect(first.trades).toMatchObject({ read: false, count: 0 });
    expect(first.guide.find((g) => g.asset === 'XETH')?.proposed.action).toBe('enter-entry-price');

    const result = runOf(await run(s, 'always'));
    expect(result.trades).toMatchObject({ read: true, count: 1, problem: null });
    const guideRow = result.guide.find((g) => g.asset === 'XETH');
    const boughtAt = s.h.sim.account.trades.at(-1);
    const wac = boughtAt === undefined ? '' : boughtAt.cost.plus(boughtAt.fee).div(boughtAt.vol).toFixed();
    expect(guideRow?.proposed).toMatchObject({
      action: 'adopt-trades-entry-price',
      quantity: '2.5',
      entryPrice: wac,
      quoteCurrency: 'ZUSD',
    });
    expect(guideRow?.proposed.evidence).toEqual({ kind: 'trades', trades: 1, average: wac, quoteCurrency: 'ZUSD' });
    expect(guideRow?.alternatives.map((a) => a.action)).toEqual(['adopt-market-price', 'enter-entry-price', 'mark-as-dust']);

    const typed = await s.service.handlers['reconcile.apply']({
      runId: result.id,
      decisions: [{ asset: 'XETH', action: 'enter-entry-price', entryPrice: '3050.25', why: 'From my own notes' }],
      note: '',
    });
    expect(typed.snapshot?.book.positions.find((p) => p.asset === 'XETH')).toMatchObject({
      quantity: '2.5',
      entryPrice: '3050.25',
      source: 'manual',
    });
    expect(typed.audit[0]?.record.changes).toEqual([expect.objectContaining({ asset: 'XETH', from: null, why: 'From my own notes' })]);
    // trade history is kept: the next run reads only what is new
    expect(typed.tradesKept).toBe(1);
  });

  it('rebuilds the book from trade history and uses the last snapshot', async () => {
    const s = await setup();
    await expectAppError(s.service.handlers['reconcile.useSnapshot']({}), 'conflict', /no reconciled snapshot/);
    await s.h.admin('trade', { pair: 'XBTUSD', type: 'buy', volume: '0.02' });
    await s.h.admin('trade', { pair: 'ETHUSD', type: 'buy', volume: '0.1' });
    const rebuilt = await s.service.handlers['reconcile.rebuildFromTrades']({});
    expect(rebuilt.source).toMatchObject({ kind: 'trades', label: 'trade history (2 trades)' });
    expect(rebuilt.source?.book.positions.map((p) => [p.asset, p.quantity])).toEqual([
      ['XETH', '0.1'],
      ['XXBT', '0.02'],
    ]);
    expect(rebuilt.checkpoint).not.toBeNull();
    expect(s.progress.some((p) => p.phase === 'trades' && p.records === 2)).toBe(true);

    const result = runOf(await run(s));
    // the rebuilt book knows only the traded part: the rest is drift, and the funded assets are orphans
    expect(row(result, 'XXBT')).toMatchObject({ status: 'drift', bookQuantity: '0.02' });
    expect(row(result, 'LUNA')).toMatchObject({ status: 'orphan' });
    const applied = await s.service.handlers['reconcile.apply']({
      runId: result.id,
      decisions: result.guide.map((g) => ({
        asset: g.asset,
        action: g.proposed.action,
        ...(g.proposed.action === 'enter-entry-price' ? { entryPrice: '1', quoteCurrency: 'ZUSD' } : {}),
      })),
      note: 'first reconcile',
    });
    const snapshotState = await s.service.handlers['reconcile.useSnapshot']({});
    expect(snapshotState.source).toMatchObject({ kind: 'snapshot', book: applied.snapshot?.book });
    const clean = runOf(await run(s));
    expect(clean.report.rows.filter((r) => r.status !== 'in-sync')).toEqual([]);
  });

  it('shows pages and call-counter waits on a long sync since the checkpoint', async () => {
    const s = await setup();
    await importBook(s);
    for (let i = 0; i < 260; i++) await s.h.admin('deposit', { asset: 'ZUSD', amount: '1' });
    s.progress.length = 0;
    const result = runOf(await run(s));
    expect(result.sync.pages).toBe(6);
    expect(result.sync.newEntries).toBe(260);
    expect(result.sync.rateWaits).toBeGreaterThan(0);
    const ledgerPages = s.progress.filter((p) => p.phase === 'ledger').map((p) => p.pages);
    expect(ledgerPages).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6]));
    expect(s.progress.some((p) => p.waitMs !== null && p.rateWaits > 0)).toBe(true);
    expect(result.report.integrity.find((c) => c.asset === 'ZUSD')).toMatchObject({ status: 'pass', ledgerChange: '260' });
  });

  it('exports the positions file and the report as CSV and JSON', async () => {
    const s = await setup();
    await importBook(s);
    await expectAppError(s.service.handlers['reconcile.export']({ kind: 'report-csv' }), 'conflict', /Run Reconcile first/);
    await s.h.admin('trade', { pair: 'XBTUSD', type: 'buy', volume: '0.01' });
    const result = runOf(await run(s));
    await s.service.handlers['reconcile.apply']({ runId: result.id, decisions: acceptAll(result), note: '' });

    const positions = await s.service.handlers['reconcile.export']({ kind: 'positions-file' });
    expect(positions.fileName).toMatch(/^oc9-positions-\d{4}-\d{2}-\d{2}\.json$/);
    const reread = parsePositionsFile(positions.content);
    expect(reread.ok && reread.book.positions.find((p) => p.asset === 'XXBT')?.quantity).toBe('0.51');

    const csv = await s.service.handlers['reconcile.export']({ kind: 'report-csv' });
    const lines = csv.content.trim().split('\r\n');
    expect(lines[0]).toMatch(/^asset,code,status,book_quantity,exchange_quantity,difference,/);
    const xbtLine = lines.find((l) => l.startsWith('XXBT,'));
    expect(xbtLine).toContain('changed-explained,0.5,0.51,0.01,60000,ZUSD');
    expect(xbtLine).toMatch(/trade T[A-Z0-9-]+ \(0\.01\)/);
    expect(xbtLine).toMatch(/accept-exchange-quantity,accept-exchange-quantity$/);

    const json = JSON.parse((await s.service.handlers['reconcile.export']({ kind: 'report-json' })).content) as Record<string, unknown>;
    expect(json).toMatchObject({ account: 'Test account', book: { kind: 'positions-file' }, applied: { who: 'ops@desk' } });
  });

  it('takes the checkpoint at the book’s moment: a conversion made before the import is explained, nothing is missing', async () => {
    const s = await setup();
    // OC9 wrote its book, then the operator converted small balances, then opened the console
    const written = s.h.clock.now();
    s.h.clock.advance(60_000);
    const sweep = await s.h.admin<{ refid: string; legs: { asset: string }[] }>('convert-small-balances', { target: 'ZUSD' });
    s.receipts.add(sweep.refid);
    s.h.clock.advance(60_000);
    const imported = await importBook(s, FIXTURE_BOOK, written);
    expect(imported.source?.asOf).toBe(written);
    expect(imported.checkpoint?.at).toBe(written);
    // the checkpoint holds the balances before the sweep, derived from the ledger entries since
    expect(imported.checkpoint?.balances['ADA']).toBe('1.5');

    const result = runOf(await run(s));
    const swept = sweep.legs.map((l) => l.asset).filter((a) => a !== 'ZUSD' && a !== 'USDT');
    for (const asset of ['ADA', 'XXDG', 'KAVA', 'ACA', 'TKN', 'DOT']) {
      expect(swept).toContain(asset);
      const r = row(result, asset);
      expect(r.status, asset).toBe('changed-explained');
      expect(r.detail, asset).toMatch(
        new RegExp(`^Swept by the conversion of \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC \\(${sweep.refid}\\)`),
      );
    }
    expect(result.report.rows.filter((r) => r.status === 'missing' || r.status === 'drift')).toEqual([]);
    expect(result.receipts).toEqual([sweep.refid]);
    // the cash the sweep credited is reported as cash, with what the ledger moved
    expect(result.report.nonPositions.find((n) => n.asset === 'ZUSD')).toMatchObject({ kind: 'cash' });
    // the swept records are closed (all gone) or reduced (DOT keeps its earn balance)
    const proposals = Object.fromEntries(result.guide.map((g) => [g.asset, g.proposed]));
    expect(proposals['ADA']).toMatchObject({ action: 'close-record', why: expect.stringContaining(sweep.refid) as unknown });
    expect(proposals['DOT']).toMatchObject({ action: 'accept-exchange-quantity', quantity: '20', entryPrice: '5.5' });
    // the entries read to find the checkpoint were kept: the run read only what came after them
    expect(result.sync.newEntries).toBe(0);
    expect(result.sync.entriesSinceCheckpoint).toBe(sweep.legs.length);
  });

  it('asks when a version 1 file was written, proposing its modification time, and then explains the same way', async () => {
    const s = await setup();
    const written = s.h.clock.now();
    s.h.clock.advance(60_000);
    const sweep = await s.h.admin<{ refid: string }>('convert-small-balances', { target: 'ZUSD' });
    const text = JSON.stringify({ version: 1, ...FIXTURE_BOOK });
    const asked = await s.service.handlers['reconcile.importPositions']({ fileName: 'old.json', text, fileModifiedAt: written });
    expect(asked).toEqual({
      outcome: 'needs-moment',
      proposedAsOf: new Date(written).toISOString(),
      why: expect.stringMatching(/^Reconcile compares the book with Kraken as it was when OC9 wrote the file/) as unknown,
    });
    expect((await s.service.handlers['reconcile.state']({})).source).toBeNull();

    const imported = await s.service.handlers['reconcile.importPositions']({
      fileName: 'old.json',
      text,
      asOf: new Date(written).toISOString(),
    });
    expect(imported.outcome).toBe('imported');
    const result = runOf(await run(s));
    expect(row(result, 'ADA')).toMatchObject({ status: 'changed-explained' });
    expect(row(result, 'ADA').explanation?.groups.map((g) => g.refid)).toEqual([sweep.refid]);
    expect(result.report.rows.filter((r) => r.status === 'missing')).toEqual([]);
  });

  it('refuses a moment Kraken cannot give balances for, naming the field, and keeps the book in use', async () => {
    const s = await setup();
    const now = s.h.clock.now();
    // Kraken serves this account's ledger only from three hours ago on (set before the mirror reads anything: what a
    // mirror read earlier it keeps, and from that it could tell the balances after all)
    await s.h.admin('ledger-retention', { from: new Date(now - 3 * 3_600_000).toISOString() });
    const before = await importBook(s);
    const file = (fields: Record<string, unknown>) => JSON.stringify({ version: 2, ...fields, ...FIXTURE_BOOK });
    const attempt = async (text: string) => s.service.handlers['reconcile.importPositions']({ fileName: 'next.json', text });

    expect(await attempt(file({}))).toEqual({
      outcome: 'invalid',
      errors: ['asOf: is missing; version 2 says when OC9 wrote the file, such as "2026-12-04T09:15:00Z"'],
    });
    const future = await attempt(file({ asOf: new Date(now + 3_600_000).toISOString() }));
    expect(future).toMatchObject({
      outcome: 'invalid',
      errors: [expect.stringMatching(/^asOf: .* is in the future \(Kraken's clock says/)],
    });
    const unknown = await attempt(file({ asOf: new Date(now).toISOString(), ledgerCursor: 'LNOPE1-XXXXX-YYYYYY' }));
    expect(unknown).toMatchObject({
      outcome: 'invalid',
      errors: [expect.stringMatching(/^ledgerCursor: Kraken has no ledger entry "LNOPE1-XXXXX-YYYYYY"/)],
    });
    const newest = s.h.sim.account.ledger.all().at(-1);
    const tooLate = await attempt(
      file({ asOf: new Date(krakenTimeMs(newest?.time ?? '0') - 3_600_000).toISOString(), ledgerCursor: newest?.id }),
    );
    expect(tooLate).toMatchObject({
      outcome: 'invalid',
      errors: [expect.stringMatching(/^ledgerCursor: entry .* was booked at .*, after asOf/)],
    });
    const tooOld = await attempt(file({ asOf: new Date(now - 5 * 86_400_000).toISOString() }));
    expect(tooOld).toMatchObject({
      outcome: 'invalid',
      errors: [expect.stringMatching(/^asOf: .* is older than the ledger Kraken still returns/)],
    });

    const after = await s.service.handlers['reconcile.state']({});
    expect(after.source).toEqual(before.source);
    expect(after.checkpoint).toEqual(before.checkpoint);
  });

  it('looks trade history up in the background: the guide stays usable and then offers the average with its trades', async () => {
    const s = await setup();
    await s.h.admin('trade', { pair: 'ETHUSD', type: 'buy', volume: '0.5' });
    const withoutEth: Book = { ...FIXTURE_BOOK, positions: FIXTURE_BOOK.positions.filter((p) => p.asset !== 'XETH') };
    await importBook(s, withoutEth);
    const first = runOf(await run(s));
    const before = first.guide.find((g) => g.asset === 'XETH');
    expect([before?.proposed, ...(before?.alternatives ?? [])].map((o) => o?.action)).toEqual([
      'enter-entry-price',
      'adopt-market-price',
      'mark-as-dust',
    ]);
    const market = before?.alternatives.find((o) => o.action === 'adopt-market-price');
    expect(market?.evidence).toMatchObject({ kind: 'market', pairs: ['ETH/USD'], quoteCurrency: 'ZUSD' });

    const started = await s.service.handlers['reconcile.lookUpTrades']({});
    expect(started.tradesLookup).toMatchObject({ status: 'reading' });
    // the guide is not locked meanwhile: the state (and its run) can be read at once
    expect(started.running).toBeNull();
    expect(runOf(started).id).toBe(first.id);
    let state = started;
    for (let i = 0; i < 200 && state.tradesLookup?.status === 'reading'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      state = await s.service.handlers['reconcile.state']({});
    }
    expect(state.tradesLookup).toMatchObject({ status: 'done', records: 1 });
    const looked = runOf(state);
    expect(looked.id).toBe(first.id);
    expect(looked.trades.byAsset['XETH']).toMatchObject({ trades: 1, quoteCurrency: 'ZUSD' });
    expect(looked.guide.find((g) => g.asset === 'XETH')?.proposed).toMatchObject({
      action: 'adopt-trades-entry-price',
      evidence: { kind: 'trades', trades: 1 },
    });

    const applied = await s.service.handlers['reconcile.apply']({
      runId: looked.id,
      decisions: [{ asset: 'XETH', action: 'adopt-market-price' }],
      note: '',
    });
    const change = applied.audit[0]?.record.changes[0];
    expect(change).toMatchObject({ asset: 'XETH', action: 'adopt-market-price', evidence: { kind: 'market', pairs: ['ETH/USD'] } });
    expect(applied.snapshot?.book.positions.find((p) => p.asset === 'XETH')).toMatchObject({ source: 'market', quoteCurrency: 'ZUSD' });
  });

  it('a snapshot carries its own moment: choosing it again restores the apply’s checkpoint', async () => {
    const s = await setup();
    await importBook(s);
    await s.h.admin('trade', { pair: 'XBTUSD', type: 'buy', volume: '0.01' });
    const result = runOf(await run(s));
    const applied = await s.service.handlers['reconcile.apply']({ runId: result.id, decisions: acceptAll(result), note: '' });
    await importBook(s);
    const chosen = await s.service.handlers['reconcile.useSnapshot']({});
    expect(chosen.checkpoint).toEqual(applied.checkpoint);
    expect(chosen.source?.asOf).toBe(applied.checkpoint?.at);

    const exported = parsePositionsFile((await s.service.handlers['reconcile.export']({ kind: 'positions-file' })).content);
    expect(exported).toMatchObject({
      ok: true,
      version: 2,
      moment: { asOf: new Date(applied.checkpoint?.at ?? 0).toISOString(), ledgerCursor: applied.checkpoint?.ledgerCursor?.id },
    });
  });

  it('sets a corrupt state file aside and says so', async () => {
    const s = await setup();
    await writeFile(join(s.dataDir, 'reconcile.json'), '{ not json');
    const state = await s.restart().handlers['reconcile.state']({});
    expect(state.storeProblems).toEqual([expect.stringContaining('could not be read')]);
    expect(state.source).toBeNull();
    const kept = (await readdir(s.dataDir)).find((name) => name.startsWith('reconcile.corrupt-'));
    expect(kept).toBeDefined();
    expect(await readFile(join(s.dataDir, kept ?? ''), 'utf8')).toBe('{ not json');
  });
});
