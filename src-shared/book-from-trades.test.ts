import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bookFromTrades, tradeBasisOf } from './book-from-trades';
import type { PairInfo } from './book-from-trades';
import type { Trade } from './ledger';
import { dec, toWire, ZERO } from './money';

const PAIRS: Record<string, PairInfo> = {
  XXBTZUSD: { base: 'XXBT', quote: 'ZUSD' },
  XXBTZEUR: { base: 'XXBT', quote: 'ZEUR' },
  SOLUSD: { base: 'SOL', quote: 'ZUSD' },
  ADAUSD: { base: 'ADA', quote: 'ZUSD' },
};

let sequence = 0;
function trade(pair: string, type: 'buy' | 'sell', vol: string, price: string, fee: string, time: number, ordertxid?: string): Trade {
  sequence += 1;
  const cost = toWire(dec(vol).times(dec(price)));
  return {
    id: `T${String(sequence).padStart(5, '0')}-33VKH-UCI7BS`,
    ordertxid: ordertxid ?? `O${sequence}-BW3P3-BUCMWZ`,
    pair,
    time: String(time),
    type,
    ordertype: 'limit',
    price,
    cost,
    fee,
    vol,
  };
}

describe('bookFromTrades', () => {
  it('keeps a weighted average cost with fees, and partial sells leave the average unchanged', () => {
    const trades = [
      trade('SOLUSD', 'buy', '1', '100', '1', 1_700_000_000),
      trade('SOLUSD', 'buy', '1', '200', '2', 1_700_000_100),
      trade('SOLUSD', 'sell', '0.5', '300', '0.39', 1_700_000_200),
      trade('SOLUSD', 'buy', '0.5', '300', '0.5', 1_700_000_300),
    ];
    const traded = bookFromTrades(trades, PAIRS);
    const { book, notes } = traded;
    // the guide shows the trades behind the average: all four since the holding began
    expect(tradeBasisOf(traded)).toEqual({
      SOL: { trades: 4, average: '188.875', quoteCurrency: 'ZUSD', openedAt: '2023-11-14T22:13:20.000Z' },
    });
    // (101 + 202) / 2 = 151.5; sell 0.5 at that average leaves 227.25 for 1.5; + 150.5 → 377.75 / 2
    expect(book.positions).toEqual([
      {
        asset: 'SOL',
        quantity: '2',
        entryPrice: '188.875',
        quoteCurrency: 'ZUSD',
        openedAt: '2023-11-14T22:13:20.000Z',
        source: 'trades',
      },
    ]);
    expect(notes).toEqual([]);
  });

  it('adds up the partial fills of one order, whatever order the trades come in', () => {
    const fills = [
      trade('XXBTZUSD', 'buy', '0.02', '30010', '0.78', 1688667796.8802, 'OQCLML-BW3P3-BUCMWZ'),
      trade('XXBTZUSD', 'buy', '0.01', '30010', '0.39', 1688667769.6396, 'OQCLML-BW3P3-BUCMWZ'),
    ];
    const { book } = bookFromTrades(fills, PAIRS);
    expect(book.positions[0]).toMatchObject({ asset: 'XXBT', quantity: '0.03', entryPrice: '30049', openedAt: '2023-07-06T18:22:49.640Z' });
  });

  it('starts afresh after a full exit and rounds the entry price to 12 decimals', () => {
    const trades = [
      trade('ADAUSD', 'buy', '10', '0.5', '0.01', 1_700_000_000),
      trade('ADAUSD', 'sell', '10', '0.6', '0.01', 1_700_000_100),
      trade('ADAUSD', 'buy', '3', '0.4', '0.0031', 1_700_000_200),
    ];
    const traded = bookFromTrades(trades, PAIRS);
    // only the trades since the full exit count for the average
    expect(traded.tradeCounts).toEqual({ ADA: 1 });
    const [ada] = traded.book.positions;
    expect(ada).toMatchObject({ quantity: '3', entryPrice: '0.401033333333', openedAt: '2023-11-14T22:16:40.000Z' });
  });

  it('drops closed holdings and notes what it could not use', () => {
    const trades = [
      trade('XXBTZUSD', 'buy', '0.1', '60000', '10', 1_700_000_000),
      trade('XXBTZEUR', 'buy', '0.1', '55000', '9', 1_700_000_050),
      trade('ADAUSD', 'sell', '5', '0.5', '0', 1_700_000_060),
      trade('DOTUSD', 'buy', '1', '5', '0', 1_700_000_070),
      trade('SOLUSD', 'buy', '1', '100', '0', 1_700_000_080),
      trade('SOLUSD', 'sell', '1', '110', '0', 1_700_000_090),
    ];
    const { book, notes } = bookFromTrades(trades, PAIRS);
    expect(book.positions).toMatchObject([{ asset: 'XXBT', quantity: '0.2', entryPrice: null, quoteCurrency: 'ZUSD' }]);
    expect(notes.map((n) => [n.subject, n.text])).toEqual([
      ['ADA', 'Sold more than the trades show bought (the history may start later); the holding restarts at zero.'],
      ['DOTUSD', 'Unknown pair; this trade was left out.'],
      ['XXBT', 'Bought against more than one quote currency, so there is no single entry price.'],
    ]);
  });

  it('never moves the average cost on a sell, and quantity is buys minus sells', () => {
    const step = fc.record({
      type: fc.constantFrom('buy' as const, 'sell' as const),
      vol: fc.integer({ min: 1, max: 1000 }).map((n) => toWire(dec(String(n)).dividedBy(100))),
      price: fc.integer({ min: 1, max: 100_000 }).map(String),
      fee: fc.integer({ min: 0, max: 100 }).map((n) => toWire(dec(String(n)).dividedBy(10))),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        let held = ZERO;
        let previous: string | null = null;
        for (const [i, s] of steps.entries()) {
          const upTo = steps.slice(0, i + 1).map((x, j) => trade('SOLUSD', x.type, x.vol, x.price, x.fee, 1_700_000_000 + j));
          const [sol] = bookFromTrades(upTo, PAIRS).book.positions;
          const left = s.type === 'buy' ? held.plus(dec(s.vol)) : held.minus(dec(s.vol));
          held = left.isNegative() ? ZERO : left;
          if (held.isZero()) {
            if (sol !== undefined) return false;
            previous = null;
            continue;
          }
          if (sol === undefined || !dec(sol.quantity).equals(held)) return false;
          if (s.type === 'sell' && previous !== null && sol.entryPrice !== null) {
            if (dec(sol.entryPrice).minus(dec(previous)).abs().greaterThan(dec('0.000000000002'))) return false;
          }
          previous = sol.entryPrice;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });
});
