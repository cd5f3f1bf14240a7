import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDecimalInput, type DecimalRule } from './decimal-input';
import { dec } from './money';

const threshold: DecimalRule = { what: 'The dust threshold', example: '1.00', min: '0.01', max: '100', unit: ' USD' };
const price: DecimalRule = { what: 'The entry price', example: '64000.50', min: '0', aboveMin: true };

describe('readDecimalInput', () => {
  it('reads what the operator meant', () => {
    expect(readDecimalInput(' 1.50 ', threshold)).toEqual({ ok: true, value: '1.5' });
    expect(readDecimalInput('3,5', threshold)).toEqual({ ok: true, value: '3.5' });
    expect(readDecimalInput('1,20', price)).toEqual({ ok: true, value: '1.2' });
  });

  it('says what to type instead', () => {
    expect(readDecimalInput('', threshold)).toEqual({ ok: false, message: 'Type the dust threshold, such as 1.00.' });
    expect(readDecimalInput('1,20 $', price)).toEqual({
      ok: false,
      message: 'Type only the number, such as 64000.50: no letters, currency signs or exponents.',
    });
    expect(readDecimalInput('abc', threshold).ok).toBe(false);
    expect(readDecimalInput('1e3', threshold)).toMatchObject({ ok: false, message: expect.stringContaining('no letters') as unknown });
    expect(readDecimalInput('NaN', threshold).ok).toBe(false);
    expect(readDecimalInput('1,200.50', price)).toEqual({
      ok: false,
      message: 'Use a dot for decimals and no thousands separators, such as 64000.50.',
    });
    expect(readDecimalInput('-2', threshold)).toEqual({ ok: false, message: 'The dust threshold must be between 0.01 USD and 100 USD.' });
    expect(readDecimalInput('0', price)).toEqual({ ok: false, message: 'The entry price must be above 0.' });
    expect(readDecimalInput('2.5', { what: 'Auto-refresh', example: '60', min: '0', max: '3600', whole: true })).toEqual({
      ok: false,
      message: 'Auto-refresh must be a whole number, such as 60.',
    });
  });

  it('never throws, and what it accepts is a plain decimal within the bounds', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const read = readDecimalInput(text, threshold);
        return read.ok
          ? /^\d+(\.\d+)?$/.test(read.value) && dec(read.value).gte('0.01') && dec(read.value).lte('100')
          : read.message.length > 0;
      }),
    );
  });
});
