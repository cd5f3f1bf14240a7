// A store migration: files written before Kraken's times were kept as the text Kraken wrote hold them as numbers.
// Every `time` that is a number becomes its shortest text (what the number still holds; the lost digits are gone).

/** The same document with each numeric `time` field, at any depth, turned into text. */
export function timesAsText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timesAsText);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, key === 'time' && typeof field === 'number' ? String(field) : timesAsText(field)]),
  );
}
