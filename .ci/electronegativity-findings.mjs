// Turns the issues Electronegativity's runner returns into findings the gate counts. The runner's own structured
// answer is read, not its CSV file: the tool writes the CSV header and rows with two racing writes (a garbled file
// on a fresh clone), and a finding's sample or description holds commas and quotes.

const SEVERITIES = new Set(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']);

/** One finding per issue; throws when an issue's severity is not one Electronegativity uses (its API changed). */
export function findingsOf(issues) {
  return issues.map((issue, index) => {
    const severity = String(issue?.severity?.name ?? '').toUpperCase();
    if (!SEVERITIES.has(severity))
      throw new Error(`electronegativity issue ${index + 1} (${issue?.id}): unreadable severity ${JSON.stringify(issue?.severity)}`);
    const where = issue.location ? `${issue.location.line}:${issue.location.column}` : '';
    return { check: issue.id, severity, confidence: issue.confidence?.name ?? '', file: issue.file, line: where };
  });
}
