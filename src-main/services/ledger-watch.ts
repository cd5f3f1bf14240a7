// After the hand-off the app cannot see Kraken's website: it learns of the conversion only from the ledger. This reads
// the entries new since the plan's cursor, again and again, until a dust-sweep group after the plan appears.
import type { Clock } from '../../src-shared/clock';
import type { WatchProgress } from '../../src-shared/contract/conversion';
import type { ConversionPlan } from '../../src-shared/conversion-plan';
import { findDustSweeps, type DustSweep } from '../../src-shared/dust-sweep';
import { toAppError } from '../../src-shared/errors';
import type { LedgerEntry } from '../../src-shared/ledger';
import { findSweepForPlan } from '../../src-shared/receipt';
import type { KrakenClient } from '../kraken/client';
import { syncLedgers } from '../kraken/ledger-sync';

export interface LedgerWatchOptions {
  client: Pick<KrakenClient, 'ledgers'>;
  clock: Clock;
  plan: ConversionPlan;
  /** Pause between reads; the client's call-counter model may stretch it. */
  intervalMs: number;
  /** How long to keep reading for the receive leg once only spend legs of the sweep were found. */
  receiveLegWaitMs?: number;
  signal: AbortSignal;
  onProgress: (progress: WatchProgress) => void;
}

/** Kraken books a sweep's legs together; a receive leg later than this is reported as not found yet. */
export const DEFAULT_RECEIVE_LEG_WAIT_MS = 60_000;

export const IDLE_WATCH: WatchProgress = {
  awaitingReceiveSince: null,
  checks: 0,
  entriesSeen: 0,
  lastCheckedAt: null,
  nextCheckAt: null,
  rateWaitUntil: null,
  lastError: null,
};

function pause(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done);
    void clock.sleep(ms).then(done);
  });
}

/**
 * Resolves with the plan's sweep, or null once the signal aborts. Failed reads are reported and retried. A sweep seen
 * without its receive leg is read on for `receiveLegWaitMs`, so the receipt is not built on half a transaction.
 */
export async function watchForSweep(options: LedgerWatchOptions): Promise<DustSweep | null> {
  const { client, clock, plan, signal } = options;
  let progress: WatchProgress = IDLE_WATCH;
  const report = (change: Partial<WatchProgress>): void => {
    progress = { ...progress, ...change };
    options.onProgress(progress);
  };
  // every entry since the plan, kept across reads, so a group split over two reads is still seen whole
  const seen = new Map<string, LedgerEntry>();
  let since = plan.ledgerCursor;
  while (!signal.aborted) {
    try {
      const result = await syncLedgers(client, {
        since,
        onRateWait: (waitMs) => report({ rateWaitUntil: clock.now() + waitMs, nextCheckAt: null }),
      });
      for (const entry of result.entries) seen.set(entry.id, entry);
      since = result.checkpoint;
      const sweep = findSweepForPlan(plan, findDustSweeps([...seen.values()]));
      const awaitingSince = sweep && sweep.receive === null ? (progress.awaitingReceiveSince ?? clock.now()) : null;
      report({
        checks: progress.checks + 1,
        entriesSeen: seen.size,
        lastCheckedAt: clock.now(),
        rateWaitUntil: null,
        lastError: null,
        awaitingReceiveSince: awaitingSince,
      });
      const waitedEnough = awaitingSince === null || clock.now() - awaitingSince >= (options.receiveLegWaitMs ?? DEFAULT_RECEIVE_LEG_WAIT_MS);
      if (sweep && waitedEnough) return sweep;
    } catch (error) {
      report({ checks: progress.checks + 1, lastCheckedAt: clock.now(), rateWaitUntil: null, lastError: toAppError(error).toShape() });
    }
    if (signal.aborted) break;
    report({ nextCheckAt: clock.now() + options.intervalMs });
    await pause(clock, options.intervalMs, signal);
  }
  return null;
}
