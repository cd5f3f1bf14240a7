// What an operator types into a number field, read the way they meant it or refused with words that say what to
// type: "3,5" is 3.5, "1,20 $" is refused for its currency sign, and a range names its bounds. Never throws.
import { dec, toWire } from './money';

export interface DecimalRule {
  /** "The dust threshold": the field as a sentence names it. */
  what: string;
  /** A value to show in the message, e.g. "1.00". */
  example: string;
  /** Inclusive bounds, decimal strings; absent = unbounded. */
  min?: string;
  max?: string;
  /** The minimum excluded: the value must be above `min` (an entry price). */
  aboveMin?: boolean;
  /** Only whole numbers (seconds). */
  whole?: boolean;
  /** Shown after a bound: " %", " USD", " seconds". */
  unit?: string;
}

export type DecimalInput = { ok: true; value: string } | { ok: false; message: string };

const PLAIN = /^-?\d+(\.\d+)?$/;
/** One comma and no dot: the decimal comma of most of Europe. */
const DECIMAL_COMMA = /^-?\d+,\d+$/;

function bound(value: string, rule: DecimalRule): string {
  return `${value}${rule.unit ?? ''}`;
}

export function readDecimalInput(text: string, rule: DecimalRule): DecimalInput {
  const typed = text.replace(/\s+/g, '');
  if (typed === '') return { ok: false, message: `Type ${rule.what.toLowerCase()}, such as ${rule.example}.` };
  if (/[^\d.,-]/.test(typed)) {
    return { ok: false, message: `Type only the number, such as ${rule.example}: no letters, currency signs or exponents.` };
  }
  const normal = DECIMAL_COMMA.test(typed) ? typed.replace(',', '.') : typed;
  if (!PLAIN.test(normal)) {
    return { ok: false, message: `Use a dot for decimals and no thousands separators, such as ${rule.example}.` };
  }
  const value = dec(normal);
  if (rule.whole === true && !value.isInteger())
    return { ok: false, message: `${rule.what} must be a whole number, such as ${rule.example}.` };
  const { min, max } = rule;
  if (min !== undefined && (rule.aboveMin === true ? !value.greaterThan(min) : value.lessThan(min))) {
    if (max !== undefined) return { ok: false, message: `${rule.what} must be between ${bound(min, rule)} and ${bound(max, rule)}.` };
    return { ok: false, message: `${rule.what} must be ${rule.aboveMin === true ? 'above' : 'at least'} ${bound(min, rule)}.` };
  }
  if (max !== undefined && value.greaterThan(max)) {
    return {
      ok: false,
      message:
        min === undefined
          ? `${rule.what} must be at most ${bound(max, rule)}.`
          : `${rule.what} must be between ${bound(min, rule)} and ${bound(max, rule)}.`,
    };
  }
  return { ok: true, value: toWire(value) };
}
