import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportionRounded } from './apportion';
import { dec, sum, toWire } from './money';

describe('apportionRounded', () => {
  it('writes each share at the currency’s decimals and adds up to what was credited', () => {
    const shares = apportionRounded(dec('0.2768'), [dec('1'), dec('1'), dec('1')], 4);
    expect(shares.map(toWire)).toEqual(['0.0923', '0.0923', '0.0922']);
    expect(toWire(sum(shares))).toBe('0.2768');
  });

  it('gives the leftover units to the shares that lost most to rounding', () => {
    // exact shares 0.33333…, 0.66666…: the larger loses 0.0066 and takes the one unit left
    expect(apportionRounded(dec('1'), [dec('1'), dec('2')], 2).map(toWire)).toEqual(['0.33', '0.67']);
  });

  it('keeps Kraken’s own precision when the total has more decimals than the currency', () => {
    expect(apportionRounded(dec('1.00005'), [dec('1'), dec('1')], 2).map(toWire)).toEqual(['0.50003', '0.50002']);
  });

  it('always adds up, each share within one unit of its exact value', () => {
    const weight = fc.integer({ min: 1, max: 1_000_000 }).map((n) => dec(String(n)).dividedBy(997));
    const total = fc.integer({ min: 0, max: 10_000_000 }).map((n) => dec(String(n)).dividedBy(10_000));
    fc.assert(
      fc.property(total, fc.array(weight, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 8 }), (t, weights, decimals) => {
        const shares = apportionRounded(t, weights, decimals);
        const places = Math.max(decimals, t.decimalPlaces());
        const unit = dec('1').dividedBy(dec('10').pow(places));
        const weightSum = sum(weights);
        return (
          sum(shares).equals(t) &&
          shares.every(
            (share, i) =>
              share.decimalPlaces() <= places &&
              share
                .minus(t.times(weights[i] ?? dec('0')).dividedBy(weightSum))
                .abs()
                .lessThan(unit),
          )
        );
      }),
    );
  });
});
