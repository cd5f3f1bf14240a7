// Reads Electronegativity's CSV report with a real CSV parser: a finding's sample or description holds commas and
// quotes, so splitting lines on commas misreads the severity column.
import { parse } from 'csv-parse/sync';

const SEVERITIES = new Set(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']);

/** One object per finding; throws when a row's severity is not one Electronegativity uses (the report changed). */
export function readFindings(csvText) {
  const rows = parse(csvText, { columns: (header) => header.map((name) => name.trim()), skip_empty_lines: true, trim: true });
  return rows.map((row, index) => {
    const severity = String(row.severity ?? '').toUpperCase();
    if (!SEVERITIES.has(severity)) throw new Error(`electronegativity report row ${index + 1}: unreadable severity ${JSON.stringify(row.severity)}`);
    return { check: row.issue, severity, confidence: row.confidence, file: row.filename, line: row.location };
  });
}
