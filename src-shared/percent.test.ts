import { describe, expect, it } from 'vitest';
import { formatFractionAsPercent, fractionToPercent, percentToFraction } from './percent';

describe('percent', () => {
  it('converts both ways exactly', () => {
    expect(fractionToPercent('0.03')).toBe('3');
    expect(fractionToPercent('0.001')).toBe('0.1');
    expect(percentToFraction('3')).toBe('0.03');
    expect(percentToFraction(' 2.5 ')).toBe('0.025');
    expect(percentToFraction('0.1')).toBe('0.001');
  });

  it('leaves what is not a number for validation to explain', () => {
    expect(percentToFraction('three')).toBe('three');
    expect(percentToFraction('')).toBe('');
  });

  it('shows a fraction as a rounded percentage', () => {
    expect(formatFractionAsPercent('0.029765')).toBe('2.98 %');
    expect(formatFractionAsPercent('0.03', 1)).toBe('3.0 %');
  });
});
