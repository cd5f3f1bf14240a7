import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareKrakenTimes, krakenTimeCeilMs, krakenTimeFromMs, krakenTimeMs } from './kraken-time';
import { dec } from './money';

describe('Kraken times as text', () => {
  it('compares digit by digit, where doubles cannot tell two times apart', () => {
    expect(Number('1728488004.8839500')).toBe(Number('1728488004.8839501'));
    expect(compareKrakenTimes('1728488004.8839500', '1728488004.8839501')).toBeLessThan(0);
    expect(compareKrakenTimes('1728488004.88395', '1728488004.8839500')).toBe(0);
    expect(compareKrakenTimes('99.9', '100')).toBeLessThan(0);
    expect(compareKrakenTimes('100.05', '100.4')).toBeLessThan(0);
  });

  it('orders like the exact decimals they are', () => {
    const time = fc
      .tuple(fc.integer({ min: 0, max: 4_000_000_000 }), fc.integer({ min: 0, max: 9_999_999 }))
      .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(7, '0')}`.replace(/\.?0+$/, '') || '0');
    fc.assert(fc.property(time, time, (a, b) => Math.sign(compareKrakenTimes(a, b)) === dec(a).comparedTo(dec(b))));
  });

  it('turns into milliseconds for dates, rounded, or rounded up for a deadline', () => {
    expect(krakenTimeMs('1701143946.764')).toBe(1701143946764);
    expect(krakenTimeMs('1701143946.7645')).toBe(1701143946765);
    expect(krakenTimeMs('1701143946')).toBe(1701143946000);
    expect(krakenTimeCeilMs('1701143946.7640001')).toBe(1701143946765);
    expect(krakenTimeCeilMs('1701143946.764')).toBe(1701143946764);
    expect(krakenTimeFromMs(1701143946760)).toBe('1701143946.76');
    expect(krakenTimeFromMs(1701143946000)).toBe('1701143946');
  });
});
