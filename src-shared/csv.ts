// Every CSV file the app writes: csv-stringify does the quoting, and a text cell that a spreadsheet would run as a
// formula is defused with a leading apostrophe. A plain decimal (even a negative one) stays a number.
import { stringify } from 'csv-stringify/browser/esm/sync';

export type CsvCell = string | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

export function defuseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_DECIMAL.test(cell) ? `'${cell}` : cell;
}

/** A header line and one line per row, CRLF-terminated as spreadsheets expect; null cells are empty. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const records = [header, ...rows].map((row) => row.map((cell) => defuseFormula(cell ?? '')));
  // csv-stringify quotes delimiters and quotes itself; a bare LF or CR would otherwise end the line early
  return stringify(records, { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
