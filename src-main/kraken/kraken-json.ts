// Kraken's JSON parsed without losing a time: `time` fields (ledger entries, trades) are JSON numbers with up to 7
// decimals, more than a double holds, so their source text is kept (JSON.parse source text access, Node 24).

type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

const keepTimeText: Reviver = (key, value, context) =>
  key === 'time' && typeof value === 'number' ? (context?.source ?? String(value)) : value;

/** JSON.parse, with every number under a `time` key as the text Kraken wrote. */
export function parseKrakenJson(text: string): unknown {
  return JSON.parse(text, keepTimeText);
}
