// Settings hold fractions ("0.03"); people read and type percentages ("3"). Decimal both ways, never floats.
import { dec, formatAmount, isCanonical, toWire } from './money';

export function fractionToPercent(fraction: string): string {
  return toWire(dec(fraction).times(100));
}

/** Returns the input unchanged when it is not a number, so the contract's validation can explain the problem. */
export function percentToFraction(percent: string): string {
  const text = percent.trim();
  return isCanonical(text) || /^\d+(\.\d+)?$/.test(text) ? toWire(dec(text).dividedBy(100)) : text;
}

/** A fraction shown as a rounded percentage, e.g. "0.0297" → "2.97 %". */
export function formatFractionAsPercent(fraction: string, decimals = 2): string {
  return `${formatAmount(dec(fraction).times(100), decimals)} %`;
}
