import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dec, toWire } from './money';
import { buildMarket, changePercent, priceIn, type TickerQuote, type TradingPair } from './pricing';

const pair = (id: string, base: string, quote: string): TradingPair => ({
  id,
  base,
  quote,
  ordermin: '0.0001',
  costmin: '0.5',
  lot_decimals: 8,
  status: 'online',
});
const ticker = (bid: string, ask: string, last = bid, open = last): TickerQuote => ({ bid, ask, last, open });

const pairs = [
  pair('XXBTZUSD', 'XXBT', 'ZUSD'),
  pair('XXBTZEUR', 'XXBT', 'ZEUR'),
  pair('ZUSDZJPY', 'ZUSD', 'ZJPY'),
  pair('XYZXBT', 'XYZ', 'XXBT'),
  pair('ABCEUR', 'ABC', 'ZEUR'),
  pair('ABCUSDT', 'ABC', 'USDT'),
  pair('USDTZUSD', 'USDT', 'ZUSD'),
  pair('EURUSDZ', 'ZEUR', 'ZUSD'),
  pair('NOBIDUSD', 'NOBID', 'ZUSD'),
];
const tickers: Record<string, TickerQuote> = {
  XXBTZUSD: ticker('80000', '80010', '80005', '76000'),
  XXBTZEUR: ticker('70000', '70020'),
  ZUSDZJPY: ticker('150.00', '160.00', '155', '150'),
  XYZXBT: ticker('0.00001', '0.000011', '0.0000105', '0.00001'),
  ABCEUR: ticker('2', '2.1'),
  ABCUSDT: ticker('2.5', '2.6'),
  USDTZUSD: ticker('0.999', '1.001'),
  EURUSDZ: ticker('1.10', '1.11'),
  NOBIDUSD: ticker('0', '3'),
};
const market = buildMarket(pairs, tickers);

describe('priceIn', () => {
  it('values the quote currency itself at 1 with an empty route', () => {
    const quote = priceIn(market, 'ZUSD', 'ZUSD');
    expect(toWire(quote!.price)).toBe('1');
    expect(quote!.legs).toEqual([]);
  });

  it('uses the bid of a direct pair (what selling fetches)', () => {
    const quote = priceIn(market, 'XXBT', 'ZUSD')!;
    expect(toWire(quote.price)).toBe('80000');
    expect(quote.legs.map((l) => [l.pairId, l.inverted])).toEqual([['XXBTZUSD', false]]);
  });

  it('uses 1/ask on an inverted pair (USD/JPY values JPY in USD)', () => {
    const quote = priceIn(market, 'ZJPY', 'ZUSD')!;
    expect(quote.price.eq(dec('1').div(dec('160')))).toBe(true);
    expect(quote.legs.map((l) => [l.pairId, l.inverted])).toEqual([['ZUSDZJPY', true]]);
  });

  it('goes through XBT when only XYZ/XBT exists', () => {
    const quote = priceIn(market, 'XYZ', 'ZUSD')!;
    expect(toWire(quote.price)).toBe('0.8');
    expect(quote.legs.map((l) => l.pairId)).toEqual(['XYZXBT', 'XXBTZUSD']);
  });

  it('picks the bridge that pays most when several two-hop routes exist', () => {
    // via EUR: 2 × 1.10 = 2.2; via USDT: 2.5 × 0.999 = 2.4975
    const quote = priceIn(market, 'ABC', 'ZUSD')!;
    expect(toWire(quote.price)).toBe('2.4975');
    expect(quote.legs.map((l) => l.pairId)).toEqual(['ABCUSDT', 'USDTZUSD']);
  });

  it('prefers a direct pair over any bridge', () => {
    expect(priceIn(market, 'XXBT', 'ZEUR')!.legs.map((l) => l.pairId)).toEqual(['XXBTZEUR']);
  });

  it('returns null rather than guess when no route exists or the book side is empty', () => {
    expect(priceIn(market, 'LONELY', 'ZUSD')).toBeNull();
    expect(priceIn(market, 'NOBID', 'ZUSD')).toBeNull();
    expect(priceIn(market, 'XYZ', 'ZUSD', [])).toBeNull();
    expect(priceIn(buildMarket([pair('XXBTZUSD', 'XXBT', 'ZUSD')], {}), 'XXBT', 'ZUSD')).toBeNull();
  });

  it('is exact for tiny amounts with 18 decimals', () => {
    const value = dec('0.000000000000000001').mul(priceIn(market, 'XYZ', 'ZUSD')!.price);
    expect(toWire(value)).toBe('0.0000000000000000008');
  });

  it('never values above the bid, in either direction, for any book', () => {
    const price = fc.integer({ min: 1, max: 10_000_000 }).map((n) => dec(String(n)).div(1000));
    fc.assert(
      fc.property(price, price, (a, b) => {
        const [bid, ask] = a.lte(b) ? [a, b] : [b, a];
        const m = buildMarket([pair('AB', 'A', 'B')], { AB: ticker(toWire(bid), toWire(ask)) });
        const there = priceIn(m, 'A', 'B')!.price;
        const back = priceIn(m, 'B', 'A')!.price;
        // a round trip can only lose the spread
        return there.eq(bid) && there.mul(back).lte(1);
      }),
    );
  });
});

describe('changePercent', () => {
  it('is the change from open to last on a direct pair', () => {
    expect(toWire(changePercent(priceIn(market, 'XXBT', 'ZUSD')!)!.toDecimalPlaces(6))).toBe('5.269737');
  });

  it('composes along a two-hop route and inverts on inverted legs', () => {
    // XYZ: +5 % in XBT; XBT: +5.2697... % in USD
    const change = changePercent(priceIn(market, 'XYZ', 'ZUSD')!)!;
    expect(toWire(change.toDecimalPlaces(6))).toBe('10.533224');
    // USD/JPY went 150 → 155, so JPY lost value in USD
    expect(toWire(changePercent(priceIn(market, 'ZJPY', 'ZUSD')!)!.toDecimalPlaces(6))).toBe('-3.225806');
  });

  it('is zero for the quote itself and null when a leg lacks prices', () => {
    expect(toWire(changePercent(priceIn(market, 'ZUSD', 'ZUSD')!)!)).toBe('0');
    const m = buildMarket([pair('AB', 'A', 'B')], { AB: { bid: '1', ask: '2', last: '', open: '1' } });
    expect(changePercent(priceIn(m, 'A', 'B')!)).toBeNull();
  });
});
