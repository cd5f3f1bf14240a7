// The account mirror: a sync of 100,000 ledger entries from the simulator (virtual clock) at Starter and Pro, against
// the lower bound Kraken's call counter allows, with rate-limit refusals counted, also when the app restarts halfway;
// then the screens' queries on the synced mirror, its size and the process's memory; and, for comparison, what the
// JSON caches it replaces cost to persist one page at 10,000 entries.
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { findDustSweeps } from '../src-shared/dust-sweep';
import { LedgerEntry, netChangeByAsset } from '../src-shared/ledger';
import { counterLowerBoundMs, type Tier } from '../src-main/kraken/rate-limiter';
import { refusalCounter, startHarness, testKeys, type Harness } from '../src-main/kraken/test-harness';
import type { SyncHooks } from '../src-main/mirror/mirror-sync';
import { mirrorFolder, type MirrorFolder } from '../src-main/mirror/test-mirror';
import { createJsonStore } from '../src-main/store/json-store';
import { FIXTURE_FUNDING, type Movement } from '@oc9/kraken-simulator/test-support';
import type { Benchmark, Figures } from './run';

const ENTRIES = 100_000;
const PAGE_SIZE = 50;
const LEDGERS_COST = 2;
const TRADES = 500;
/** History's read of the whole ledger runs in the background, as in the app. */
const BACKGROUND: SyncHooks = { priority: 'background' };

/** Deposits and withdrawals of USD, with a small-balance conversion (an ADA credit swept into USD) now and then. */
function movements(count: number): Movement[] {
  const out: Movement[] = [];
  for (let i = 0; out.length < count; i++) {
    if (i % 2000 === 1999) {
      const refid = `TSWEEP${String(i).padStart(6, '0').slice(-1)}-BENCH-${String(i).padStart(6, '0')}`;
      out.push({ asset: 'ADA', amount: '1' });
      out.push({ asset: 'ADA', amount: '-1', type: 'spend', subtype: 'dustsweeping', refid });
      out.push({ asset: 'ZUSD', amount: '0.44', fee: '0.01', type: 'receive', subtype: 'dustsweeping', refid });
    } else {
      out.push({ asset: 'ZUSD', amount: i % 2 === 0 ? '2.5' : '-1.25', fee: '0.0001' });
    }
  }
  return out.slice(0, count);
}

interface SyncFigures {
  entries: number;
  pages: number;
  /** Pages read before the app was stopped, when it was. */
  beforeRestart: number | null;
  virtualMs: number;
  lowerBoundMs: number;
  refusals: number;
  wallMs: number;
}

/** Syncs the whole ledger into a new mirror file; with `restartAfter`, the app stops after that many pages and starts again. */
async function syncAll(harness: Harness, folder: MirrorFolder, tier: Tier, restartAfter?: number): Promise<SyncFigures> {
  const key = tier === 'pro' ? testKeys.pro : testKeys.trader;
  const counter = refusalCounter();
  const virtualStart = harness.clock.now();
  const wallStart = performance.now();
  let pages = 0;
  const first = folder.open({ key, client: { fetch: counter.fetch } });
  const hooks: SyncHooks = {
    ...BACKGROUND,
    onPage: () => {
      pages += 1;
      if (restartAfter !== undefined && pages === restartAfter) first.sync.stop();
    },
  };
  try {
    await first.sync.catchUp('ledger', hooks);
    await first.sync.backfill('ledger', null, hooks);
  } catch (error) {
    if (restartAfter === undefined) throw error;
  }
  first.close();
  const beforeRestart = restartAfter === undefined ? null : pages;
  if (restartAfter !== undefined) {
    const second = folder.open({ key, client: { fetch: counter.fetch } });
    const rest = await second.sync.backfill('ledger', null, BACKGROUND);
    pages += rest.pages;
    second.close();
  }
  const entries = harness.sim.account.ledger.all().length;
  return {
    entries,
    pages,
    beforeRestart,
    virtualMs: harness.clock.now() - virtualStart,
    lowerBoundMs: counterLowerBoundMs(Math.ceil(entries / PAGE_SIZE), LEDGERS_COST, tier),
    refusals: counter.refusals(),
    wallMs: performance.now() - wallStart,
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const syncLine = (f: SyncFigures): string =>
  `${f.entries} entries, ${f.pages} pages${f.beforeRestart === null ? '' : ` (${f.beforeRestart} before the restart)`} in ${seconds(f.virtualMs)} (virtual); bound ${seconds(f.lowerBoundMs)}; ` +
  `ratio ${(f.virtualMs / f.lowerBoundMs).toFixed(4)} (goal ≤ 1.05); rate-limit refusals ${f.refusals} (goal 0); wall ${seconds(f.wallMs)}`;

/** Median wall time of a query, in ms. */
function timed(run: () => unknown, times = 5): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)] ?? 0;
}

/** Persisting one 50-entry page into a JSON cache of 10,000 entries, the way the replaced caches did (whole file). */
async function jsonCachePage(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'oc9-bench-json-'));
  try {
    // the replaced cache's own shape: one JSON document of every account's entries, validated and rewritten whole
    const schema = z.object({ accounts: z.record(z.string(), z.object({ entries: z.array(LedgerEntry) })) });
    const cache = createJsonStore({ dir, name: 'reconcile-ledger', schema, defaults: { accounts: {} }, version: 1 });
    const records = {
      update: (account: string, change: (kept: { entries: LedgerEntry[] }) => { entries: LedgerEntry[] }) =>
        cache.update((file) => ({ accounts: { ...file.accounts, [account]: change(file.accounts[account] ?? { entries: [] }) } })),
    };
    const entry = (i: number): LedgerEntry => ({
      id: `L${String(i).padStart(5, '0')}-BENCH-CACHE0`,
      refid: `F${String(i).padStart(6, '0')}-BENCH-CACHE0`,
      time: `${1_760_000_000 + i}.1234567`,
      type: 'deposit',
      subtype: '',
      aclass: 'currency',
      asset: 'ZUSD',
      amount: '2.5000',
      fee: '0.0001',
      balance: `${i}.2499`,
    });
    records.update('live:bench', () => ({ entries: Array.from({ length: 10_000 }, (_, i) => entry(i)) }));
    let next = 10_000;
    return timed(() =>
      records.update('live:bench', (kept) => ({ entries: [...kept.entries, ...Array.from({ length: PAGE_SIZE }, () => entry(next++))] })),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function run(): Promise<Figures> {
  const setupStart = performance.now();
  const harness = await startHarness({ movements: movements(ENTRIES - FIXTURE_FUNDING.length) });
  for (let i = 0; i < TRADES; i++) await harness.admin('trade', { pair: 'XBTUSD', type: i % 2 ? 'sell' : 'buy', volume: '0.001' });
  const setupMs = performance.now() - setupStart;
  const figures: [string, string][] = [['simulator with the history (wall)', `${seconds(setupMs)}`]];
  try {
    for (const tier of ['starter', 'pro'] as const) {
      for (const restart of [false, true]) {
        const folder = await mirrorFolder(harness);
        try {
          const pages = Math.ceil(harness.sim.account.ledger.all().length / PAGE_SIZE);
          const f = await syncAll(harness, folder, tier, restart ? Math.floor(pages / 2) : undefined);
          figures.push([`sync at ${tier === 'pro' ? 'Pro' : 'Starter'}${restart ? ', restarted halfway' : ''}`, syncLine(f)]);
          if (tier !== 'pro' || !restart) continue;
          // the screens' queries, on the mirror just synced
          const view = folder.open({ key: testKeys.pro });
          await view.sync.catchUp('trades', { priority: 'foreground' });
          await view.sync.backfill('trades', null, { priority: 'foreground' });
          const all = view.mirror.ledgerAfter(null);
          const back = all[all.length - 10_001];
          const checkpoint = back === undefined ? null : { id: back.id, time: back.time };
          let sweeps = 0;
          let since = 0;
          let trades = 0;
          figures.push(
            [
              'History: conversions (sweeps by subtype and refid)',
              `${timed(() => (sweeps = findDustSweeps(view.mirror.sweepEntries()).length)).toFixed(1)} ms for ${sweeps} conversions (goal < 50 ms)`,
            ],
            [
              'Reconcile: ledger since a checkpoint 10,000 back',
              `${timed(() => {
                const entries = view.mirror.ledgerAfter(checkpoint);
                netChangeByAsset(entries);
                since = entries.length;
              }).toFixed(1)} ms for ${since} entries, summed per asset (goal < 50 ms)`,
            ],
            [
              'Reconcile: the trades of one asset (BTC)',
              `${timed(() => (trades = view.mirror.tradesOfAsset('XXBT').length)).toFixed(1)} ms for ${trades} trades (goal < 50 ms)`,
            ],
          );
          view.close();
          const size = statSync(folder.file).size + (statSync(`${folder.file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
          figures.push(
            ['database size', `${(size / 1024 / 1024).toFixed(1)} MiB for ${all.length} entries and ${trades} trades`],
            ['process RSS', `${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB (simulator with the whole history included)`],
          );
        } finally {
          await folder.remove();
        }
      }
    }
    figures.push([
      'JSON cache (replaced): persist one 50-entry page at 10,000 entries',
      `${(await jsonCachePage()).toFixed(1)} ms (the whole file rewritten)`,
    ]);
    return figures;
  } finally {
    await harness.stop();
  }
}

export const mirrorSyncBenchmark: Benchmark = { name: 'account mirror: 100,000-entry sync, queries, and the JSON caches it replaces', run };
