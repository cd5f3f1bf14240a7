// A live feed on a real simulator (HTTP and WebSocket on one port) with its account mirror in a real SQLite file: for
// the feed's tests and the live-feed benchmark.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../../src-shared/clock';
import type { LinkState } from '../../../src-shared/contract/link';
import { compareKrakenTimes } from '../../../src-shared/kraken-time';
import type { LedgerEntry } from '../../../src-shared/ledger';
import { createKrakenClient, type KrakenClient } from '../../kraken/client';
import { createMetadataCache } from '../../kraken/metadata-cache';
import { openAccountMirror, type AccountMirror } from '../../mirror/account-mirror';
import { createMirrorSync, type MirrorSync } from '../../mirror/mirror-sync';
import { demoKeys, loadDemoScenario } from '@oc9/kraken-simulator';
import type { ScenarioKey } from '@oc9/kraken-simulator';
import { startSimulator, type RunningSimulator } from '@oc9/kraken-simulator';
import { ledgerWire } from '@oc9/kraken-simulator/test-support';
import { startLiveFeed, type LiveFeed } from './live-feed';

export interface FeedRig {
  sim: RunningSimulator;
  client: KrakenClient;
  mirror: AccountMirror;
  sync: MirrorSync;
  feed: LiveFeed;
  states: LinkState[];
  admin(path: string, body: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startFeedRig(options: {
  key?: ScenarioKey;
  clock: Clock;
  wsTickMs: number;
  staleMs: number;
  /** A WebSocket fault set before the feed first connects. */
  faultFirst?: { kind: 'reject-token'; count: number };
}): Promise<FeedRig> {
  const { clock } = options;
  const key = options.key ?? demoKeys.full;
  const sim = await startSimulator({ scenario: loadDemoScenario(), clock, port: 0, admin: true, wsTickMs: options.wsTickMs });
  const admin = async (path: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`${sim.url}/__sim/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`admin ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  if (options.faultFirst) await admin('ws-faults', options.faultFirst);
  const dir = await mkdtemp(join(tmpdir(), 'oc9-feed-'));
  const mirror = openAccountMirror({ file: join(dir, 'mirror.sqlite'), label: 'Demo', origin: 'test', now: () => clock.now() });
  const client = createKrakenClient({ baseUrl: sim.url, credentials: { apiKey: key.key, secret: key.secret }, tier: key.tier, clock });
  const sync = createMirrorSync({ mirror, client, clock });
  const states: LinkState[] = [];
  const feed = startLiveFeed({
    client,
    metadata: createMetadataCache(client, { clock }),
    mirror,
    sync,
    urls: sim.wsUrls,
    clock,
    staleMs: options.staleMs,
    backoffMs: 50,
    maxBackoffMs: 200,
    onState: (state) => states.push(state),
  });
  return {
    sim,
    client,
    mirror,
    sync,
    feed,
    states,
    admin,
    stop: async () => {
      feed.stop();
      sync.stop();
      mirror.close();
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** What the mirror shows, and what Kraken's Ledgers gives for the same stretch (from the mirror's oldest entry on),
 * both sorted by id, in REST's shape: equal when nothing was lost, altered or counted twice. */
export function mirrorAgainstKraken(rig: Pick<FeedRig, 'mirror' | 'sim'>): { held: LedgerEntry[]; kraken: LedgerEntry[] } {
  const held = rig.mirror.ledgerAfter(null).sort((a, b) => (a.id < b.id ? -1 : 1));
  const oldest = rig.mirror.oldestEntry()?.time ?? '0';
  const { account } = rig.sim;
  const kraken = account.ledger
    .all()
    .filter((entry) => compareKrakenTimes(entry.time, oldest) >= 0)
    .map((entry): LedgerEntry => ({ id: entry.id, ...ledgerWire(entry, account.market), time: entry.time }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return { held, kraken };
}
