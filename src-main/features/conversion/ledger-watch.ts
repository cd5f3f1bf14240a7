// After the hand-off the app cannot see Kraken's website: it learns of the conversion only from the ledger. The watch
// reads the mirror for entries after the plan's cursor: whenever anything writes to it (its own catch-up every
// interval, History's sync, the live feed) and until a dust-sweep group after the plan appears. While Kraken's
// WebSocket feed is live it brings every ledger entry itself, so the watch does not read REST until it is not.
import type { Clock } from '../../../src-shared/clock';
import type { LinkState } from '../../../src-shared/contract/link';
import type { WatchProgress } from '../../../src-shared/contract/conversion';
import type { ConversionPlan } from '../../../src-shared/conversion-plan';
import { findDustSweeps, type DustSweep } from '../../../src-shared/dust-sweep';
import { toAppError } from '../../../src-shared/errors';
import { findSweepForPlan } from '../../../src-shared/receipt';
import type { AccountMirror } from '../../mirror/account-mirror';
import type { MirrorSync } from '../../mirror/mirror-sync';

export interface LedgerWatchOptions {
  mirror: Pick<AccountMirror, 'ledgerAfter' | 'onChange'>;
  sync: Pick<MirrorSync, 'catchUp'>;
  clock: Clock;
  plan: ConversionPlan;
  /** Pause between reads of Kraken; the call counter may stretch it. */
  intervalMs: number;
  /** How long to keep reading for the receive leg once only spend legs of the sweep were found. */
  receiveLegWaitMs?: number;
  signal: AbortSignal;
  onProgress: (progress: WatchProgress) => void;
  /** The live feed: while live, no REST read; its entries wake the watch through the mirror. */
  link?: { state(): LinkState; onState(listener: (state: LinkState) => void): () => void };
}

/** While the feed is live the watch only looks again this often (no REST), in case a wake-up was missed. */
const LIVE_RECHECK_MS = 60_000;

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

/** Waits `ms`, or less when aborted or woken. */
function pause(clock: Clock, ms: number, signal: AbortSignal, woken: Promise<void>): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done);
    void clock.sleep(ms).then(done);
    void woken.then(done);
  });
}

/**
 * Resolves with the plan's sweep, or null once the signal aborts. Failed reads are reported and retried. A sweep seen
 * without its receive leg is read on for `receiveLegWaitMs`, so the receipt is not built on half a transaction.
 */
export async function watchForSweep(options: LedgerWatchOptions): Promise<DustSweep | null> {
  const { mirror, sync, clock, plan, signal } = options;
  let progress: WatchProgress = IDLE_WATCH;
  const report = (change: Partial<WatchProgress>): void => {
    progress = { ...progress, ...change };
    options.onProgress(progress);
  };
  const waitMs = options.receiveLegWaitMs ?? DEFAULT_RECEIVE_LEG_WAIT_MS;
  /** The plan's sweep as the mirror holds it now, when it can be taken as whole; reported with `read`'s outcome. */
  const look = (read: Partial<WatchProgress> = {}): DustSweep | null => {
    const entries = mirror.ledgerAfter(plan.ledgerCursor);
    const sweep = findSweepForPlan(plan, findDustSweeps(entries));
    const awaitingSince = sweep && sweep.receive === null ? (progress.awaitingReceiveSince ?? clock.now()) : null;
    report({ ...read, entriesSeen: entries.length, awaitingReceiveSince: awaitingSince });
    return sweep && (awaitingSince === null || clock.now() - awaitingSince >= waitMs) ? sweep : null;
  };
  let wake: () => void = () => undefined;
  const stopListening = mirror.onChange((change) => {
    if (change.stream === 'ledger' && change.visible) wake();
  });
  // the feed going down wakes the watch, which then reads REST on its interval
  const stopLink = options.link?.onState(() => wake()) ?? (() => undefined);
  const live = (): boolean => options.link?.state() === 'live';
  try {
    while (!signal.aborted) {
      if (live()) {
        report({ nextCheckAt: null });
        await pause(clock, LIVE_RECHECK_MS, signal, new Promise<void>((resolve) => (wake = resolve)));
        const seen = look();
        if (seen) return seen;
        continue;
      }
      let failure: WatchProgress['lastError'] = null;
      try {
        await sync.catchUp('ledger', {
          priority: 'foreground',
          onRateWait: (ms) => report({ rateWaitUntil: clock.now() + ms, nextCheckAt: null }),
        });
      } catch (error) {
        failure = toAppError(error).toShape();
      }
      const sweep = look({ checks: progress.checks + 1, lastCheckedAt: clock.now(), rateWaitUntil: null, lastError: failure });
      if (sweep) return sweep;
      // between reads, whatever else writes to the mirror is looked at at once
      for (let due = clock.now() + options.intervalMs; !signal.aborted && clock.now() < due;) {
        report({ nextCheckAt: due });
        await pause(clock, due - clock.now(), signal, new Promise<void>((resolve) => (wake = resolve)));
        const seen = look();
        if (seen) return seen;
      }
    }
    return null;
  } finally {
    stopListening();
    stopLink();
  }
}
