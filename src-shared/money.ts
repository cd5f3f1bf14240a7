// Every amount is a Decimal inside and a decimal string on the wire; no JS number ever holds money.
import Decimal from 'decimal.js';
import { z } from 'zod';

/** A private Decimal constructor so global configuration elsewhere can never change our precision. */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type Dec = InstanceType<typeof D>;

const DECIMAL_PATTERN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
/** Kraken sometimes pads integers with leading zeros or sends "0.0000"; accept any plain decimal. */
const LOOSE_DECIMAL_PATTERN = /^-?\d+(?:\.\d+)?$/;

/** Wire schema for an amount: a plain decimal string (no exponent, no spaces). */
export const DecimalString = z.string().regex(LOOSE_DECIMAL_PATTERN, 'must be a decimal number such as "12.50"');
export type DecimalString = z.infer<typeof DecimalString>;

/** Whether dec() accepts the text: for checks that must not throw. */
export function isDecimal(text: string): boolean {
  return LOOSE_DECIMAL_PATTERN.test(text);
}

export function dec(value: string | Dec): Dec {
  if (typeof value === 'string' && !isDecimal(value)) {
    throw new Error(`not a decimal amount: "${value}"`);
  }
  return new D(value);
}

/** The canonical wire form: no exponent, no trailing zeros beyond what the value needs. */
export function toWire(value: Dec): DecimalString {
  const text = value.toFixed();
  return text === '-0' ? '0' : text;
}

export function isCanonical(text: string): boolean {
  return DECIMAL_PATTERN.test(text);
}

export const ZERO = new D(0);

export function sum(values: Iterable<Dec>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/** Rounds for display only; full precision stays in the value. */
export function formatAmount(value: Dec, decimals: number): string {
  const fixed = value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_EVEN).toFixed(decimals);
  const [whole = '0', frac] = fixed.split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** Prices span 1e-8 to 1e5: two decimals above 1, otherwise enough decimals for five significant digits. */
export function formatPrice(value: Dec): string {
  if (value.isZero()) return '0';
  if (value.abs().gte(1)) return formatAmount(value, 2);
  const decimals = Math.min(12, Math.max(2, 5 - value.abs().e - 1));
  return formatAmount(value, decimals);
}

export function formatPercent(value: Dec, decimals = 2): string {
  const text = formatAmount(value, decimals);
  return `${value.gt(0) ? '+' : ''}${text} %`;
}
