// startSimulator: a node:http server on loopback that speaks Kraken's REST dialect for one scenario's account.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../src-shared/clock';
import { systemClock } from '../../../src-shared/clock';
import { SimAccount } from './account';
import { Gatekeeper } from './auth';
import type { SimContext } from './context';
import { FaultQueue } from './faults';
import { CounterSet } from './rate-counter';
import { createRequestHandler } from './router';
import type { Scenario } from './scenario';
import { resolveSettings, type SimulatorSettings } from './simulator-settings';
import { WsFaultQueue } from './ws-faults';
import { attachWsFeed, WS_PRIVATE_PATH, WS_PUBLIC_PATH } from './ws-server';
import { WsTokens } from './ws-tokens';

export interface SimulatorOptions {
  scenario: Scenario;
  clock?: Clock;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Serve the /__sim/ admin API and the Kraken Pro stand-in page. */
  admin?: boolean;
  settings?: Partial<SimulatorSettings>;
  /** Shift scenario times so its history ends just before the clock's start (default true). */
  anchorToClock?: boolean;
  /** Real milliseconds between the WebSocket feed's heartbeats and order and price checks (default 1000). */
  wsTickMs?: number;
}

export interface RunningSimulator {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  url: string;
  /** ws://127.0.0.1:PORT/ws/v2 and …/ws-auth/v2: the public and private WebSocket v2 feeds. */
  wsUrls: { public: string; private: string };
  port: number;
  stop(): Promise<void>;
  /** In-process access to the simulated account for tests. */
  account: SimAccount;
  /** The same machinery the admin API drives: faults, keys (lockouts), settings. */
  context: SimContext;
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const clock = options.clock ?? systemClock;
  const settings = resolveSettings(options.settings);
  const account = new SimAccount({ scenario: options.scenario, clock, settings, anchorToClock: options.anchorToClock ?? true });
  const context: SimContext = {
    account,
    gatekeeper: new Gatekeeper(options.scenario.keys, settings, clock),
    settings,
    clock,
    faults: new FaultQueue(),
    restCounters: new CounterSet(clock),
    engineCounters: new CounterSet(clock),
    requestCounts: new Map(),
    heldReceives: new Map(),
    wsTokens: new WsTokens(clock),
    wsFaults: new WsFaultQueue(),
  };
  const host = options.host ?? '127.0.0.1';
  const server = createServer({ keepAliveTimeout: 5000 }, createRequestHandler(context, options.admin ?? false));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const feed = attachWsFeed(server, context, options.wsTickMs);
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    wsUrls: { public: `ws://${urlHost}:${port}${WS_PUBLIC_PATH}`, private: `ws://${urlHost}:${port}${WS_PRIVATE_PATH}` },
    port,
    account,
    context,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        feed.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
