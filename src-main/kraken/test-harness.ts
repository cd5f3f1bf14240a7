// The real simulator on 127.0.0.1 with a virtual clock, and clients of it: for the client's integration tests and
// the ledger-sync benchmark. A recording fetch (the real fetch, observed) lets tests see what went over the wire.
import { createVirtualClock, type VirtualClock } from '../../src-shared/clock';
import type { Scenario, ScenarioKey } from '@oc9/kraken-simulator';
import { startSimulator, type RunningSimulator } from '@oc9/kraken-simulator';
import type { SimulatorSettings } from '@oc9/kraken-simulator';
import { callAdmin } from '@oc9/kraken-simulator/test-support';
import { CLOCK_START, makeTestScenario, testKeys, type Movement } from '@oc9/kraken-simulator/test-support';
import { createKrakenClient, type KrakenClient, type KrakenClientOptions } from './client';

export { testKeys };

export interface Harness {
  sim: RunningSimulator;
  clock: VirtualClock;
  /** A client of the simulator on the given scenario key (default: the all-permissions Starter key). */
  client(key?: ScenarioKey, options?: Partial<KrakenClientOptions>): KrakenClient;
  /** POST (with a body) or GET an admin action under /__sim/; throws unless it answers 200. */
  admin<T = unknown>(path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startHarness(
  options: { movements?: Movement[]; settings?: Partial<SimulatorSettings>; scenario?: Scenario } = {},
): Promise<Harness> {
  const clock = createVirtualClock(CLOCK_START);
  const sim = await startSimulator({
    scenario: options.scenario ?? makeTestScenario(options.movements),
    clock,
    port: 0,
    admin: true,
    settings: options.settings,
  });
  return {
    sim,
    clock,
    client: (key = testKeys.trader, more = {}) =>
      createKrakenClient({
        baseUrl: sim.url,
        credentials: { apiKey: key.key, secret: key.secret },
        tier: key.tier,
        clock,
        ...more,
      }),
    admin: async <T>(path: string, body?: unknown): Promise<T> => {
      const answer = await callAdmin<T>(sim.url, path, body);
      if (answer.status !== 200) throw new Error(`admin ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
    stop: () => sim.stop(),
  };
}

/** `count` ZUSD deposits and withdrawals, alternating, that keep the balance positive. */
export function ledgerMovements(count: number): Movement[] {
  return Array.from({ length: count }, (_, i) => ({ asset: 'ZUSD', amount: i % 2 === 0 ? '2.5' : '-1.25', fee: '0.0001' }));
}

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** The real fetch, with every request it sends kept for inspection. */
export function recordingFetch(): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const observed: typeof fetch = (input, init) => {
    const headers = Object.fromEntries(
      Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    requests.push({
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? init.body : '',
    });
    return fetch(input, init);
  };
  return { fetch: observed, requests };
}

/** The real fetch, counting the answers in which Kraken (the simulator) refused a call for its rate limit. */
export function refusalCounter(): { fetch: typeof fetch; refusals: () => number } {
  let refusals = 0;
  return {
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if ((await response.clone().text()).includes('EAPI:Rate limit exceeded')) refusals += 1;
      return response;
    },
    refusals: () => refusals,
  };
}
