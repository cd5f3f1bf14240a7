/*
 * OC9 positions file — version 1
 * ===============================
 * A UTF-8 JSON file holding the positions OC9 believes it has on Kraken:
 *
 *   {
 *     "version": 1,
 *     "positions": [
 *       {
 *         "asset": "XXBT",
 *         "quantity": "0.01250000",
 *         "entryPrice": "64000.50",
 *         "quoteCurrency": "ZUSD",
 *         "openedAt": "2025-05-01T12:00:00Z",
 *         "source": "positions-file"
 *       }
 *     ],
 *     "ignoredDust": [
 *       { "asset": "ADA", "quantity": "0.00000004", "markedAt": "2025-06-01T08:30:00Z" }
 *     ]
 *   }
 *
 * positions[]         one entry per asset (an asset may appear once)
 *   asset             Kraken asset id, as in Balance and Ledgers: "XXBT", "XETH", "SOL", "ADA"
 *   quantity          decimal number in quotes, zero or more: "0.01250000"
 *   entryPrice        average price paid per unit in quoteCurrency, fees included, in quotes: "64000.50";
 *                     null when unknown (reconcile then reports the asset as an orphan)
 *   quoteCurrency     Kraken asset id of the currency entryPrice is in: "ZUSD", "ZEUR", "USDT"
 *   openedAt          ISO 8601 date-time with a time zone: "2025-05-01T12:00:00Z"; null when unknown
 *   source            optional, where the position came from: "positions-file" (the default), "trades"
 *                     (rebuilt from trade history), "snapshot" (last reconcile), "manual" (typed by the operator)
 * ignoredDust[]       optional; balances the operator marked as dust, which OC9 leaves alone
 *   asset, quantity   as above; the balance that was marked (a later change is reported again)
 *   markedAt          ISO 8601 date-time
 *
 * Amounts are strings so no digit is ever lost to floating point. Unknown fields are refused, so a typo such as
 * "entry_price" is reported instead of silently ignored.
 */
import { z } from 'zod';
import { buildAssetCatalog, parseBalanceName } from './assets';
import { dec } from './money';

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

function decimalField(example: string, whenMissing: string) {
  const words = `must be a decimal number such as "${example}"`;
  return z
    .string({ error: (issue) => (issue.input === undefined ? `is missing; ${whenMissing}` : `${words}, in quotes`) })
    .regex(DECIMAL, words);
}

function quantityField(example: string, whenMissing: string) {
  return decimalField(example, whenMissing).refine((text) => !text.startsWith('-'), 'must be zero or more');
}

const assetId = (example: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `is missing; give a Kraken asset id such as "${example}"`
          : `must be a Kraken asset id such as "${example}", in quotes`,
    })
    .min(1, `must not be empty; give a Kraken asset id such as "${example}"`)
    .max(ASSET_ID_MAX, { abort: true, error: `must be at most ${ASSET_ID_MAX} characters; give a Kraken asset id such as "${example}"` })
    .regex(ASSET_ID, { abort: true, error: `must be letters and digits with an optional suffix such as ".M"; give a Kraken asset id such as "${example}"` });

// Kraken's longest ids are about ten characters; the cap keeps a hostile file from filling screens and exports
const ASSET_ID_MAX = 16;
const ASSET_ID = /^[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)?$/;

const dateTime = z.iso.datetime({
  offset: true,
  error: (issue) =>
    issue.input === undefined
      ? 'is missing; give a date-time such as "2025-05-01T12:00:00Z", or null'
      : 'must be a date-time with a time zone, such as "2025-05-01T12:00:00Z"',
});

export const PositionSource = z.enum(['positions-file', 'trades', 'snapshot', 'manual'], {
  error: 'must be one of "positions-file", "trades", "snapshot", "manual"',
});
export type PositionSource = z.infer<typeof PositionSource>;

export const Position = z.strictObject({
  asset: assetId('XXBT'),
  quantity: quantityField('0.0125', 'give the quantity held, such as "0.0125"'),
  entryPrice: decimalField('64000.50', 'give the price paid such as "64000.50", or null when unknown')
    .refine((text) => !DECIMAL.test(text) || dec(text).greaterThan(0), 'must be more than zero; use null when unknown')
    .nullable(),
  quoteCurrency: assetId('ZUSD'),
  openedAt: dateTime.nullable(),
  source: PositionSource,
});
export type Position = z.infer<typeof Position>;

export const IgnoredDust = z.strictObject({
  asset: assetId('ADA'),
  quantity: quantityField('0.00000004', 'give the balance marked as dust, such as "0.00000004"'),
  markedAt: dateTime,
});
export type IgnoredDust = z.infer<typeof IgnoredDust>;

const NO_METADATA = buildAssetCatalog({});
/** The asset a name counts as without Kraken's metadata: XBT.M, XBT, BTC and XXBT are all XXBT. */
const countedAs = (asset: string): string => parseBalanceName(NO_METADATA, asset).baseId;

function noRepeatedAsset(entries: readonly { asset: string }[], ctx: z.RefinementCtx, key: string): void {
  const firstIndex = new Map<string, number>();
  entries.forEach((entry, index) => {
    const first = firstIndex.get(countedAs(entry.asset));
    if (first === undefined) firstIndex.set(countedAs(entry.asset), index);
    else {
      const same = entries[first]?.asset === entry.asset ? '' : ` as "${entries[first]?.asset ?? ''}" (earn variants count with their asset)`;
      ctx.addIssue({
        code: 'custom',
        path: [key, index, 'asset'],
        message: `"${entry.asset}" is already listed at ${key}[${first}]${same}; give each asset once`,
      });
    }
  });
}

/** The positions OC9 believes it holds, and the dust balances the operator chose to ignore. */
export const Book = z
  .object({ positions: z.array(Position), ignoredDust: z.array(IgnoredDust) })
  .superRefine((book, ctx) => {
    noRepeatedAsset(book.positions, ctx, 'positions');
    noRepeatedAsset(book.ignoredDust, ctx, 'ignoredDust');
    const held = new Set(book.positions.map((p) => countedAs(p.asset)));
    book.ignoredDust.forEach((dust, index) => {
      if (held.has(countedAs(dust.asset))) {
        ctx.addIssue({
          code: 'custom',
          path: ['ignoredDust', index, 'asset'],
          message: `"${dust.asset}" is also a position; an asset is either a position or ignored dust`,
        });
      }
    });
  });
export type Book = z.infer<typeof Book>;

export const EMPTY_BOOK: Book = { positions: [], ignoredDust: [] };

export const POSITIONS_FILE_VERSION = 1;

const FilePosition = Position.extend({ source: PositionSource.default('positions-file') });

const PositionsFile = z
  .strictObject({
    version: z.literal(POSITIONS_FILE_VERSION, {
      error: (issue) =>
        issue.input === undefined
          ? 'is missing; this file must say "version": 1'
          : `is ${JSON.stringify(issue.input)}, but OC9 Console reads version 1`,
    }),
    positions: z.array(FilePosition, { error: 'must be a list: "positions": [ … ]' }),
    ignoredDust: z.array(IgnoredDust, { error: 'must be a list: "ignoredDust": [ … ]' }).default([]),
  }, { error: 'must be an object such as { "version": 1, "positions": [] }' })
  .superRefine((file, ctx) => {
    const checked = Book.safeParse({ positions: file.positions, ignoredDust: file.ignoredDust });
    if (!checked.success) checked.error.issues.forEach((issue) => ctx.addIssue({ ...issue, code: 'custom' }));
  });

function describePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length === 0 ? 'the file' : describePath(issue.path);
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    return `${where}: unknown field ${keys}; check the spelling against the positions file format`;
  }
  return `${issue.path.length === 0 ? 'the file' : describePath(issue.path)}: ${issue.message}`;
}

export type PositionsFileResult = { ok: true; book: Book } | { ok: false; errors: string[] };

/** Reads an OC9 positions file; every problem is reported with the entry and field it sits in. */
export function parsePositionsFile(text: string): PositionsFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = error instanceof SyntaxError ? error.message : 'unreadable';
    return { ok: false, errors: [`the file is not valid JSON (${why}); check for a missing comma or quote`] };
  }
  const parsed = PositionsFile.safeParse(json);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map(describeIssue) };
  return { ok: true, book: { positions: parsed.data.positions, ignoredDust: parsed.data.ignoredDust } };
}

/** The positions file for a book, pretty-printed for people who open it in an editor. */
export function serializePositionsFile(book: Book): string {
  const file = { version: POSITIONS_FILE_VERSION, positions: book.positions, ignoredDust: book.ignoredDust };
  return `${JSON.stringify(file, null, 2)}\n`;
}
