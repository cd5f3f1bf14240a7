// Ledger sync at Starter tier: 10,000 entries from the simulator on a virtual clock, against the lower bound the
// call counter allows (max 15, decay 0.33/s, 2 per 50-entry page), with Kraken's rate-limit refusals counted.
import { performance } from 'node:perf_hooks';
import { syncLedgers } from '../src-main/kraken/ledger-sync';
import { counterLowerBoundMs } from '../src-main/kraken/rate-limiter';
import { ledgerMovements, startHarness, testKeys } from '../src-main/kraken/test-harness';
import { FIXTURE_FUNDING } from '../src-main/simulator/test-fixtures';
import type { Benchmark, Figures } from './run';

const PAGE_SIZE = 50;
const LEDGERS_COST = 2;

export interface LedgerSyncFigures {
  entries: number;
  pages: number;
  /** Virtual milliseconds from the first request to the end of the sync. */
  syncMs: number;
  lowerBoundMs: number;
  /** syncMs / lowerBoundMs; the goal is ≤ 1.05. */
  ratio: number;
  rateLimitErrors: number;
  rateWaits: number;
  wallMs: number;
  setupWallMs: number;
}

export async function measureLedgerSync(entries = 10_000): Promise<LedgerSyncFigures> {
  const setupStart = performance.now();
  const harness = await startHarness({ movements: ledgerMovements(entries - FIXTURE_FUNDING.length) });
  const setupWallMs = performance.now() - setupStart;
  let rateLimitErrors = 0;
  const countingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if ((await response.clone().text()).includes('EAPI:Rate limit exceeded')) rateLimitErrors += 1;
    return response;
  };
  try {
    const client = harness.client(testKeys.trader, { fetch: countingFetch });
    const virtualStart = harness.clock.now();
    const wallStart = performance.now();
    const result = await syncLedgers(client);
    const wallMs = performance.now() - wallStart;
    const syncMs = harness.clock.now() - virtualStart;
    const pages = Math.ceil(result.entries.length / PAGE_SIZE);
    const lowerBoundMs = counterLowerBoundMs(pages, LEDGERS_COST, testKeys.trader.tier);
    return {
      entries: result.entries.length,
      pages: result.pages,
      syncMs,
      lowerBoundMs,
      ratio: syncMs / lowerBoundMs,
      rateLimitErrors,
      rateWaits: result.rateWaits,
      wallMs,
      setupWallMs,
    };
  } finally {
    await harness.stop();
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function formatLedgerSync(f: LedgerSyncFigures): Figures {
  return [
    ['entries synced', String(f.entries)],
    ['pages (Ledgers calls)', String(f.pages)],
    ['sync time (virtual clock)', seconds(f.syncMs)],
    ['lower bound of the counter', `${seconds(f.lowerBoundMs)}  ((${f.pages}×${LEDGERS_COST} − 15) / 0.33 per s)`],
    ['ratio to the bound', `${f.ratio.toFixed(4)}  (goal ≤ 1.05)`],
    ['rate-limit errors', `${f.rateLimitErrors}  (goal 0)`],
    ['waits for the counter', String(f.rateWaits)],
    ['wall time of the sync', `${f.wallMs.toFixed(0)} ms`],
    ['wall time to build the simulator', `${f.setupWallMs.toFixed(0)} ms`],
  ];
}

export const ledgerSyncBenchmark: Benchmark = {
  name: 'ledger sync, 10,000 entries, Starter tier',
  run: async () => formatLedgerSync(await measureLedgerSync()),
};
