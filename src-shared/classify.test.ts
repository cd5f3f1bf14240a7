import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from './errors';
import { D, dec, toWire, ZERO, type Dec } from './money';
import { buildMarket, type TickerQuote, type TradingPair } from './pricing';
import { classifyBalance, classifyRules, proceedsAfterFee, type BalanceToClassify, type ClassifyContext } from './classify';

const pair = (id: string, base: string, quote: string, over: Partial<TradingPair> = {}): TradingPair => ({
  id,
  base,
  quote,
  ordermin: '0.00005',
  costmin: '0.5',
  lot_decimals: 8,
  status: 'online',
  ...over,
});
const ticker = (bid: string, ask: string): TickerQuote => ({ bid, ask, last: bid, open: bid });

// BTC at 80 000 USD: ordermin 0.00005 BTC is worth 4 USD, so 1.2–4 USD of BTC is stranded
const market = buildMarket(
  [
    pair('XXBTZUSD', 'XXBT', 'ZUSD'),
    pair('XETHXXBT', 'XETH', 'XXBT', { ordermin: '0.001', costmin: '0.00002' }),
    pair('ACAEUR', 'ACA', 'ZEUR', { ordermin: '12000', costmin: '0.45', status: 'cancel_only' }),
    pair('DUSTUSD', 'DUST', 'ZUSD', { ordermin: '1', costmin: '0.5', lot_decimals: 0 }),
  ],
  {
    XXBTZUSD: ticker('80000', '80010'),
    XETHXXBT: ticker('0.05', '0.0501'),
    ACAEUR: ticker('0.0001', '0.00011'),
    DUSTUSD: ticker('3', '3.1'),
  },
);

function context(settings = {}, over: Partial<ClassifyContext> = {}): ClassifyContext {
  return { market, rules: classifyRules(settings), openOrderAssets: new Set(), positionAssets: new Set(), ...over };
}

function balance(assetId: string, amount: string, unitValue: string | null, over: Partial<BalanceToClassify> = {}) {
  return { assetId, variant: null, amount: dec(amount), held: ZERO, unitValue: unitValue === null ? null : dec(unitValue), ...over };
}

const ctx = context();

describe('classifyBalance: the threshold and its band', () => {
  it('puts values exactly on the threshold and on both band edges in borderline', () => {
    // unit value 1 USD, so the amount is the value
    const at = (value: string) => classifyBalance(ctx, balance('ZUSD', value, '1'))!;
    expect(at('0.8999')).toMatchObject({ class: 'sweepable', sweptByKraken: true });
    expect(at('0.90')).toMatchObject({ class: 'borderline', sweptByKraken: true });
    expect(at('0.9999')).toMatchObject({ class: 'borderline', sweptByKraken: true });
    expect(at('1.00')).toMatchObject({ class: 'borderline', sweptByKraken: false });
    expect(at('1.10')).toMatchObject({ class: 'borderline', sweptByKraken: false });
    expect(at('1.1001').class).not.toBe('borderline');
  });

  it('follows the rules of docs/domain-rules.md (Classes) for any threshold, band and value', () => {
    const decimal = (max: number, scale: number) => fc.integer({ min: 0, max }).map((n) => new D(n).div(new D(10).pow(scale)));
    fc.assert(
      fc.property(decimal(10_000, 2), decimal(99, 2), decimal(3_000_000, 6), (threshold, band, value) => {
        fc.pre(threshold.gt(0));
        const rules = classifyRules({ threshold: toWire(threshold), band: toWire(band) });
        const result = classifyBalance({ ...ctx, rules }, balance('ASSET', toWire(value), '1'));
        if (value.isZero()) return result === null;
        const lower = threshold.mul(new D(1).minus(band));
        const upper = threshold.mul(new D(1).plus(band));
        const expected = value.lt(lower) ? 'sweepable' : value.lte(upper) ? 'borderline' : 'stranded';
        return (
          result !== null && result.class === expected && result.sweptByKraken === value.lt(threshold) && result.thresholdValue!.eq(value)
        );
      }),
    );
  });

  it('drops zero balances and flags negative ones apart, unvalued', () => {
    expect(classifyBalance(ctx, balance('XXBT', '0', '80000'))).toBeNull();
    expect(classifyBalance(ctx, balance('XXBT', '0.0000000000', '80000'))).toBeNull();
    expect(classifyBalance(ctx, balance('XXBT', '-0.001', '80000'))).toMatchObject({
      class: 'unpriced',
      anomaly: 'negative',
      thresholdValue: null,
      sweptByKraken: false,
    });
  });

  it('never guesses a class for a balance with no price route', () => {
    expect(classifyBalance(ctx, balance('LONELY', '5', null))).toMatchObject({
      class: 'unpriced',
      sweptByKraken: false,
      thresholdValue: null,
    });
  });

  it('keeps 18-decimal dust exact', () => {
    const result = classifyBalance(ctx, balance('TOKEN18', '0.000000000000000001', '2500'))!;
    expect(result.class).toBe('sweepable');
    expect(toWire(result.thresholdValue!)).toBe('0.0000000000000025');
  });

  it('classes every suffixed variant as earn, valued but never swept', () => {
    const result = classifyBalance(ctx, balance('XXBT', '0.000001', '80000', { variant: 'F' }))!;
    expect(result).toMatchObject({ class: 'earn', sweptByKraken: false });
    expect(toWire(result.thresholdValue!)).toBe('0.08');
  });
});

describe('classifyBalance: stranded or sellable', () => {
  it('strands BTC worth more than the threshold but under ordermin, and sizes the top-up as an order Kraken takes', () => {
    const result = classifyBalance(ctx, balance('XXBT', '0.00002', '80000'))!;
    expect(result.class).toBe('stranded');
    expect(result.sellPairId).toBeNull();
    expect(result.topUp!.pairId).toBe('XXBTZUSD');
    expect(toWire(result.topUp!.minimum)).toBe('0.00005');
    // 0.00003 would reach the minimum, but a buy of it is itself under the pair's 0.00005 order minimum
    expect(toWire(result.topUp!.amount)).toBe('0.00005');
  });

  it('sells on the pair where the asset is the base when it meets every minimum', () => {
    const result = classifyBalance(ctx, balance('XXBT', '0.5', '80000'))!;
    expect(result).toMatchObject({ class: 'sellable', sellPairId: 'XXBTZUSD', topUp: null, sweptByKraken: false });
  });

  it('can sell a quote asset by buying the base with it (USD on XBT/USD)', () => {
    const btcOnly = { ...ctx, market: buildMarket([pair('XXBTZUSD', 'XXBT', 'ZUSD')], { XXBTZUSD: ticker('80000', '80010') }) };
    const stranded = classifyBalance(btcOnly, balance('ZUSD', '3', '1'))!;
    expect(stranded.class).toBe('stranded');
    // 0.00005 BTC at the ask 80 010
    expect(toWire(stranded.topUp!.minimum)).toBe('4.0005');
    expect(classifyBalance(btcOnly, balance('ZUSD', '4.0005', '1'))).toMatchObject({
      class: 'sellable',
      sellPairId: 'XXBTZUSD',
    });
  });

  it('picks the top-up that needs the least of the asset', () => {
    // 1 DUST at the ask 3.1 USD is cheaper than 0.00005 BTC at 80 010 USD
    expect(classifyBalance(ctx, balance('ZUSD', '3', '1'))!.topUp).toMatchObject({ pairId: 'DUSTUSD' });
  });

  it('strands what cannot fit lot_decimals', () => {
    // lot_decimals 0: 0.9 DUST rounds down to 0 lots although 0.9 × 3 USD is over the threshold; a buy is whole lots too
    const result = classifyBalance(ctx, balance('DUST', '0.9', '3'))!;
    expect(result.class).toBe('stranded');
    expect(toWire(result.topUp!.amount)).toBe('1');
  });

  it('strands an amount below one lot even where the pair sets no minimums', () => {
    const open = buildMarket([pair('FREEUSD', 'FREE', 'ZUSD', { ordermin: '0', costmin: '0', lot_decimals: 2 })], {
      FREEUSD: ticker('500', '501'),
    });
    const result = classifyBalance({ ...ctx, market: open }, balance('FREE', '0.004', '500'))!;
    expect(result).toMatchObject({ class: 'stranded', sellPairId: null });
    expect(toWire(result.topUp!.minimum)).toBe('0.01');
  });

  it('offers no sale and no top-up on a pair closed for new orders', () => {
    expect(classifyBalance(ctx, balance('ACA', '50000', '0.0001'))).toMatchObject({
      class: 'stranded',
      sellPairId: null,
      topUp: null,
    });
  });

  it('agrees with a brute-force check, and a top-up always makes the balance sellable', () => {
    const scaled = (max: number) => fc.integer({ min: 1, max }).map((n) => new D(n).div(1000));
    fc.assert(
      fc.property(
        scaled(100_000),
        scaled(10_000),
        scaled(10_000),
        fc.integer({ min: 0, max: 8 }),
        scaled(100_000),
        (ordermin, costmin, bid, lotDecimals, amount) => {
          const m = buildMarket(
            [pair('AQ', 'A', 'Q', { ordermin: toWire(ordermin), costmin: toWire(costmin), lot_decimals: lotDecimals })],
            { AQ: ticker(toWire(bid), toWire(bid.mul(2))) },
          );
          // a huge unit value keeps every balance above the band so only the sale check decides
          const c = { ...ctx, market: m };
          const big = '1000000000';
          const result = classifyBalance(c, balance('A', toWire(amount), big))!;
          const volume = amount.toDecimalPlaces(lotDecimals, D.ROUND_DOWN);
          const sellable = volume.gt(0) && volume.gte(ordermin) && volume.mul(bid).gte(costmin);
          if (sellable) return result.class === 'sellable' && result.topUp === null;
          const topUp = result.topUp!;
          const after = classifyBalance(c, balance('A', toWire(amount.plus(topUp.amount)), big))!;
          return result.class === 'stranded' && topUp.amount.gt(0) && after.class === 'sellable';
        },
      ),
    );
  });
});

describe('classifyBalance: in use', () => {
  it('flags open orders, held amounts and OC9 positions whatever the class', () => {
    const busy = context({}, { openOrderAssets: new Set(['XETH']), positionAssets: new Set(['XXBT']) });
    expect(classifyBalance(busy, balance('XETH', '0.0001', '4000'))).toMatchObject({ class: 'sweepable', inUse: true });
    expect(classifyBalance(busy, balance('XXBT', '0.5', '80000'))).toMatchObject({ class: 'sellable', inUse: true });
    expect(classifyBalance(busy, balance('XXBT', '1', '80000', { variant: 'S' }))).toMatchObject({ class: 'earn', inUse: true });
    expect(classifyBalance(ctx, balance('SOL', '1', '100', { held: dec('0.5') }))!.inUse).toBe(true);
    expect(classifyBalance(ctx, balance('SOL', '1', '100'))!.inUse).toBe(false);
  });
});

describe('classifyRules and fees', () => {
  it('uses 1.00 USD, ±10 % and 3 % by default', () => {
    const rules = classifyRules();
    expect([rules.threshold, rules.lowerEdge, rules.upperEdge, rules.sweepFee].map(toWire)).toEqual(['1', '0.9', '1.1', '0.03']);
  });

  it('refuses settings that make no sense, in words', () => {
    for (const bad of [{ threshold: '0' }, { band: '1' }, { band: '-0.1' }, { sweepFee: '1.5' }]) {
      expect(() => classifyRules(bad)).toThrow(AppError);
    }
  });

  it('estimates proceeds after the fee', () => {
    const proceeds: Dec = proceedsAfterFee(dec('0.80'), dec('0.03'));
    expect(toWire(proceeds)).toBe('0.776');
  });
});
