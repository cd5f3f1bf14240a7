// Writes demo.json from the deterministic demo story. Run: npx tsx packages/kraken-simulator/src/scenarios/make-demo.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDemoScenario, serializeScenario } from './demo-story';

const scenario = buildDemoScenario();
const path = fileURLToPath(new URL('./demo.json', import.meta.url));
writeFileSync(path, serializeScenario(scenario));
console.log(`wrote ${path}: ${scenario.ledger?.length ?? 0} ledger entries, ${scenario.trades?.length ?? 0} trades`);
