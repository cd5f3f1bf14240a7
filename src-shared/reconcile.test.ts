import { describe, expect, it } from 'vitest';
import type { Book, Position } from './book';
import type { LedgerEntry } from './ledger';
import { dec, toWire } from './money';
import type { Dec } from './money';
import { DEFAULT_TOLERANCES, reconcile, ReconcileReport } from './reconcile';
import type { Checkpoint, ReconcileInput, ReconcileRow } from './reconcile';

const T0 = 1_760_000_000;

/** Writes ledger entries the way Kraken does: each running balance follows from the one before. */
function ledgerFrom(start: Record<string, string>) {
  const balances = new Map<string, Dec>(Object.entries(start).map(([asset, amount]) => [asset, dec(amount)]));
  const entries: LedgerEntry[] = [];
  let time = T0;
  return {
    entries,
    add(refid: string, type: string, subtype: string, legs: [asset: string, amount: string, fee?: string, legType?: string][]) {
      time += 60;
      for (const [asset, amount, fee = '0', legType = type] of legs) {
        const balance = (balances.get(asset) ?? dec('0')).plus(dec(amount)).minus(dec(fee));
        balances.set(asset, balance);
        const id = `L${String(entries.length + 1).padStart(5, '0')}-${refid}`;
        entries.push({
          id,
          refid,
          time: String(time),
          type: legType,
          subtype,
          aclass: 'currency',
          asset,
          amount,
          fee,
          balance: toWire(balance),
        });
      }
      return this;
    },
    balances(): Record<string, string> {
      return Object.fromEntries([...balances].map(([asset, amount]) => [asset, toWire(amount)]));
    },
  };
}

function position(asset: string, quantity: string, entryPrice: string | null, quoteCurrency = 'ZUSD'): Position {
  return { asset, quantity, entryPrice, quoteCurrency, openedAt: '2025-09-01T00:00:00Z', source: 'positions-file' };
}

function row(report: ReconcileReport, asset: string): ReconcileRow {
  const found = report.rows.find((r) => r.asset === asset);
  if (found === undefined) throw new Error(`no row for ${asset}`);
  return found;
}

const checkpointBalances = {
  XXBT: '0.5',
  XETH: '2',
  ZUSD: '1000',
  ADA: '0.5',
  XXDG: '0.3',
  DOT: '10',
  XLTC: '10',
  XXRP: '100',
  XXLM: '190',
  XTZ: '0.00000004',
  KSM: '2',
  XXMR: '1.5000000001',
  ZEUR: '50',
};

// Everything that can happen between two reconciles, interleaved as Kraken would book it.
const ledger = ledgerFrom(checkpointBalances)
  .add('DEP-XBT', 'deposit', '', [['XXBT', '0.1']])
  .add('TSOL1', 'trade', 'tradespot', [
    ['ZUSD', '-75', '0.2'],
    ['SOL', '0.5', '0.0008'],
  ])
  .add('WDR-ETH', 'withdrawal', '', [['XETH', '-0.5', '0.005']])
  .add('TSOL2', 'trade', 'tradespot', [
    ['ZUSD', '-75', '0.2'],
    ['SOL', '0.5', '0.0008'],
  ])
  .add('TDUST', 'spend', 'dustsweeping', [
    ['ADA', '-0.5'],
    ['XXDG', '-0.3'],
    ['ZUSD', '0.5', '0.015', 'receive'],
  ])
  .add('ERN-DOT', 'earn', 'autoallocation', [
    ['DOT', '-10'],
    ['DOT.F', '10'],
  ])
  .add('TLTC-BOT', 'trade', 'tradespot', [
    ['XLTC', '-2'],
    ['ZUSD', '160', '0.4'],
  ])
  .add('RWD-DOT', 'earn', 'reward', [['DOT.F', '0.02']])
  .add('TLTC-MANUAL', 'trade', 'tradespot', [
    ['XLTC', '-3'],
    ['ZUSD', '240', '0.6'],
  ])
  .add('ADJ-XRP', 'adjustment', '', [['XXRP', '1.5']]);

const book: Book = {
  positions: [
    position('XXBT', '0.5', '60000'),
    position('XETH', '2', '3000'),
    position('SOL', '1', '150'),
    position('ADA', '0.5', '0.6'),
    position('DOT', '10', '6'),
    position('XLTC', '8', '80'),
    position('XXRP', '100', '0.5'),
    position('XXLM', '200', '0.1'),
    position('KSM', '2', null),
    position('XETC', '3', '20'),
    position('XXMR', '1.5', '150'),
  ],
  ignoredDust: [{ asset: 'XXDG', quantity: '0.3', markedAt: '2025-09-01T00:00:00Z' }],
};

const checkpoint: Checkpoint = { at: T0 * 1000, ledgerCursor: { id: 'LPREV-00001', time: String(T0) }, balances: checkpointBalances };

function run(overrides: Partial<ReconcileInput> = {}): ReconcileReport {
  return reconcile({
    at: (T0 + 3600) * 1000,
    book,
    balances: ledger.balances(),
    entries: ledger.entries,
    checkpoint,
    tolerances: DEFAULT_TOLERANCES,
    cashAssets: ['ZEUR'],
    ...overrides,
  });
}

describe('reconcile statuses', () => {
  const report = run();

  it('gives every asset exactly one status', () => {
    expect(Object.fromEntries(report.rows.map((r) => [r.asset, r.status]))).toEqual({
      ADA: 'changed-explained',
      DOT: 'changed-explained',
      KSM: 'orphan',
      SOL: 'changed-explained',
      XETC: 'missing',
      XETH: 'changed-explained',
      XLTC: 'changed-explained',
      XTZ: 'orphan',
      XXBT: 'changed-explained',
      XXDG: 'changed-explained',
      XXLM: 'drift',
      XXMR: 'in-sync',
      XXRP: 'changed-explained',
    });
    expect(ReconcileReport.parse(report)).toEqual(report);
  });

  it('names the deposit, withdrawal and adjustment that explain a change', () => {
    expect(row(report, 'XXBT').explanation).toEqual({
      basis: 'all-activity',
      groups: [{ refid: 'DEP-XBT', kind: 'deposit', time: String(T0 + 60), change: '0.1', entryIds: ['L00001-DEP-XBT'] }],
    });
    expect(row(report, 'XETH')).toMatchObject({
      difference: '-0.505',
      explanation: { groups: [{ refid: 'WDR-ETH', kind: 'withdrawal' }] },
    });
    expect(row(report, 'XXRP').explanation?.groups.map((g) => g.kind)).toEqual(['adjustment']);
    expect(row(report, 'XXBT').detail).toBe('Kraken holds 0.1 more than the book, explained by a deposit.');
  });

  it('explains a swept dust position and swept ignored dust by the dust sweep', () => {
    expect(row(report, 'ADA')).toMatchObject({ exchangeQuantity: '0', explanation: { groups: [{ refid: 'TDUST', kind: 'dust-sweep' }] } });
    expect(row(report, 'XXDG')).toMatchObject({ ignoredAsDust: true, bookQuantity: '0.3', exchangeQuantity: '0' });
  });

  it('explains fees taken in the base asset on partial fills the bot counted at full volume', () => {
    expect(row(report, 'SOL')).toMatchObject({
      bookQuantity: '1',
      exchangeQuantity: '0.9984',
      ledgerChange: '0.9984',
      explanation: {
        basis: 'fees',
        groups: [
          { refid: 'TSOL1', change: '-0.0008' },
          { refid: 'TSOL2', change: '-0.0008' },
        ],
      },
    });
    expect(row(report, 'SOL').detail).toMatch(/fees charged in this asset/);
  });

  it('counts .F balances with their spot asset, so only the reward changes DOT', () => {
    expect(row(report, 'DOT')).toMatchObject({
      exchangeQuantity: '10.02',
      exchangeParts: [
        { asset: 'DOT', quantity: '0' },
        { asset: 'DOT.F', quantity: '10.02' },
      ],
      explanation: { basis: 'all-activity', groups: [{ refid: 'RWD-DOT', kind: 'earn-move', change: '0.02' }] },
    });
    expect(row(report, 'DOT').activity.map((g) => [g.refid, g.change])).toEqual([
      ['ERN-DOT', '0'],
      ['RWD-DOT', '0.02'],
    ]);
  });

  it("finds the manual trade among the bot's trades", () => {
    expect(row(report, 'XLTC').explanation).toMatchObject({
      basis: 'single-group',
      groups: [{ refid: 'TLTC-MANUAL', kind: 'trade', change: '-3' }],
    });
  });

  it('reports drift, orphans and missing assets in plain words', () => {
    expect(row(report, 'XXLM')).toMatchObject({ difference: '-10', explanation: null });
    expect(row(report, 'XXLM').detail).toBe(
      'Kraken holds 10 less than the book, and no ledger activity since the last reconcile explains it.',
    );
    expect(row(report, 'XTZ')).toMatchObject({ bookQuantity: null, exchangeQuantity: '0.00000004', entryPrice: null });
    expect(row(report, 'KSM')).toMatchObject({ bookQuantity: '2', entryPrice: null });
    expect(row(report, 'XETC')).toMatchObject({ exchangeQuantity: '0', exchangeParts: [] });
  });

  it('keeps cash currencies out of the rows but proves their ledger', () => {
    expect(report.rows.some((r) => ['ZUSD', 'ZEUR'].includes(r.asset))).toBe(false);
    const usd = report.integrity.find((c) => c.asset === 'ZUSD');
    expect(usd).toMatchObject({ status: 'pass', startBalance: '1000', ledgerChange: '249.085' });
  });

  it('passes the integrity check on an untouched ledger and offers the next checkpoint', () => {
    expect(report.integrity.filter((c) => c.status !== 'pass').map((c) => c.asset)).toEqual([]);
    // XETC left Kraken before the checkpoint: no balance and no entry to prove
    expect(report.rows.filter((r) => r.integrity !== 'pass').map((r) => [r.asset, r.integrity])).toEqual([['XETC', 'unchecked']]);
    expect(report.nextCheckpoint).toEqual({
      at: (T0 + 3600) * 1000,
      ledgerCursor: { id: ledger.entries.at(-1)?.id, time: String(T0 + 600) },
      balances: ledger.balances(),
    });
  });
});

describe('integrity check', () => {
  it('catches an entry whose amount was altered while its running balance was not', () => {
    const tampered = ledger.entries.map((e) => (e.refid === 'TSOL2' && e.asset === 'SOL' ? { ...e, amount: '0.6' } : e));
    const report = run({ entries: tampered });
    const sol = report.integrity.find((c) => c.asset === 'SOL');
    expect(sol?.status).toBe('fail');
    expect(sol?.badEntryIds).toEqual(['L00006-TSOL2']);
    expect(sol?.problems).toEqual([
      'The ledger entries since the last reconcile add up to 1.0984, but the balance moved by 0.9984. Some entries are missing or were altered; sync the ledger again.',
      'Entry L00006-TSOL2 says the balance became 0.9984, but the entries before it give 1.0984.',
    ]);
    expect(row(report, 'SOL').integrity).toBe('fail');
  });

  it('catches a running balance that disagrees with the entries before it', () => {
    const tampered = ledger.entries.map((e) => (e.id === 'L00004-WDR-ETH' ? { ...e, balance: '1.6' } : e));
    const eth = run({ entries: tampered }).integrity.find((c) => c.asset === 'XETH');
    expect(eth).toMatchObject({ status: 'fail', badEntryIds: ['L00004-WDR-ETH'] });
  });

  it('reports a balance change with no ledger entry behind it', () => {
    const xlm = run().integrity.find((c) => c.asset === 'XXLM');
    expect(xlm?.status).toBe('pass');
    const moved = run({ balances: { ...ledger.balances(), XXLM: '180' } });
    expect(moved.integrity.find((c) => c.asset === 'XXLM')?.problems).toHaveLength(1);
    expect(row(moved, 'XXLM').integrity).toBe('fail');
  });

  it('chains entries booked at the same moment whatever their ids say', () => {
    const sameTime: LedgerEntry[] = [
      {
        id: 'LB',
        refid: 'T1',
        time: String(T0 + 1),
        type: 'trade',
        subtype: '',
        aclass: 'currency',
        asset: 'SOL',
        amount: '0.5',
        fee: '0',
        balance: '0.5',
      },
      {
        id: 'LA',
        refid: 'T2',
        time: String(T0 + 1),
        type: 'trade',
        subtype: '',
        aclass: 'currency',
        asset: 'SOL',
        amount: '0.25',
        fee: '0',
        balance: '0.75',
      },
    ];
    const report = reconcile({
      at: 0,
      book: { positions: [position('SOL', '0.75', '150')], ignoredDust: [] },
      balances: { SOL: '0.75' },
      entries: sameTime,
      checkpoint: { at: 0, ledgerCursor: null, balances: {} },
      tolerances: DEFAULT_TOLERANCES,
    });
    expect(report.integrity).toMatchObject([{ asset: 'SOL', status: 'pass' }]);
  });

  it('without a checkpoint, starts from the first entry and checks the end against Kraken', () => {
    const base = { at: 0, book: { positions: [], ignoredDust: [] }, checkpoint: null, tolerances: DEFAULT_TOLERANCES };
    const entries = ledgerFrom({ XXBT: '1' }).add('DEP', 'deposit', '', [['XXBT', '0.5']]).entries;
    expect(reconcile({ ...base, balances: { XXBT: '1.5' }, entries }).integrity[0]?.status).toBe('pass');
    expect(reconcile({ ...base, balances: { XXBT: '1.4' }, entries }).integrity[0]?.problems).toEqual([
      'After the last entry the ledger shows 1.5, but Kraken reports 1.4 now.',
    ]);
    expect(reconcile({ ...base, balances: { XXBT: '1.4' }, entries: [] }).integrity[0]?.status).toBe('unchecked');
  });
});

describe('tolerances and asset mapping', () => {
  const base = {
    at: 0,
    entries: [],
    checkpoint: null,
    book: { positions: [position('XXBT', '1', '60000'), position('SOL', '10', '150')], ignoredDust: [] },
  };

  it('tolerates a difference by absolute size, relative size or value, whichever is met', () => {
    const balances = { XXBT: '1.0000001', SOL: '10.00005' };
    const strict = { absolute: '0', relative: '0', value: '0' };
    expect(reconcile({ ...base, balances, tolerances: strict }).rows.map((r) => r.status)).toEqual(['drift', 'drift']);
    const absolute = reconcile({ ...base, balances, tolerances: { ...strict, absolute: '0.0001' } });
    expect(absolute.rows.map((r) => r.status)).toEqual(['in-sync', 'in-sync']);
    const relative = reconcile({ ...base, balances, tolerances: { ...strict, relative: '0.000001' } });
    expect(relative.rows.map((r) => [r.asset, r.status])).toEqual([
      ['SOL', 'drift'],
      ['XXBT', 'in-sync'],
    ]);
    const byValue = { ...strict, value: '0.01' };
    const prices = { XXBT: '60000', SOL: '150' };
    const valued = reconcile({ ...base, balances, tolerances: byValue, prices });
    expect(valued.rows.map((r) => [r.asset, r.status])).toEqual([
      ['SOL', 'in-sync'],
      ['XXBT', 'in-sync'],
    ]);
    expect(reconcile({ ...base, balances, tolerances: byValue }).rows.every((r) => r.status === 'drift')).toBe(true);
  });

  it('uses the injected mapping for legacy earn ids such as XBT.F', () => {
    const positionAssetOf = (asset: string) => (asset === 'XBT.F' ? 'XXBT' : asset.replace(/\.F$/, ''));
    const balances = { XXBT: '0.4', 'XBT.F': '0.6', SOL: '10' };
    const report = reconcile({ ...base, balances, tolerances: DEFAULT_TOLERANCES, positionAssetOf });
    expect(row(report, 'XXBT')).toMatchObject({ status: 'in-sync', exchangeQuantity: '1' });
    expect(reconcile({ ...base, balances, tolerances: DEFAULT_TOLERANCES }).rows.map((r) => r.asset)).toEqual(['SOL', 'XBT', 'XXBT']);
  });
});

describe('cash and fee credits', () => {
  it('are reported as what they are, never as orphans', () => {
    const ledger = ledgerFrom({ ZUSD: '100', KFEE: '500', XXBT: '0.5' }).add('TFEE', 'trade', '', [
      ['XXBT', '0.01', '0'],
      ['ZUSD', '-900', '0'],
      ['KFEE', '0', '120'],
    ]);
    const report = reconcile({
      at: 1,
      book: { positions: [position('XXBT', '0.51', '80000')], ignoredDust: [] },
      balances: ledger.balances(),
      entries: ledger.entries,
      checkpoint: { at: 0, ledgerCursor: null, balances: { ZUSD: '100', KFEE: '500', XXBT: '0.5' } },
      tolerances: DEFAULT_TOLERANCES,
      cashAssets: ['ZUSD'],
      feeCreditAssets: ['KFEE'],
    });
    expect(report.rows.map((r) => [r.asset, r.status])).toEqual([['XXBT', 'in-sync']]);
    expect(report.nonPositions).toEqual([
      { asset: 'KFEE', kind: 'fee-credit', quantity: '380', ledgerChange: '-120' },
      { asset: 'ZUSD', kind: 'cash', quantity: '-800', ledgerChange: '-900' },
    ]);
  });
});
