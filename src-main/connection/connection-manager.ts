// Which Kraken the app talks to right now: the embedded simulator (demo) or Kraken itself with a stored key.
import type { Clock } from '../../src-shared/clock';
import type { Tier } from '../../src-shared/contract/accounts';
import type { Mode } from '../../src-shared/contract/app';
import { createOffsetClock } from '../../src-shared/clock';
import { createKrakenClient, type KrakenClient, type KrakenClientOptions, type KrakenCredentials } from '../kraken/client';
import type { CounterStore } from '../kraken/rate-limiter';
import { createMetadataCache, type MetadataCache } from '../kraken/metadata-cache';
import { demoKeys, loadDemoScenario } from '@oc9/kraken-simulator';
import { startSimulator, type RunningSimulator } from '@oc9/kraken-simulator';

export interface Connection {
  mode: Mode;
  baseUrl: string;
  client: KrakenClient;
  /** Kraken's Assets and AssetPairs for this connection, read once an hour and shared by every feature. */
  metadata: MetadataCache;
  /** The account's name as the operator knows it ("Demo account", or the key's name). */
  label: string;
  /** The stored account in use; null in demo mode. */
  accountId: string | null;
}

/** A stored account, ready to sign: what the account service hands over when the operator picks it. */
export interface LiveAccount {
  id: string;
  label: string;
  baseUrl: string;
  tier: Tier;
  credentials: KrakenCredentials;
}

export interface ConnectionManager {
  current(): Connection;
  /** Makes a stored account current; null goes back to demo. */
  use(account: LiveAccount | null): void;
  /** Origins besides Kraken's that may be opened in the system browser: the demo simulator's stand-in page, and
   * only while in demo mode (a live account never opens a loopback page). */
  externalOrigins(): string[];
  /** The demo simulator, while it runs. */
  simulator(): RunningSimulator | null;
  stop(): Promise<void>;
}

/** A connection over `client`, with the one metadata cache every feature reads through. */
export function connectionOf(account: Omit<Connection, 'client' | 'metadata'>, client: KrakenClient, clock: Clock): Connection {
  return { ...account, client, metadata: createMetadataCache(client, { clock }) };
}

export interface ConnectionManagerDeps {
  clock: Clock;
  /** Where an account's key keeps its call-counter estimate (its mirror), so every client of the key shares one. */
  counterStore?: (account: Omit<Connection, 'client' | 'metadata'>) => CounterStore;
  /** Retry notices of every client's reads, for the operator to see. */
  retries?: Pick<KrakenClientOptions, 'onRetry' | 'onRetryEnd'>;
}

export async function createConnectionManager(deps: ConnectionManagerDeps): Promise<ConnectionManager> {
  // an offset clock lets the admin API move the demo a day ahead (the conversion cooldown) while it keeps ticking
  const simulator = await startSimulator({ scenario: loadDemoScenario(), clock: createOffsetClock(deps.clock), port: 0, admin: true });
  const demoKey = demoKeys.full;
  const connect = (account: Omit<Connection, 'client' | 'metadata'>, credentials: KrakenCredentials, tier: Tier): Connection =>
    connectionOf(
      account,
      createKrakenClient({
        baseUrl: account.baseUrl,
        credentials,
        tier,
        clock: deps.clock,
        // the demo's simulator starts with the app, its counter empty: only a real key's estimate is worth keeping
        ...(deps.counterStore && account.mode === 'live' ? { counterStore: deps.counterStore(account) } : {}),
        ...deps.retries,
      }),
      deps.clock,
    );
  const demo = connect(
    { mode: 'demo', baseUrl: simulator.url, label: 'Demo account', accountId: null },
    { apiKey: demoKey.key, secret: demoKey.secret },
    demoKey.tier,
  );
  let live: Connection | null = null;
  return {
    current: () => live ?? demo,
    use: (account) => {
      live =
        account &&
        connect({ mode: 'live', baseUrl: account.baseUrl, label: account.label, accountId: account.id }, account.credentials, account.tier);
    },
    externalOrigins: () => (live === null ? [new URL(simulator.url).origin] : []),
    simulator: () => simulator,
    stop: () => simulator.stop(),
  };
}
