// Which Kraken the app talks to right now: the embedded simulator (demo) or Kraken itself with a stored key.
import type { Clock } from '../../src-shared/clock';
import type { Mode } from '../../src-shared/contract/app';
import { createOffsetClock } from '../clock';
import { createKrakenClient, type KrakenClient } from '../kraken/client';
import { demoKeys, loadDemoScenario } from '../simulator/demo';
import { startSimulator, type RunningSimulator } from '../simulator/server';

export interface Connection {
  mode: Mode;
  baseUrl: string;
  client: KrakenClient;
  /** The account's name as the operator knows it ("Demo account", or the key's name). */
  label: string;
}

export interface ConnectionManager {
  current(): Connection;
  /** Origins besides Kraken's that may be opened in the system browser: the demo simulator's stand-in page. */
  externalOrigins(): string[];
  /** The demo simulator, while it runs. */
  simulator(): RunningSimulator | null;
  stop(): Promise<void>;
}

export interface ConnectionManagerDeps {
  clock: Clock;
}

export async function createConnectionManager(deps: ConnectionManagerDeps): Promise<ConnectionManager> {
  // an offset clock lets the admin API move the demo a day ahead (the conversion cooldown) while it keeps ticking
  const simulator = await startSimulator({ scenario: loadDemoScenario(), clock: createOffsetClock(deps.clock), port: 0, admin: true });
  const demoKey = demoKeys.full;
  const demo: Connection = {
    mode: 'demo',
    baseUrl: simulator.url,
    label: 'Demo account',
    client: createKrakenClient({
      baseUrl: simulator.url,
      credentials: { apiKey: demoKey.key, secret: demoKey.secret },
      tier: demoKey.tier,
      clock: deps.clock,
    }),
  };
  return {
    current: () => demo,
    externalOrigins: () => [new URL(simulator.url).origin],
    simulator: () => simulator,
    stop: () => simulator.stop(),
  };
}
