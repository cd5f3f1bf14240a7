// Kraken's JSON parsed without losing a digit (JSON.parse source text access, Node 24). REST: `time` fields (ledger
// entries, trades) are JSON numbers with up to 7 decimals, more than a double holds. WebSocket v2: every price,
// quantity and balance is a JSON number at the engine's precision.
import { D } from '../../src-shared/money';

type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

const keepTimeText: Reviver = (key, value, context) =>
  key === 'time' && typeof value === 'number' ? (context?.source ?? String(value)) : value;

/** A JSON number's text as a plain decimal: an exponent (1e-9) is written out exactly, digit for digit. */
const plainText = (source: string): string => (/[eE]/.test(source) ? new D(source).toFixed() : source);

const keepEveryNumberText: Reviver = (_key, value, context) =>
  typeof value === 'number' ? plainText(context?.source ?? String(value)) : value;

/** JSON.parse, with every number under a `time` key as the text Kraken wrote. */
export function parseKrakenJson(text: string): unknown {
  return JSON.parse(text, keepTimeText);
}

/** JSON.parse of a WebSocket v2 message: every number comes back as the text Kraken wrote (as a plain decimal),
 * never through a double. */
export function parseKrakenWsJson(text: string): unknown {
  return JSON.parse(text, keepEveryNumberText);
}
