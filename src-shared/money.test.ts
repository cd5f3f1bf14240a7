import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dec, formatAmount, sum, toWire, DecimalString } from './money';

describe('money', () => {
  it('keeps 0.1 + 0.2 exact, unlike JS numbers', () => {
    expect(toWire(dec('0.1').plus(dec('0.2')))).toBe('0.3');
  });

  it('round-trips any decimal string through Decimal and back', () => {
    const decimalText = fc
      .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }))
      .map(([units, scale]) => {
        const negative = units < 0n;
        const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
        const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        return negative ? `-${text}` : text;
      });
    fc.assert(fc.property(decimalText, (text) => dec(toWire(dec(text))).equals(dec(text))));
  });

  it('sums without drift', () => {
    expect(toWire(sum(Array.from({ length: 10 }, () => dec('0.1'))))).toBe('1');
  });

  it('rejects what is not a plain decimal', () => {
    expect(() => dec('1e5')).toThrow(/not a decimal/);
    expect(DecimalString.safeParse('12,5').success).toBe(false);
    expect(DecimalString.safeParse('0012.50').success).toBe(true);
  });

  it('formats with grouping to the asked decimals, half-even', () => {
    expect(formatAmount(dec('1234567.125'), 2)).toBe('1,234,567.12');
    expect(formatAmount(dec('-0.000055'), 5)).toBe('-0.00006');
  });
});

describe('formatPrice and formatPercent', () => {
  it('shows two decimals above one and five significant digits below', async () => {
    const { formatPrice, formatPercent } = await import('./money');
    expect(formatPrice(dec('90123.456'))).toBe('90,123.46');
    expect(formatPrice(dec('0.4567891'))).toBe('0.45679');
    expect(formatPrice(dec('0.000012345678'))).toBe('0.000012346');
    expect(formatPercent(dec('2.5'))).toBe('+2.50 %');
    expect(formatPercent(dec('-0.125'))).toBe('-0.12 %');
  });
});
