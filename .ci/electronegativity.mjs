// Runs Electronegativity over the built output through its runner API and fails on any HIGH finding (the tool
// itself always exits 0, and its CSV file is written by racing writes, so the structured answer is read instead).
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findingsOf } from './electronegativity-findings.mjs';

const reportJson = process.argv[2] ?? 'reports/electronegativity.json';
mkdirSync('reports', { recursive: true });
const fail = (error) => {
  console.error(String(error?.stack ?? error));
  writeFileSync(
    reportJson,
    JSON.stringify({ scan: 'electronegativity', ok: false, error: 'scanner failed to run or its answer could not be read' }),
  );
  process.exit(1);
};

let findings;
try {
  const require = createRequire(import.meta.url);
  const run = require('../tools/electronegativity/node_modules/@doyensec/electronegativity/dist/runner.js');
  const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
  // AvailableSecurityFixesGlobalCheck downloads Electron's release list: no internet here
  const result = await run(
    {
      input: resolve('out'),
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electronVersion,
      customScan: [],
      excludeFromScan: ['availablesecurityfixesglobalcheck'],
      parserPlugins: [],
    },
    false,
  );
  findings = findingsOf(result.issues);
} catch (error) {
  fail(error);
}
const high = findings.filter((f) => f.severity === 'HIGH');
for (const f of findings) console.log(`${f.severity.padEnd(14)} ${f.check} ${f.file}:${f.line}`);
console.log(`electronegativity: ${findings.length} findings, ${high.length} HIGH`);
writeFileSync(reportJson, JSON.stringify({ scan: 'electronegativity', ok: high.length === 0, findings }));
process.exit(high.length === 0 ? 0 : 1);
