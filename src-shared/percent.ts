// Settings hold fractions ("0.03"); people read and type percentages ("3"). Decimal both ways, never floats.
import { dec, isCanonical, toWire } from './money';

export function fractionToPercent(fraction: string): string {
  return toWire(dec(fraction).times(100));
}

/** Returns the input unchanged when it is not a number, so the contract's validation can explain the problem. */
export function percentToFraction(percent: string): string {
  const text = percent.trim();
  return isCanonical(text) || /^\d+(\.\d+)?$/.test(text) ? toWire(dec(text).dividedBy(100)) : text;
}
