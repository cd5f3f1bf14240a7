// A JSON number written with exactly the digits given (JSON.rawJSON, Node 24): Kraken's times carry more digits than
// a double holds, and the simulator writes them as Kraken does.

const json = JSON as unknown as { rawJSON: (text: string) => unknown };

/** `text` (a plain decimal) as a raw JSON number inside a value given to JSON.stringify. */
export function jsonNumber(text: string): unknown {
  return json.rawJSON(text);
}
