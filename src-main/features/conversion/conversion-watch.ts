// The hand-off's other half: one ledger watch per account for the plan waiting on Kraken (it survives a restart),
// the receipt once the sweep is in the mirror, and the view of it every screen gets.
import type { Clock } from '../../../src-shared/clock';
import type { ActiveConversion } from '../../../src-shared/contract/conversion';
import type { DustSweep } from '../../../src-shared/dust-sweep';
import { toAppError } from '../../../src-shared/errors';
import { toWire } from '../../../src-shared/money';
import type { Emit } from '../../app/contract-host';
import { detached } from '../../call-signal';
import { accountKey } from '../../connection/account-key';
import type { Connection } from '../../connection/connection-manager';
import type { AccountMirrors } from '../../mirror/account-mirrors';
import type { LiveFeed } from '../link/live-feed';
import type { PortfolioService } from '../portfolio/portfolio-service';
import { mergeReceipts, type ActivePlan, type ConversionsFile } from './conversions-file';
import { IDLE_WATCH, watchForSweep } from './ledger-watch';
import { historyEntry, storedReceipt } from './stored-receipt';

export interface ConversionWatchDeps {
  mirrors: Pick<AccountMirrors, 'of'>;
  portfolio: Pick<PortfolioService, 'load'>;
  file: ConversionsFile;
  clock: Clock;
  emit: Emit;
  intervalMs: number;
  receiveLegWaitMs?: number;
  /** The current account's live feed: while it is live the watch reads no REST. */
  link?: () => LiveFeed;
  /** A receipt was added to the account's history. */
  onReceipt: (connection: Connection) => void;
}

export interface ConversionWatch {
  /** The account's active conversion as the screens show it. */
  view(key: string): ActiveConversion | null;
  /** Tells the screens the account's active conversion changed. */
  announce(key: string): void;
  start(connection: Connection, active: ActivePlan): void;
  /** Watches the account's saved plan if it still waits for Kraken and no watch runs yet; returns the account's key. */
  resume(connection: Connection): string;
  stop(key: string): void;
  stopAll(): void;
}

export function createConversionWatch(deps: ConversionWatchDeps): ConversionWatch {
  const { file, emit } = deps;
  const watches = new Map<string, { controller: AbortController; progress: ActiveConversion['progress'] }>();

  function view(key: string): ActiveConversion | null {
    const state = file.get(key);
    const active = state.active;
    if (!active) return null;
    const stored = state.receipts.find((r) => r.receipt.refid === active.receiptRefid);
    return {
      ...active,
      status: active.receiptRefid === null ? 'watching' : 'completed',
      progress: watches.get(key)?.progress ?? IDLE_WATCH,
      receipt: stored ? historyEntry(stored, active.mode) : null,
    };
  }

  const announce = (key: string): void => emit('conversion.changed', view(key));

  async function complete(connection: Connection, sweep: DustSweep): Promise<void> {
    const key = accountKey(connection);
    const active = file.get(key).active;
    if (!active) return;
    const snapshot = await deps.portfolio.load();
    const balancesNow = Object.fromEntries(snapshot.model.spot.map((row) => [row.assetId, toWire(row.amount)]));
    const stored = storedReceipt(sweep, active.plan, snapshot, 'app', balancesNow);
    file.update(key, (state) => ({
      ...state,
      receipts: mergeReceipts(state.receipts, [stored]),
      active: state.active ? { ...state.active, receiptRefid: stored.receipt.refid } : null,
    }));
    announce(key);
    deps.onReceipt(connection);
  }

  function start(connection: Connection, active: ActivePlan): void {
    const key = accountKey(connection);
    if (watches.has(key)) return;
    const controller = new AbortController();
    const watch = { controller, progress: IDLE_WATCH };
    watches.set(key, watch);
    const finish = (): void => {
      if (watches.get(key) === watch) watches.delete(key);
    };
    // the watch outlives the call that started it: it never inherits that call's abort signal
    detached(
      () =>
        void watchForSweep({
          ...deps.mirrors.of(connection),
          clock: deps.clock,
          plan: active.plan,
          intervalMs: deps.intervalMs,
          ...(deps.receiveLegWaitMs === undefined ? {} : { receiveLegWaitMs: deps.receiveLegWaitMs }),
          signal: controller.signal,
          ...(deps.link ? { link: deps.link() } : {}),
          onProgress: (progress) => {
            watch.progress = progress;
            announce(key);
          },
        })
          .then(async (sweep) => {
            if (sweep && !controller.signal.aborted) await complete(connection, sweep);
          })
          .catch((error: unknown) => {
            watch.progress = { ...watch.progress, lastError: toAppError(error).toShape() };
            announce(key);
          })
          .finally(finish),
    );
  }

  function stop(key: string): void {
    watches.get(key)?.controller.abort();
    watches.delete(key);
  }

  return {
    view,
    announce,
    start,
    resume(connection) {
      const key = accountKey(connection);
      const active = file.get(key).active;
      if (active && active.receiptRefid === null) start(connection, active);
      return key;
    },
    stop,
    stopAll() {
      for (const key of [...watches.keys()]) stop(key);
    },
  };
}
