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
        'positions[5].source: must be one of "positions-file", "trades", "snapshot", "manual"',
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
        errors: ['positions[0].asset: must be letters and digits with an optional suffix such as ".M"; give a Kraken asset id such as "XXBT"'],
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
    expect(parsePositionsFile('{"version": 2, "positions": {}}')).toEqual({
      ok: false,
      errors: ['version: is 2, but OC9 Console reads version 1', 'positions: must be a list: "positions": [ … ]'],
    });
    expect(parsePositionsFile('{"positions": []}')).toEqual({
      ok: false,
      errors: ['version: is missing; this file must say "version": 1'],
    });
    expect(parsePositionsFile('[]')).toEqual({
      ok: false,
      errors: ['the file: must be an object such as { "version": 1, "positions": [] }'],
    });
    expect(parsePositionsFile('{"version": 1, "positions": [], "owner": "me"}')).toEqual({
      ok: false,
      errors: ['the file: unknown field "owner"; check the spelling against the positions file format'],
    });
  });
});

describe('serializePositionsFile', () => {
  it('writes version 1 with the book as is', () => {
    const text = serializePositionsFile({ positions: [btc], ignoredDust: [] });
    expect(JSON.parse(text)).toEqual({ version: 1, positions: [btc], ignoredDust: [] });
    expect(text.endsWith('}\n')).toBe(true);
    expect(parsePositionsFile(serializePositionsFile(EMPTY_BOOK))).toEqual({ ok: true, book: EMPTY_BOOK });
  });

  it('reads back exactly what it wrote, for any valid book', () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 10 }))
      .map(([units, scale]) => {
        const digits = units.toString().padStart(scale + 1, '0');
        return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      });
    const price = decimal.filter((text) => /[1-9]/.test(text));
    const date = fc
      .integer({ min: 1_500_000_000_000, max: 1_900_000_000_000 })
      .map((ms) => new Date(ms).toISOString());
    const position = fc.record({
      asset: fc.constantFrom('XXBT', 'XETH', 'SOL', 'ADA', 'DOT', 'XXDG'),
      quantity: decimal,
      entryPrice: fc.option(price, { nil: null }),
      quoteCurrency: fc.constantFrom('ZUSD', 'ZEUR', 'USDT'),
      openedAt: fc.option(date, { nil: null }),
      source: fc.constantFrom('positions-file' as const, 'trades' as const, 'snapshot' as const, 'manual' as const),
    });
    const book = fc.uniqueArray(position, { selector: (p) => p.asset, maxLength: 6 }).chain((positions) => {
      const free = ['USDC', 'XTZ', 'KSM'];
      return fc
        .subarray(free)
        .chain((assets) =>
          fc.tuple(...assets.map((asset) => fc.record({ asset: fc.constant(asset), quantity: decimal, markedAt: date }))),
        )
        .map((ignoredDust): Book => ({ positions, ignoredDust }));
    });
    fc.assert(
      fc.property(book, (generated) => {
        const parsed = parsePositionsFile(serializePositionsFile(generated));
        return parsed.ok && JSON.stringify(parsed.book) === JSON.stringify(generated);
      }),
    );
  });
});
