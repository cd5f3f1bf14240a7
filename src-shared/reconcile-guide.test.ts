import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Book } from './book';
import type { Position } from './book';
import type { LedgerEntry } from './ledger';
import { AppError } from './errors';
import { dec, toWire } from './money';
import { DEFAULT_TOLERANCES, reconcile } from './reconcile';
import type { ReconcileReport } from './reconcile';
import { applyResolutions, AuditRecord, buildGuide } from './reconcile-guide';
import type { GuideRow, ResolutionDecision } from './reconcile-guide';

const T0 = 1_760_000_000;

function position(asset: string, quantity: string, entryPrice: string | null): Position {
  return { asset, quantity, entryPrice, quoteCurrency: 'ZUSD', openedAt: '2025-09-01T00:00:00Z', source: 'positions-file' };
}

function entry(id: string, refid: string, type: string, subtype: string, asset: string, amount: string, balance: string): LedgerEntry {
  return { id, refid, time: String(T0 + 60), type, subtype, aclass: 'currency', asset, amount, fee: '0', balance };
}

const book: Book = {
  positions: [
    position('XXBT', '0.5', '60000'),
    position('ADA', '0.5', '0.6'),
    position('KSM', '2', null),
    position('XETC', '3', '20'),
    position('XXLM', '200', '0.1'),
    position('XXMR', '1.5', '150'),
  ],
  ignoredDust: [],
};

const checkpointBalances = { XXBT: '0.5', ADA: '0.5', KSM: '2', XXLM: '190', XXMR: '1.5', SOL: '0.7', XTZ: '0.00000004', ZUSD: '10' };
const entries = [
  entry('LDEP1-XBT', 'DEP-XBT', 'deposit', '', 'XXBT', '0.1', '0.6'),
  entry('LSWP1-ADA', 'TDUST', 'spend', 'dustsweeping', 'ADA', '-0.5', '0'),
  entry('LSWP2-USD', 'TDUST', 'receive', 'dustsweeping', 'ZUSD', '0.29', '10.29'),
];
const balances = { ...checkpointBalances, XXBT: '0.6', ADA: '0', ZUSD: '10.29' };

const trades = { SOL: { trades: 3, average: '142.5', quoteCurrency: 'ZUSD', openedAt: '2025-08-01T10:00:00.000Z' } };
const market = { KSM: { pairs: ['KSMUSD'], bid: '24.8', quoteCurrency: 'ZUSD', at: (T0 + 3500) * 1000 } };

const report: ReconcileReport = reconcile({
  at: (T0 + 3600) * 1000,
  book,
  balances,
  entries,
  checkpoint: { at: T0 * 1000, ledgerCursor: null, balances: checkpointBalances },
  tolerances: DEFAULT_TOLERANCES,
});
const guide = buildGuide(report, { trades, market, dustAssets: ['XTZ'] });

function guideRow(asset: string): GuideRow {
  const found = guide.find((r) => r.asset === asset);
  if (found === undefined) throw new Error(`no guide row for ${asset}`);
  return found;
}

const decisions: ResolutionDecision[] = [
  { asset: 'XXBT', action: 'accept-exchange-quantity' },
  { asset: 'ADA', action: 'close-record' },
  { asset: 'SOL', action: 'adopt-trades-entry-price' },
  { asset: 'XTZ', action: 'mark-as-dust' },
  { asset: 'KSM', action: 'enter-entry-price', entryPrice: '25.50', why: 'Bought by hand in August at 25.50.' },
  { asset: 'XETC', action: 'close-record' },
  { asset: 'XXLM', action: 'accept-exchange-quantity' },
];
const meta = { id: 'audit-1', at: (T0 + 3700) * 1000, who: 'operator' };

describe('buildGuide', () => {
  it('lists only the assets that need attention, each with a proposal and its alternatives', () => {
    expect(guide.map((r) => [r.asset, r.status, r.proposed.action, r.alternatives.map((a) => a.action)])).toEqual([
      ['ADA', 'changed-explained', 'close-record', []],
      ['KSM', 'orphan', 'enter-entry-price', ['adopt-market-price', 'mark-as-dust']],
      ['SOL', 'orphan', 'adopt-trades-entry-price', ['enter-entry-price', 'mark-as-dust']],
      ['XETC', 'missing', 'close-record', []],
      ['XTZ', 'orphan', 'mark-as-dust', ['enter-entry-price']],
      ['XXBT', 'changed-explained', 'accept-exchange-quantity', ['enter-entry-price']],
      ['XXLM', 'drift', 'accept-exchange-quantity', ['enter-entry-price']],
    ]);
  });

  it('says what each resolution would write and why', () => {
    expect(guideRow('XXBT').proposed).toMatchObject({ quantity: '0.6', entryPrice: '60000', quoteCurrency: 'ZUSD' });
    expect(guideRow('XXBT').proposed.why).toMatch(/ledger explains/);
    expect(guideRow('XXLM').proposed.why).toMatch(/Nothing in the ledger explains/);
    expect(guideRow('SOL').proposed).toMatchObject({ quantity: '0.7', entryPrice: '142.5', quoteCurrency: 'ZUSD' });
    expect(guideRow('SOL').proposed.why).toBe('The weighted average of 3 trades in your history, fees included.');
    expect(guideRow('SOL').proposed.evidence).toEqual({ kind: 'trades', trades: 3, average: '142.5', quoteCurrency: 'ZUSD' });
    expect(guideRow('ADA').summary).toBe('Swept by the conversion of 2025-10-09 08:54 UTC (TDUST): Kraken holds 0.5 less than the book.');
    expect(guideRow('ADA').proposed.why).toBe('Swept by the conversion TDUST: Kraken holds none of it now; close the record.');
  });

  it('offers an orphan every option whatever its value; ignoring one above the limit needs a confirmation', () => {
    const ksm = guideRow('KSM');
    const options = [ksm.proposed, ...ksm.alternatives];
    expect(options.find((o) => o.action === 'adopt-market-price')).toMatchObject({
      entryPrice: '24.8',
      quoteCurrency: 'ZUSD',
      evidence: { kind: 'market', pairs: ['KSMUSD'], bid: '24.8', at: (T0 + 3500) * 1000 },
    });
    expect(options.find((o) => o.action === 'mark-as-dust')?.confirmation).toBe(
      'OC9 will leave 2 KSM alone, although it is worth more than the small-balance limit.',
    );
    // under the limit no confirmation is asked
    expect(guideRow('XTZ').proposed).toMatchObject({ action: 'mark-as-dust', confirmation: null });
    const ignore: ResolutionDecision = { asset: 'KSM', action: 'mark-as-dust' };
    expect(() => applyResolutions(book, guide, [ignore], meta)).toThrow('Confirm first: OC9 will leave 2 KSM alone');
    const ignored = applyResolutions(book, guide, [{ ...ignore, confirmed: true }], meta);
    expect(ignored.book.ignoredDust).toEqual([{ asset: 'KSM', quantity: '2', markedAt: '2025-10-09T09:55:00.000Z' }]);
    expect(ignored.audit.changes[0]?.confirmed).toBe('OC9 will leave 2 KSM alone, although it is worth more than the small-balance limit.');
  });

  it('records the market price it adopted with its pair, time and source', () => {
    const { book: after, audit } = applyResolutions(book, guide, [{ asset: 'KSM', action: 'adopt-market-price' }], meta);
    expect(after.positions.find((p) => p.asset === 'KSM')).toMatchObject({ entryPrice: '24.8', quoteCurrency: 'ZUSD', source: 'market' });
    expect(audit.changes).toMatchObject([
      { asset: 'KSM', action: 'adopt-market-price', evidence: { kind: 'market', pairs: ['KSMUSD'], bid: '24.8', at: (T0 + 3500) * 1000 } },
    ]);
  });
});

describe('applyResolutions', () => {
  const { book: after, audit } = applyResolutions(book, guide, decisions, meta);

  it('writes the new book from the chosen resolutions', () => {
    expect(Book.parse(after)).toEqual(after);
    expect(after.positions).toEqual([
      { ...position('XXBT', '0.6', '60000'), source: 'snapshot' },
      { ...position('KSM', '2', '25.5'), source: 'manual' },
      { ...position('XXLM', '190', '0.1'), source: 'snapshot' },
      position('XXMR', '1.5', '150'),
      { ...position('SOL', '0.7', '142.5'), openedAt: '2025-08-01T10:00:00.000Z', source: 'trades' },
    ]);
    expect(after.ignoredDust).toEqual([{ asset: 'XTZ', quantity: '0.00000004', markedAt: '2025-10-09T09:55:00.000Z' }]);
  });

  it('records before, after, and every change with its reason', () => {
    expect(AuditRecord.parse(audit)).toEqual(audit);
    expect(audit).toMatchObject({ id: 'audit-1', at: meta.at, who: 'operator', before: book, after });
    expect(audit.changes.map((c) => [c.asset, c.action, c.from?.quantity ?? null, c.to?.quantity ?? null])).toEqual([
      ['XXBT', 'accept-exchange-quantity', '0.5', '0.6'],
      ['ADA', 'close-record', '0.5', null],
      ['SOL', 'adopt-trades-entry-price', null, '0.7'],
      ['XTZ', 'mark-as-dust', null, '0.00000004'],
      ['KSM', 'enter-entry-price', '2', '2'],
      ['XETC', 'close-record', '3', null],
      ['XXLM', 'accept-exchange-quantity', '200', '190'],
    ]);
    expect(audit.changes.find((c) => c.asset === 'KSM')).toMatchObject({
      from: { entryPrice: null, ignoredAsDust: false },
      to: { entryPrice: '25.5', quoteCurrency: 'ZUSD', ignoredAsDust: false },
      why: 'Bought by hand in August at 25.50.',
    });
    expect(audit.changes.find((c) => c.asset === 'XTZ')?.to?.ignoredAsDust).toBe(true);
    expect(audit.changes.find((c) => c.asset === 'ADA')?.why).toBe(
      'Swept by the conversion TDUST: Kraken holds none of it now; close the record.',
    );
    expect(audit.changes.find((c) => c.asset === 'SOL')?.evidence).toMatchObject({ kind: 'trades', trades: 3 });
  });

  it('leaves the book in sync when reconciled again from the new checkpoint', () => {
    const again = reconcile({
      at: meta.at,
      book: after,
      balances,
      entries: [],
      checkpoint: report.nextCheckpoint,
      tolerances: DEFAULT_TOLERANCES,
    });
    expect(again.rows.filter((r) => r.status !== 'in-sync')).toEqual([]);
    expect(buildGuide(again)).toEqual([]);
  });

  it('changes nothing for rows without a decision, and refuses what the guide did not offer', () => {
    expect(applyResolutions(book, guide, [], meta).book).toEqual(book);
    const refuse = (d: ResolutionDecision[]) => () => applyResolutions(book, guide, d, meta);
    expect(refuse([{ asset: 'KSM', action: 'adopt-trades-entry-price' }])).toThrow(/cannot be resolved that way/);
    expect(refuse([{ asset: 'XXMR', action: 'accept-exchange-quantity' }])).toThrow(AppError);
    expect(refuse([decisions[0] as ResolutionDecision, decisions[0] as ResolutionDecision])).toThrow(/more than one decision/);
    expect(refuse([{ asset: 'KSM', action: 'enter-entry-price', entryPrice: '-1' }])).toThrow(/above zero/);
    expect(refuse([{ asset: 'KSM', action: 'enter-entry-price', entryPrice: '1e5' }])).toThrow(/above zero/);
    expect(refuse([{ asset: 'KSM', action: 'enter-entry-price' }])).toThrow(/above zero/);
  });

  it('asks for the quote currency when nothing in the book or trades gives it', () => {
    const lone = buildGuide(report, {});
    const xtz: ResolutionDecision = { asset: 'XTZ', action: 'enter-entry-price', entryPrice: '0.7' };
    expect(() => applyResolutions(book, lone, [xtz], meta)).toThrow(/which currency/);
    const done = applyResolutions(book, lone, [{ ...xtz, quoteCurrency: 'ZEUR' }], meta).book;
    expect(done.positions.at(-1)).toMatchObject({ asset: 'XTZ', entryPrice: '0.7', quoteCurrency: 'ZEUR', openedAt: null });
  });
});

describe('guide properties', () => {
  const ASSETS = ['XXBT', 'XETH', 'SOL', 'ADA', 'DOT', 'XXDG', 'XTZ', 'KSM'];
  const quantity = fc.oneof(
    fc.constant('0'),
    fc.integer({ min: 1, max: 10_000_000 }).map((n) => toWire(dec(String(n)).dividedBy(10_000))),
  );
  const holding = fc.record({
    book: fc.constantFrom('none', 'priced', 'unpriced', 'dust'),
    bookQuantity: quantity,
    exchangeQuantity: quantity,
    dust: fc.boolean(),
    traded: fc.boolean(),
  });
  const account = fc.tuple(...ASSETS.map(() => holding)).map((holdings) => {
    const accountBook: Book = { positions: [], ignoredDust: [] };
    const accountBalances: Record<string, string> = {};
    const dustAssets: string[] = [];
    const traded: Record<string, { trades: number; average: string; quoteCurrency: string; openedAt: null }> = {};
    holdings.forEach((h, i) => {
      const asset = ASSETS[i] ?? 'XXBT';
      if (h.book === 'priced') accountBook.positions.push(position(asset, h.bookQuantity, '10'));
      if (h.book === 'unpriced') accountBook.positions.push(position(asset, h.bookQuantity, null));
      if (h.book === 'dust') accountBook.ignoredDust.push({ asset, quantity: h.bookQuantity, markedAt: '2025-09-01T00:00:00Z' });
      accountBalances[asset] = h.exchangeQuantity;
      if (h.dust) dustAssets.push(asset);
      if (h.traded) traded[asset] = { trades: 2, average: '12.5', quoteCurrency: 'ZUSD', openedAt: null };
    });
    return { book: accountBook, balances: accountBalances, dustAssets, trades: traded };
  });

  function reconcileAgain(before: ReconcileReport, after: Book, accountBalances: Record<string, string>) {
    return reconcile({
      at: 2,
      book: after,
      balances: accountBalances,
      entries: [],
      checkpoint: before.nextCheckpoint,
      tolerances: DEFAULT_TOLERANCES,
    });
  }

  it('applying every proposal (typing a price where asked) then reconciling again gives all in sync', () => {
    fc.assert(
      fc.property(account, (a) => {
        const first = reconcile({
          at: 1,
          book: a.book,
          balances: a.balances,
          entries: [],
          checkpoint: null,
          tolerances: DEFAULT_TOLERANCES,
        });
        const rows = buildGuide(first, { dustAssets: a.dustAssets, trades: a.trades });
        const chosen = rows.map((r): ResolutionDecision => ({
          asset: r.asset,
          action: r.proposed.action,
          entryPrice: '1',
          quoteCurrency: 'ZUSD',
        }));
        const { book: after } = applyResolutions(a.book, rows, chosen, { id: 'p', at: 1, who: 'property' });
        return reconcileAgain(first, after, a.balances).rows.every((r) => r.status === 'in-sync');
      }),
      { numRuns: 150 },
    );
  });

  it('accepting the exchange quantity on every priced row (closing what Kraken no longer holds) gives all in sync', () => {
    const priced = account.map((a) => ({
      ...a,
      book: { positions: a.book.positions.map((p) => ({ ...p, entryPrice: '10' })), ignoredDust: [] },
    }));
    fc.assert(
      fc.property(priced, (a) => {
        const exchangeOnly = Object.fromEntries(
          Object.entries(a.balances).filter(([asset]) => a.book.positions.some((p) => p.asset === asset)),
        );
        const first = reconcile({
          at: 1,
          book: a.book,
          balances: exchangeOnly,
          entries: [],
          checkpoint: null,
          tolerances: DEFAULT_TOLERANCES,
        });
        const rows = buildGuide(first);
        const chosen = rows.map((r): ResolutionDecision => {
          const accept = [r.proposed, ...r.alternatives].some((o) => o.action === 'accept-exchange-quantity');
          return { asset: r.asset, action: accept ? 'accept-exchange-quantity' : 'close-record' };
        });
        const { book: after } = applyResolutions(a.book, rows, chosen, { id: 'p', at: 1, who: 'property' });
        return reconcileAgain(first, after, exchangeOnly).rows.every((r) => r.status === 'in-sync');
      }),
      { numRuns: 150 },
    );
  });
});
