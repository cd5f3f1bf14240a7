import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defuseFormula, toCsv } from './csv';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks so a parser reads back the same cells', () => {
    const rows = [['a,b', 'say "hi"', 'two\nlines', 'cr\rhere', 'crlf\r\nhere', '', null]];
    const text = toCsv(['one', 'two', 'three', 'four', 'five', 'six', 'seven'], rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parse(text, { relax_column_count: false })).toEqual([
      ['one', 'two', 'three', 'four', 'five', 'six', 'seven'],
      ['a,b', 'say "hi"', 'two\nlines', 'cr\rhere', 'crlf\r\nhere', '', ''],
    ]);
  });

  it('defuses text a spreadsheet would run as a formula, and leaves decimal amounts as numbers', () => {
    const text = toCsv(
      ['cell'],
      [
        ['=HYPERLINK("https://evil.example","x")'],
        ['+cmd|calc'],
        ['-2+3'],
        ['@SUM(A1)'],
        ['\t=1'],
        ['\r=1'],
        ['-0.5'],
        ['12.50'],
        ['-12'],
        ['plain'],
        ["'quoted"],
      ],
    );
    expect(
      parse(text)
        .slice(1)
        .map((row: string[]) => row[0]),
    ).toEqual([
      '\'=HYPERLINK("https://evil.example","x")',
      "'+cmd|calc",
      "'-2+3",
      "'@SUM(A1)",
      "'\t=1",
      "'\r=1",
      '-0.5',
      '12.50',
      '-12',
      'plain',
      "'quoted",
    ]);
  });

  it('reads back any text cell, and no cell ever starts a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 3, maxLength: 3 }), { maxLength: 5 }), (rows) => {
        const back = parse(toCsv(['a', 'b', 'c'], rows)).slice(1);
        expect(back).toEqual(rows.map((row) => row.map(defuseFormula)));
        for (const cell of back.flat()) {
          expect(/^[=+@\t\r]/.test(cell) || (/^-/.test(cell) && !/^-\d+(\.\d+)?$/.test(cell))).toBe(false);
        }
      }),
    );
  });
});
