// Reconcile cases the operator meets after manual changes that the main suites do not walk end to end: a position
// sold off by hand, ignored dust that grew, and activity on an asset the book never held.
import { describe, expect, it } from 'vitest';
import type { Book } from './book';
import type { LedgerEntry } from './ledger';
import { DEFAULT_TOLERANCES, reconcile } from './reconcile';
import type { Checkpoint, ReconcileReport } from './reconcile';
import { applyResolutions, buildGuide } from './reconcile-guide';

const T0 = 1_770_000_000;

function entry(
  id: string,
  refid: string,
  type: string,
  asset: string,
  amount: string,
  fee: string,
  balance: string,
  subtype = '',
): LedgerEntry {
  return { id, refid, time: String(T0 + 60), type, subtype, aclass: 'currency', asset, amount, fee, balance };
}

const book: Book = {
  positions: [
    { asset: 'SOL', quantity: '4', entryPrice: '140', quoteCurrency: 'ZUSD', openedAt: '2026-01-01T00:00:00Z', source: 'positions-file' },
    { asset: 'XXBT', quantity: '0.25', entryPrice: '61000', quoteCurrency: 'ZUSD', openedAt: null, source: 'positions-file' },
  ],
  ignoredDust: [{ asset: 'DOT', quantity: '0.05', markedAt: '2026-02-01T00:00:00Z' }],
};

const checkpoint: Checkpoint = {
  at: T0 * 1000,
  ledgerCursor: { id: 'LBEFORE', time: String(T0) },
  balances: { SOL: '4', XXBT: '0.25', DOT: '0.05', ZUSD: '100', ADA: '0' },
};

// SOL sold off by hand, a DOT staking reward landing on the ignored dust, ADA bought and sold within the window
const entries = [
  entry('L1', 'TSOLX', 'trade', 'SOL', '-4', '0', '0'),
  entry('L2', 'TSOLX', 'trade', 'ZUSD', '560', '1.4', '658.6'),
  entry('L3', 'RDOT', 'earn', 'DOT', '0.002', '0', '0.052', 'reward'),
  entry('L4', 'TADA1', 'trade', 'ADA', '10', '0', '10'),
  entry('L5', 'TADA1', 'trade', 'ZUSD', '-4.5', '0.01', '654.09'),
  entry('L6', 'TADA2', 'trade', 'ADA', '-10', '0', '0'),
  entry('L7', 'TADA2', 'trade', 'ZUSD', '4.6', '0.01', '658.68'),
];
const balances = { SOL: '0', XXBT: '0.25', DOT: '0.052', ZUSD: '658.68', ADA: '0' };

function run(withBook: Book, since: Checkpoint, ledger: readonly LedgerEntry[], now: Record<string, string>): ReconcileReport {
  return reconcile({
    at: (T0 + 600) * 1000,
    book: withBook,
    balances: now,
    entries: ledger,
    checkpoint: since,
    tolerances: DEFAULT_TOLERANCES,
    cashAssets: ['ZUSD'],
  });
}

describe('reconcile after manual changes', () => {
  const report = run(book, checkpoint, entries, balances);
  const status = (asset: string) => report.rows.find((r) => r.asset === asset);

  it('explains a position sold off by hand and proposes closing its record', () => {
    expect(status('SOL')).toMatchObject({
      status: 'changed-explained',
      exchangeQuantity: '0',
      difference: '-4',
      explanation: { groups: [{ refid: 'TSOLX', kind: 'trade', change: '-4' }] },
    });
    const guide = buildGuide(report);
    expect(guide.find((g) => g.asset === 'SOL')).toMatchObject({ proposed: { action: 'close-record' }, alternatives: [] });
  });

  it('explains ignored dust that grew by a reward, and keeps ignoring it at the new quantity', () => {
    expect(status('DOT')).toMatchObject({ status: 'changed-explained', ignoredAsDust: true, difference: '0.002' });
    expect(status('DOT')?.explanation?.groups.map((g) => g.kind)).toEqual(['earn-move']);
    const guide = buildGuide(report);
    const { book: after } = applyResolutions(book, guide, [{ asset: 'DOT', action: 'accept-exchange-quantity' }], {
      id: 'a1',
      at: 0,
      who: 't',
    });
    expect(after.ignoredDust).toEqual([{ asset: 'DOT', quantity: '0.052', markedAt: '1970-01-01T00:00:00.000Z' }]);
  });

  it('shows a round trip on an asset the book never held as in sync, with its activity listed', () => {
    expect(status('ADA')).toMatchObject({ status: 'in-sync', bookQuantity: null, exchangeQuantity: '0', explanation: null });
    expect(status('ADA')?.activity.map((g) => [g.refid, g.change])).toEqual([
      ['TADA1', '10'],
      ['TADA2', '-10'],
    ]);
    expect(status('XXBT')).toMatchObject({ status: 'in-sync', activity: [] });
    expect(report.integrity.every((c) => c.status === 'pass')).toBe(true);
  });

  it('after applying every proposal, the next run from the new checkpoint is all in sync', () => {
    const guide = buildGuide(report);
    const decisions = guide.map((g) => ({ asset: g.asset, action: g.proposed.action }));
    const { book: after } = applyResolutions(book, guide, decisions, { id: 'a2', at: 0, who: 't' });
    const next = run(after, report.nextCheckpoint, [], balances);
    expect(next.rows.map((r) => [r.asset, r.status])).toEqual([
      ['DOT', 'in-sync'],
      ['XXBT', 'in-sync'],
    ]);
  });
});
