// Runs Electronegativity over the built output and fails on any HIGH finding (the tool itself always exits 0).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFindings } from './electronegativity-findings.mjs';

const reportJson = process.argv[2] ?? 'reports/electronegativity.json';
const csv = 'reports/electronegativity.csv';
mkdirSync('reports', { recursive: true });
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const run = spawnSync(
  'node',
  ['tools/electronegativity/node_modules/@doyensec/electronegativity/dist/index.js',
    '-i', 'out', '-e', electronVersion, '-r', '-x', 'AvailableSecurityFixesGlobalCheck', '-o', csv],
  { encoding: 'utf8', timeout: 120_000 },
);
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  writeFileSync(reportJson, JSON.stringify({ scan: 'electronegativity', ok: false, error: 'scanner failed to run' }));
  process.exit(1);
}
let findings;
try {
  findings = readFindings(readFileSync(csv, 'utf8'));
} catch (error) {
  console.error(String(error));
  writeFileSync(reportJson, JSON.stringify({ scan: 'electronegativity', ok: false, error: 'report could not be read' }));
  process.exit(1);
}
const high = findings.filter((f) => f.severity === 'HIGH');
for (const f of findings) console.log(`${f.severity.padEnd(14)} ${f.check} ${f.file}:${f.line}`);
console.log(`electronegativity: ${findings.length} findings, ${high.length} HIGH`);
writeFileSync(reportJson, JSON.stringify({ scan: 'electronegativity', ok: high.length === 0, findings }));
process.exit(high.length === 0 ? 0 : 1);
