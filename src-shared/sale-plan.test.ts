import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, toWire } from './money';
import { buyPrice, planSale, planTopUp, sellPrice, sweepAlternative, topUpVolume, type SalePair } from './sale-plan';

const xtzUsd: SalePair = {
  id: 'XTZUSD',
  name: 'XTZ/USD',
  base: 'XTZ',
  quote: 'ZUSD',
  ordermin: dec('1'),
  costmin: dec('0.5'),
  lotDecimals: 8,
  tickSize: dec('0.0001'),
  quoteDecimals: 4,
  bid: dec('0.54985'),
  ask: dec('0.55015'),
  takerFeeRate: dec('0.004'),
};

const acaEur: SalePair = {
  ...xtzUsd,
  id: 'ACAEUR',
  name: 'ACA/EUR',
  base: 'ACA',
  quote: 'ZEUR',
  ordermin: dec('12000'),
  costmin: dec('0.45'),
  lotDecimals: 0,
  tickSize: dec('0.00001'),
  bid: dec('0.02795'),
  ask: dec('0.02805'),
};

describe('planSale', () => {
  it('sells the balance rounded down to the lots, at the bid on the tick grid, after the taker fee', () => {
    const line = planSale('XTZ', dec('9.123456789'), xtzUsd);
    expect(toWire(line.sell.volume)).toBe('9.12345678');
    expect(toWire(line.leftover)).toBe('0.000000009');
    // the bid 0.54985 is off the 0.0001 grid: the limit rounds down to what the book pays
    expect(toWire(line.sell.price)).toBe('0.5498');
    expect(toWire(line.sell.gross)).toBe('5.016');
    expect(toWire(line.sell.fee)).toBe('0.0201');
    expect(toWire(line.proceeds)).toBe('4.9959');
    expect(line.problem).toBeNull();
  });

  it('names the minimum a balance misses, in the pair’s terms', () => {
    expect(planSale('XTZ', dec('0.9'), xtzUsd).problem).toBe("Below XTZ/USD's order minimum of 1 XTZ.");
    expect(planSale('XTZ', dec('1.2'), { ...xtzUsd, costmin: dec('1') }).problem).toBe("Below XTZ/USD's cost minimum of 1.");
    expect(planSale('XTZ', dec('0.000000001'), xtzUsd).problem).toMatch(/^Nothing to trade once the balance is rounded/);
  });
});

describe('prices on the tick grid', () => {
  it('rounds a sell down and a buy up, leaving prices already on the grid alone', () => {
    expect(toWire(sellPrice(xtzUsd))).toBe('0.5498');
    expect(toWire(buyPrice(xtzUsd))).toBe('0.5502');
    expect(toWire(sellPrice({ ...xtzUsd, bid: dec('0.55') }))).toBe('0.55');
  });
});

describe('planTopUp', () => {
  it('buys just enough to reach the minimums, then sells the whole balance', () => {
    const plan = planTopUp('ACA', dec('85'), acaEur);
    expect(toWire(plan.buy.volume)).toBe('12000');
    expect(toWire(plan.buy.price)).toBe('0.02805');
    expect(toWire(plan.sell.volume)).toBe('12085');
    expect(toWire(plan.sell.price)).toBe('0.02795');
    expect(toWire(plan.cost)).toBe(toWire(plan.buy.gross.plus(plan.buy.fee)));
    expect(toWire(plan.net)).toBe(toWire(plan.proceeds.minus(plan.cost)));
    // the spread and two fees cost more than 85 ACA are worth
    expect(plan.net.isNegative()).toBe(true);
  });

  it('buys only the missing part when the buy alone already meets the minimums', () => {
    const small = { ...xtzUsd, ordermin: dec('5') };
    expect(toWire(topUpVolume(dec('3.5'), small))).toBe('5');
    expect(toWire(topUpVolume(dec('4.99'), { ...small, ordermin: dec('1') }))).toBe('1');
  });

  it('always leaves both orders within the pair’s minimums, in whole lots', () => {
    const pair = fc.record({
      ordermin: fc.integer({ min: 1, max: 100_000 }).map((n) => dec(String(n)).dividedBy(1000)),
      costmin: fc.integer({ min: 1, max: 1_000 }).map((n) => dec(String(n)).dividedBy(100)),
      lotDecimals: fc.integer({ min: 0, max: 8 }),
      bid: fc.integer({ min: 1, max: 1_000_000 }).map((n) => dec(String(n)).dividedBy(10_000)),
    });
    fc.assert(
      fc.property(pair, fc.integer({ min: 0, max: 100_000 }), (p, units) => {
        const full: SalePair = { ...xtzUsd, ...p, tickSize: dec('0.0001'), ask: p.bid.plus('0.0002') };
        const available = dec(String(units)).dividedBy(1000);
        const plan = planTopUp('X', available, full);
        return (
          plan.buy.volume.decimalPlaces() <= p.lotDecimals &&
          plan.buy.volume.gte(full.ordermin) &&
          plan.buy.volume.times(plan.buy.price).gte(full.costmin) &&
          plan.sell.volume.gte(full.ordermin) &&
          plan.sell.volume.times(plan.sell.price).gte(full.costmin) &&
          plan.sell.volume.lte(available.plus(plan.buy.volume))
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('sweepAlternative', () => {
  it('says how far the price must fall before Kraken sweeps it, and the most that would pay', () => {
    const wait = sweepAlternative(dec('2.57'), dec('1'), dec('0.03'));
    expect(wait.fallNeeded.toDecimalPlaces(4).toFixed()).toBe('0.6109');
    expect(toWire(wait.bestCaseUsd)).toBe('0.97');
    expect(toWire(sweepAlternative(dec('0.4'), dec('1'), dec('0.03')).fallNeeded)).toBe('0');
  });
});
