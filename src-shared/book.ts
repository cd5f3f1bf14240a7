/*
 * OC9 positions file — version 2 (version 1 is still read)
 * ========================================================
 * A UTF-8 JSON file holding the positions OC9 believes it has on Kraken, and the moment that belief was true:
 *
 *   {
 *     "version": 2,
 *     "asOf": "2026-12-04T09:15:00Z",
 *     "ledgerCursor": "L4UESK-KG3EQ-UFO4T5",
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
 * version             2 (1 is still read; it has no asOf, so the operator is asked when the file was written)
 * asOf                required in version 2: ISO 8601 date-time with a time zone, when OC9 wrote the file. Reconcile
 *                     compares the book with Kraken's balances at this moment, so every change after it (a trade,
 *                     a conversion of small balances) can be explained by the ledger
 * ledgerCursor        optional: the id of the newest Kraken ledger entry OC9 had applied when it wrote the file; when
 *                     given it pins the moment exactly (entries booked in the same second as asOf are told apart)
 * positions[]         one entry per asset (an asset may appear once)
 *   asset             Kraken asset id, as in Balance and Ledgers: "XXBT", "XETH", "SOL", "ADA"
 *   quantity          decimal number in quotes, zero or more: "0.01250000"
 *   entryPrice        average price paid per unit in quoteCurrency, fees included, in quotes: "64000.50";
 *                     null when unknown (reconcile then reports the asset as an orphan)
 *   quoteCurrency     Kraken asset id of the currency entryPrice is in: "ZUSD", "ZEUR", "USDT"
 *   openedAt          ISO 8601 date-time with a time zone: "2025-05-01T12:00:00Z"; null when unknown
 *   source            optional, where the position came from: "positions-file" (the default), "trades"
 *                     (rebuilt from trade history), "snapshot" (last reconcile), "manual" (typed by the operator),
 *                     "market" (the operator adopted the market price for a quantity that had none)
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
    .regex(ASSET_ID, {
      abort: true,
      error: `must be letters and digits with an optional suffix such as ".M"; give a Kraken asset id such as "${example}"`,
    });

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

export const PositionSource = z.enum(['positions-file', 'trades', 'snapshot', 'manual', 'market'], {
  error: 'must be one of "positions-file", "trades", "snapshot", "manual", "market"',
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
      const same =
        entries[first]?.asset === entry.asset ? '' : ` as "${entries[first]?.asset ?? ''}" (earn variants count with their asset)`;
      ctx.addIssue({
        code: 'custom',
        path: [key, index, 'asset'],
        message: `"${entry.asset}" is already listed at ${key}[${first}]${same}; give each asset once`,
      });
    }
  });
}

/** The positions OC9 believes it holds, and the dust balances the operator chose to ignore. */
export const Book = z.object({ positions: z.array(Position), ignoredDust: z.array(IgnoredDust) }).superRefine((book, ctx) => {
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

export const POSITIONS_FILE_VERSION = 2;

/** Kraken ledger ids look like "L4UESK-KG3EQ-UFO4T5": letters, digits and dashes. */
export const LEDGER_ID = /^[A-Z0-9][A-Z0-9-]{0,63}$/;

const FilePosition = Position.extend({ source: PositionSource.default('positions-file') });

const fileFields = {
  positions: z.array(FilePosition, { error: 'must be a list: "positions": [ … ]' }),
  ignoredDust: z.array(IgnoredDust, { error: 'must be a list: "ignoredDust": [ … ]' }).default([]),
};
const fileObject = { error: 'must be an object such as { "version": 2, "asOf": "2026-12-04T09:15:00Z", "positions": [] }' };

const VersionOne = z.strictObject({ version: z.literal(1), ...fileFields }, fileObject);

const VersionTwo = z.strictObject(
  {
    version: z.literal(2),
    asOf: z.iso.datetime({
      offset: true,
      error: (issue) =>
        issue.input === undefined
          ? 'is missing; version 2 says when OC9 wrote the file, such as "2026-12-04T09:15:00Z"'
          : 'must be a date-time with a time zone, such as "2026-12-04T09:15:00Z"',
    }),
    ledgerCursor: z
      .string({ error: 'must be a Kraken ledger id such as "L4UESK-KG3EQ-UFO4T5", in quotes' })
      .regex(LEDGER_ID, 'must be a Kraken ledger id such as "L4UESK-KG3EQ-UFO4T5"')
      .nullable()
      .default(null),
    ...fileFields,
  },
  fileObject,
);

const FileVersion = z.object(
  {
    version: z.unknown().refine((v) => v === 1 || v === 2, {
      error: (issue) =>
        issue.input === undefined
          ? 'is missing; this file must say "version": 2'
          : `is ${JSON.stringify(issue.input)}, but OC9 Console reads versions 1 and 2`,
    }),
  },
  fileObject,
);

function checkBook(file: { positions: Position[]; ignoredDust: IgnoredDust[] }, ctx: z.RefinementCtx): void {
  const checked = Book.safeParse({ positions: file.positions, ignoredDust: file.ignoredDust });
  if (!checked.success) checked.error.issues.forEach((issue) => ctx.addIssue({ ...issue, code: 'custom' }));
}

const VersionOneFile = VersionOne.superRefine(checkBook);
const VersionTwoFile = VersionTwo.superRefine(checkBook);

/** When the book was true: the file's own `asOf`, and the newest ledger entry OC9 had applied. */
export interface BookMoment {
  /** ISO 8601 with a zone; null in a version 1 file, which never said. */
  asOf: string | null;
  ledgerCursor: string | null;
}

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

export type PositionsFileResult = { ok: true; version: 1 | 2; book: Book; moment: BookMoment } | { ok: false; errors: string[] };

/** Reads an OC9 positions file; every problem is reported with the entry and field it sits in. */
export function parsePositionsFile(text: string): PositionsFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = error instanceof SyntaxError ? error.message : 'unreadable';
    return { ok: false, errors: [`the file is not valid JSON (${why}); check for a missing comma or quote`] };
  }
  // the version decides which fields belong, so it is checked alone first: one clear error, not a union's guesses
  const version = FileVersion.safeParse(json);
  if (!version.success) return { ok: false, errors: version.error.issues.map(describeIssue) };
  const parsed = (json as { version: unknown }).version === 1 ? VersionOneFile.safeParse(json) : VersionTwoFile.safeParse(json);
  if (!parsed.success) return { ok: false, errors: [...new Set(parsed.error.issues.map(describeIssue))] };
  const book = { positions: parsed.data.positions, ignoredDust: parsed.data.ignoredDust };
  if (parsed.data.version === 1) return { ok: true, version: 1, book, moment: { asOf: null, ledgerCursor: null } };
  return { ok: true, version: 2, book, moment: { asOf: parsed.data.asOf, ledgerCursor: parsed.data.ledgerCursor } };
}

/** The positions file (version 2) for a book true at `moment`, pretty-printed for people who open it in an editor. */
export function serializePositionsFile(book: Book, moment: { asOf: string; ledgerCursor: string | null }): string {
  const file = {
    version: POSITIONS_FILE_VERSION,
    asOf: moment.asOf,
    ...(moment.ledgerCursor === null ? {} : { ledgerCursor: moment.ledgerCursor }),
    positions: book.positions,
    ignoredDust: book.ignoredDust,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
