import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balancesAtMoment, checkpointAtMoment, heldAtMoment } from './book-moment';
import type { LedgerEntry } from './ledger';
import { dec, toWire, type Dec } from './money';

type Leg = [asset: string, amount: string, fee: string];

/** Books legs the way Kraken does (each running balance follows from the last) and remembers every balance on the way. */
function book(opening: Record<string, string>, legs: readonly Leg[]) {
  const running = new Map<string, Dec>(Object.entries(opening).map(([asset, amount]) => [asset, dec(amount)]));
  const snapshots: Record<string, string>[] = [];
  const snapshot = () => Object.fromEntries([...running].map(([asset, amount]) => [asset, toWire(amount)]));
  snapshots.push(snapshot());
  const entries: LedgerEntry[] = legs.map(([asset, amount, fee], index) => {
    const balance = (running.get(asset) ?? dec('0')).plus(dec(amount)).minus(dec(fee));
    running.set(asset, balance);
    snapshots.push(snapshot());
    const id = `L${String(index).padStart(5, '0')}-AAAAA-BBBBBB`;
    return {
      id,
      refid: `T${index}`,
      time: String(1_760_000_000 + index * 60),
      type: 'trade',
      subtype: '',
      aclass: 'currency',
      asset,
      amount,
      fee,
      balance: toWire(balance),
    };
  });
  return { entries, snapshots, now: snapshot() };
}

describe('balancesAtMoment', () => {
  it('gives the balances the account held at the book’s moment, from the entries booked since', () => {
    const { entries, snapshots, now } = book({ XXBT: '0.5', ZUSD: '1000', DOT: '0.02' }, [
      ['XXBT', '0.01', '0'],
      ['ZUSD', '-900', '1.44'],
      ['DOT', '-0.02', '0'],
      ['ZUSD', '0.019', '0.0006'],
    ]);
    // the moment falls after the trade's first leg: DOT and the sweep's USD came later
    const after = entries.slice(1);
    expect(balancesAtMoment(now, after)).toEqual(snapshots[1]);
    expect(balancesAtMoment(now, [])).toEqual(now);
  });

  it('holds for any ledger and any moment', () => {
    const asset = fc.constantFrom('XXBT', 'ZUSD', 'DOT', 'ADA');
    const thousandths = (n: number) => toWire(dec(String(n)).dividedBy(1000));
    const units = fc.integer({ min: -5_000, max: 5_000 }).map(thousandths);
    const fee = fc.integer({ min: 0, max: 20 }).map(thousandths);
    const scenario = fc.tuple(fc.array(fc.tuple(asset, units, fee), { maxLength: 40 }), fc.nat());
    fc.assert(
      fc.property(scenario, ([legs, cut]) => {
        const { entries, snapshots, now } = book({ XXBT: '1', ZUSD: '100' }, legs);
        const at = entries.length === 0 ? 0 : cut % (entries.length + 1);
        const derived = balancesAtMoment(now, entries.slice(at));
        const expected = snapshots[at] ?? {};
        return Object.keys({ ...derived, ...expected }).every((a) => dec(derived[a] ?? '0').equals(dec(expected[a] ?? '0')));
      }),
    );
  });
});

describe('checkpointAtMoment', () => {
  it('is the book’s moment, not the time of the import', () => {
    const { entries, snapshots, now } = book({ ADA: '0.5' }, [['ADA', '-0.5', '0']]);
    const cursor = { id: 'L-BEFORE', time: '1759999000' };
    expect(checkpointAtMoment({ at: 1_759_999_999_000, cursor, balancesNow: now, entriesAfter: entries })).toEqual({
      at: 1_759_999_999_000,
      ledgerCursor: cursor,
      balances: snapshots[0],
    });
  });
});

describe('heldAtMoment', () => {
  it('names what the account held at the moment: nothing, when the ledger since starts from zero', () => {
    const fromZero = book({}, [
      ['XXBT', '1', '0'],
      ['ZUSD', '50', '0'],
    ]);
    expect(heldAtMoment(fromZero.now, fromZero.entries)).toEqual([]);
    // USD opened from 20 before the first entry read, and ETH was held with no entry at all
    const truncated = book({ ZUSD: '20' }, [
      ['XXBT', '1', '0'],
      ['ZUSD', '50', '0'],
    ]);
    expect(heldAtMoment({ ...truncated.now, XETH: '2' }, truncated.entries)).toEqual(['XETH', 'ZUSD']);
  });
});
