// Kraken writes ledger and trade times as JSON numbers of seconds with up to 7 decimals (1728488004.8839543); a double
// cannot hold every such value, so a time is kept as the text Kraken wrote and compared digit by digit.
import { z } from 'zod';

const TIME_TEXT = /^\d+(\.\d+)?$/;

/** Seconds since the epoch as Kraken wrote them. */
export const KrakenTime = z.string().regex(TIME_TEXT, 'must be seconds since the epoch, such as "1728488004.8839543"');
export type KrakenTime = z.infer<typeof KrakenTime>;

function parts(time: string): [whole: string, fraction: string] {
  const [whole = '0', fraction = ''] = time.split('.');
  return [whole.replace(/^0+(?=\d)/, ''), fraction.replace(/0+$/, '')];
}

/** Negative when `a` is earlier than `b`, 0 when they are the same moment (1.50 equals 1.5). */
export function compareKrakenTimes(a: string, b: string): number {
  const [wholeA, fractionA] = parts(a);
  const [wholeB, fractionB] = parts(b);
  if (wholeA.length !== wholeB.length) return wholeA.length - wholeB.length;
  if (wholeA !== wholeB) return wholeA < wholeB ? -1 : 1;
  if (fractionA === fractionB) return 0;
  return fractionA < fractionB ? -1 : 1;
}

/** The later of two times. */
export function laterKrakenTime(a: string, b: string): string {
  return compareKrakenTimes(a, b) >= 0 ? a : b;
}

/** The same moment in whole milliseconds (rounded half up), for dates on screen and in receipts. */
export function krakenTimeMs(time: string): number {
  const [whole, fraction] = parts(time);
  const digits = fraction.padEnd(4, '0');
  return Number(whole) * 1000 + Number(digits.slice(0, 3)) + (digits[3] !== undefined && digits[3] >= '5' ? 1 : 0);
}

/** The first whole millisecond at or after the moment. */
export function krakenTimeCeilMs(time: string): number {
  const [whole, fraction] = parts(time);
  return Number(whole) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3)) + (/[1-9]/.test(fraction.slice(3)) ? 1 : 0);
}

/** Kraken's form of a moment in milliseconds: seconds with the milliseconds as decimals. */
export function krakenTimeFromMs(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const rest = Math.round(ms - whole * 1000);
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(3, '0').replace(/0+$/, '')}`;
}

// WebSocket v2 writes times as RFC 3339 (2023-09-22T10:23:42.925034Z), REST as seconds (1695378222.925034): both
// ways, every fractional digit kept, so an entry read from the socket and from REST are the same text.
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;

/** Kraken's seconds text as an RFC 3339 timestamp. */
export function rfc3339OfKrakenTime(seconds: string): string {
  const [whole = '0', fraction = ''] = seconds.split('.');
  const iso = new Date(Number(whole) * 1000).toISOString().slice(0, 19);
  return `${iso}${fraction === '' ? '' : `.${fraction}`}Z`;
}

/** An RFC 3339 timestamp as Kraken's seconds text (no trailing zeros, as Kraken writes its JSON numbers); null when
 * it is not one. */
export function krakenTimeOfRfc3339(timestamp: string): string | null {
  const match = RFC3339.exec(timestamp);
  if (!match) return null;
  const whole = Date.parse(`${match[1] ?? ''}Z`) / 1000;
  if (!Number.isFinite(whole)) return null;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}
