// `npm run sim`: the simulator alone on 127.0.0.1 with the demo account and the admin API, until Ctrl-C.
// Runs on an offset clock so /__sim/clock can jump ahead (e.g. past the 24 h conversion cooldown).
import { parseArgs } from 'node:util';
import { createOffsetClock } from '../../../src-shared/clock';
import { demoKeys, loadDemoScenario } from './demo';
import { startSimulator } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not "${values.port}"`);
  const sim = await startSimulator({ scenario: loadDemoScenario(), clock: createOffsetClock(), port, admin: true });
  const key = demoKeys.full;
  console.log(`Kraken simulator listening at ${sim.url}`);
  console.log(`Kraken Pro stand-in:  ${sim.url}/__sim/pro/portfolio/spot`);
  console.log(`Demo key "${key.name}"\n  API key: ${key.key}\n  Secret:  ${key.secret}`);
  console.log('Press Ctrl-C to stop.');
  const stop = (): void => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
