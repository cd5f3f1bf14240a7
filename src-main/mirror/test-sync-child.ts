// A process that syncs an account mirror and can be killed at any moment: the fault tests run it as a child and kill
// it mid-ingest. It serves the test scenario from its own simulator (virtual clock, the same ids every run) and
// prints one JSON line per page written.
// usage: node --import tsx src-main/mirror/test-sync-child.ts <mirror file> <entries> <page size>
import { createVirtualClock } from '../../src-shared/clock';
import { createKrakenClient } from '../kraken/client';
import { startSimulator } from '@oc9/kraken-simulator';
import { CLOCK_START, FIXTURE_FUNDING, makeTestScenario, testKeys } from '@oc9/kraken-simulator/test-support';
import { ledgerMovements } from '../kraken/test-harness';
import { openAccountMirror } from './account-mirror';
import { createMirrorSync } from './mirror-sync';

const [file = '', entries = '1000', pageSize = '50'] = process.argv.slice(2);
const clock = createVirtualClock(CLOCK_START);
const sim = await startSimulator({
  scenario: makeTestScenario(ledgerMovements(Number(entries) - FIXTURE_FUNDING.length)),
  clock,
  port: 0,
  settings: { ledgerPageSize: Number(pageSize) },
});
const mirror = openAccountMirror({ file, label: 'Test account', origin: 'test', now: () => clock.now() });
const key = testKeys.trader;
const client = createKrakenClient({
  baseUrl: sim.url,
  credentials: { apiKey: key.key, secret: key.secret },
  tier: key.tier,
  clock,
  counterStore: mirror.counter,
});
const sync = createMirrorSync({ mirror, client, clock });
mirror.onChange((change) => process.stdout.write(`${JSON.stringify({ written: change.written, held: mirror.count('ledger') })}\n`));
try {
  await sync.catchUp('ledger', { priority: 'foreground' });
  await sync.backfill('ledger', null, { priority: 'foreground' });
  process.stdout.write(`${JSON.stringify({ done: true, held: mirror.count('ledger') })}\n`);
} finally {
  mirror.close();
  await sim.stop();
}
