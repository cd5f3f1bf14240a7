import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_BOOK, parsePositionsFile, serializePositionsFile } from './book';
import type { Book, Position } from './book';

const btc: Position = {
  asset: 'XXBT',
  quantity: '0.0125',
  entryPrice: '64000.50',
  quoteCurrency: 'ZUSD',
  openedAt: '2025-05-01T12:00:00Z',
  source: 'positions-file',
};

describe('parsePositionsFile', () => {
  it('reads a valid file, defaulting source and ignored dust', () => {
    const { source: _source, ...withoutSource } = btc;
    const text = JSON.stringify({
      version: 1,
      positions: [withoutSource, { ...btc, asset: 'SOL', quantity: '3', entryPrice: null, openedAt: null, source: 'manual' }],
    });
    const parsed = parsePositionsFile(text);
    expect(parsed).toEqual({
      ok: true,
      version: 1,
      moment: { asOf: null, ledgerCursor: null },
      book: {
        positions: [btc, { ...btc, asset: 'SOL', quantity: '3', entryPrice: null, openedAt: null, source: 'manual' }],
        ignoredDust: [],
      },
    });
  });

  it('reports every bad entry and field in plain words', () => {
    const text = JSON.stringify({
      version: 1,
      positions: [
        btc,
        { ...btc, asset: 'SOL', entryPrice: 64000.5 },
        { ...btc, asset: 'ADA', quantity: '-3', openedAt: 'yesterday' },
        { ...btc, asset: 'DOT', entryPrice: '6,50' },
        { asset: 'XETH', quantity: '1', quoteCurrency: 'ZUSD', openedAt: null, entry_price: '3000' },
        { ...btc, asset: 'XXDG', entryPrice: '0', source: 'bot' },
      ],
    });
    const parsed = parsePositionsFile(text);
    expect(parsed).toEqual({
      ok: false,
      errors: [
        'positions[1].entryPrice: must be a decimal number such as "64000.50", in quotes',
        'positions[2].quantity: must be zero or more',
        'positions[2].openedAt: must be a date-time with a time zone, such as "2025-05-01T12:00:00Z"',
        'positions[3].entryPrice: must be a decimal number such as "64000.50"',
        'positions[4].entryPrice: is missing; give the price paid such as "64000.50", or null when unknown',
        'positions[4]: unknown field "entry_price"; check the spelling against the positions file format',
        'positions[5].entryPrice: must be more than zero; use null when unknown',
        'positions[5].source: must be one of "positions-file", "trades", "snapshot", "manual", "market"',
      ],
    });
  });

  it('reports an asset listed twice and an asset both held and ignored', () => {
    const text = JSON.stringify({
      version: 1,
      positions: [btc, { ...btc, quantity: '1' }],
      ignoredDust: [{ asset: 'XXBT', quantity: '0.00000001', markedAt: '2025-06-01T08:30:00Z' }],
    });
    expect(parsePositionsFile(text)).toEqual({
      ok: false,
      errors: [
        'positions[1].asset: "XXBT" is already listed at positions[0]; give each asset once',
        'ignoredDust[0].asset: "XXBT" is also a position; an asset is either a position or ignored dust',
      ],
    });
  });

  it('counts earn variants and altnames with their asset when looking for repeats', () => {
    const text = JSON.stringify({
      version: 1,
      positions: [btc, { ...btc, asset: 'XBT.M' }, { ...btc, asset: 'DOT' }, { ...btc, asset: 'DOT.F' }],
      ignoredDust: [{ asset: 'BTC', quantity: '0.00000001', markedAt: '2025-06-01T08:30:00Z' }],
    });
    expect(parsePositionsFile(text)).toEqual({
      ok: false,
      errors: [
        'positions[1].asset: "XBT.M" is already listed at positions[0] as "XXBT" (earn variants count with their asset); give each asset once',
        'positions[3].asset: "DOT.F" is already listed at positions[2] as "DOT" (earn variants count with their asset); give each asset once',
        'ignoredDust[0].asset: "BTC" is also a position; an asset is either a position or ignored dust',
      ],
    });
  });

  it('limits asset ids in length and characters', () => {
    const file = (asset: string) => JSON.stringify({ version: 1, positions: [{ ...btc, asset }] });
    expect(parsePositionsFile(file('X'.repeat(17)))).toEqual({
      ok: false,
      errors: ['positions[0].asset: must be at most 16 characters; give a Kraken asset id such as "XXBT"'],
    });
    for (const bad of ['=HYPERLINK("x")', 'XBT M', 'XBT\nETH', '../etc', 'XBT.', '.M', 'ÄDA']) {
      expect(parsePositionsFile(file(bad))).toEqual({
        ok: false,
        errors: [
          'positions[0].asset: must be letters and digits with an optional suffix such as ".M"; give a Kraken asset id such as "XXBT"',
        ],
      });
    }
    for (const good of ['XXBT', 'XBT.M', 'USD.HOLD', '1INCH', 'ETH2.S']) {
      expect(parsePositionsFile(file(good))).toMatchObject({ ok: true });
    }
  });

  it('says what is wrong with the file as a whole', () => {
    expect(parsePositionsFile('{"version": 1, "positions": [}')).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^the file is not valid JSON/) as unknown],
    });
    expect(parsePositionsFile('{"version": 3, "positions": {}}')).toEqual({
      ok: false,
      errors: ['version: is 3, but OC9 Console reads versions 1 and 2'],
    });
    expect(parsePositionsFile('{"version": 1, "positions": {}}')).toEqual({
      ok: false,
      errors: ['positions: must be a list: "positions": [ … ]'],
    });
    expect(parsePositionsFile('{"positions": []}')).toEqual({
      ok: false,
      errors: ['version: is missing; this file must say "version": 2'],
    });
    expect(parsePositionsFile('[]')).toEqual({
      ok: false,
      errors: ['the file: must be an object such as { "version": 2, "asOf": "2026-12-04T09:15:00Z", "positions": [] }'],
    });
    expect(parsePositionsFile('{"version": 1, "positions": [], "owner": "me"}')).toEqual({
      ok: false,
      errors: ['the file: unknown field "owner"; check the spelling against the positions file format'],
    });
  });
});

describe('positions file version 2: the moment the book was true', () => {
  const asOf = '2026-12-04T09:15:00Z';

  it('reads asOf and the optional ledgerCursor', () => {
    const withCursor = JSON.stringify({ version: 2, asOf, ledgerCursor: 'L4UESK-KG3EQ-UFO4T5', positions: [btc] });
    expect(parsePositionsFile(withCursor)).toEqual({
      ok: true,
      version: 2,
      book: { positions: [btc], ignoredDust: [] },
      moment: { asOf, ledgerCursor: 'L4UESK-KG3EQ-UFO4T5' },
    });
    const withoutCursor = parsePositionsFile(JSON.stringify({ version: 2, asOf: '2026-12-04T10:15:00+01:00', positions: [] }));
    expect(withoutCursor).toMatchObject({ ok: true, moment: { asOf: '2026-12-04T10:15:00+01:00', ledgerCursor: null } });
  });

  it("requires asOf with a time zone, and a ledger id shaped like Kraken's", () => {
    expect(parsePositionsFile(JSON.stringify({ version: 2, positions: [] }))).toEqual({
      ok: false,
      errors: ['asOf: is missing; version 2 says when OC9 wrote the file, such as "2026-12-04T09:15:00Z"'],
    });
    expect(parsePositionsFile(JSON.stringify({ version: 2, asOf: '2026-12-04 09:15', positions: [] }))).toEqual({
      ok: false,
      errors: ['asOf: must be a date-time with a time zone, such as "2026-12-04T09:15:00Z"'],
    });
    expect(parsePositionsFile(JSON.stringify({ version: 2, asOf, ledgerCursor: 'not an id; drop table', positions: [] }))).toEqual({
      ok: false,
      errors: ['ledgerCursor: must be a Kraken ledger id such as "L4UESK-KG3EQ-UFO4T5"'],
    });
  });

  it('keeps version 1 free of the new fields', () => {
    expect(parsePositionsFile(JSON.stringify({ version: 1, asOf, positions: [] }))).toEqual({
      ok: false,
      errors: ['the file: unknown field "asOf"; check the spelling against the positions file format'],
    });
  });
});

describe('serializePositionsFile', () => {
  const moment = { asOf: '2026-12-04T09:15:00.000Z', ledgerCursor: 'L4UESK-KG3EQ-UFO4T5' };

  it('writes version 2 with the book as is and its moment', () => {
    const text = serializePositionsFile({ positions: [btc], ignoredDust: [] }, moment);
    expect(JSON.parse(text)).toEqual({ version: 2, ...moment, positions: [btc], ignoredDust: [] });
    expect(text.endsWith('}\n')).toBe(true);
    expect(parsePositionsFile(serializePositionsFile(EMPTY_BOOK, { asOf: moment.asOf, ledgerCursor: null }))).toEqual({
      ok: true,
      version: 2,
      book: EMPTY_BOOK,
      moment: { asOf: moment.asOf, ledgerCursor: null },
    });
  });

  it('reads back exactly what it wrote, for any valid book', () => {
    const decimal = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 10 })).map(([units, scale]) => {
      const digits = units.toString().padStart(scale + 1, '0');
      return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    });
    const price = decimal.filter((text) => /[1-9]/.test(text));
    const date = fc.integer({ min: 1_500_000_000_000, max: 1_900_000_000_000 }).map((ms) => new Date(ms).toISOString());
    const position = fc.record({
      asset: fc.constantFrom('XXBT', 'XETH', 'SOL', 'ADA', 'DOT', 'XXDG'),
      quantity: decimal,
      entryPrice: fc.option(price, { nil: null }),
      quoteCurrency: fc.constantFrom('ZUSD', 'ZEUR', 'USDT'),
      openedAt: fc.option(date, { nil: null }),
      source: fc.constantFrom('positions-file' as const, 'trades' as const, 'snapshot' as const, 'manual' as const, 'market' as const),
    });
    const book = fc.uniqueArray(position, { selector: (p) => p.asset, maxLength: 6 }).chain((positions) => {
      const free = ['USDC', 'XTZ', 'KSM'];
      return fc
        .subarray(free)
        .chain((assets) => fc.tuple(...assets.map((asset) => fc.record({ asset: fc.constant(asset), quantity: decimal, markedAt: date }))))
        .map((ignoredDust): Book => ({ positions, ignoredDust }));
    });
    fc.assert(
      fc.property(book, (generated) => {
        const parsed = parsePositionsFile(serializePositionsFile(generated, moment));
        return parsed.ok && JSON.stringify(parsed.book) === JSON.stringify(generated);
      }),
    );
  });
});
