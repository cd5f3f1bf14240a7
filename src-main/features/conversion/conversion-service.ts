// The conversion journey's calls: review, confirm (a saved plan and the hand-off to Kraken's page), the active
// conversion while the watch waits for the sweep, cancel and dismiss. The review, the watch and the receipts are each
// a file of their own; this one holds the plan's life from the swipe to the dismissed receipt.
import { randomUUID } from 'node:crypto';
import type { conversionCalls } from '../../../src-shared/contract/conversion';
import { buildConversionPlan } from '../../../src-shared/conversion-plan';
import { AppError } from '../../../src-shared/errors';
import { KRAKEN_LINKS } from '../../../src-shared/external-links';
import type { LedgerCursor } from '../../../src-shared/ledger';
import { dec } from '../../../src-shared/money';
import type { HandlerTable } from '../../../src-shared/rpc';
import type { Emit } from '../../app/contract-host';
import { settle } from '../../app/settle';
import { accountKey } from '../../connection/account-key';
import type { Connection, ConnectionManager } from '../../connection/connection-manager';
import { createConversionReview, type Acknowledged, type ConversionReviewDeps } from './conversion-review';
import { createConversionWatch } from './conversion-watch';
import type { LiveFeed } from '../link/live-feed';
import type { ActivePlan } from './conversions-file';

/** Reads at this pace cost Kraken's counter 2 each, well under a Starter key's decay. */
export const DEFAULT_WATCH_INTERVAL_MS = 10_000;
/** Where the simulator serves its stand-in for Kraken Pro's balances page. */
const SIMULATOR_PRO_PAGE = '/__sim/pro/portfolio/spot';

export interface ConversionServiceDeps extends ConversionReviewDeps {
  connections: Pick<ConnectionManager, 'current' | 'externalOrigins'>;
  emit: Emit;
  /** A receipt was added to the account's history by the watch. */
  onReceipt: (connection: Connection) => void;
  /** Opens Kraken's page in the system browser (Electron); absent in browser mode, where the page opens it. */
  openExternal?: (url: string, extraOrigins: readonly string[]) => Promise<boolean>;
  watchIntervalMs?: number;
  /** The current account's live feed: while it is live the watch reads no REST. */
  link?: () => LiveFeed;
  /** How long the watch reads on for a sweep's receive leg before the receipt is made provisional. */
  receiveLegWaitMs?: number;
}

export interface ConversionService {
  handlers: HandlerTable<typeof conversionCalls>;
  /** Receipts changed for this account: the hand-off screen hears of it when a conversion is active. */
  receiptsChanged(key: string): void;
  /** Resumes the watch of a plan saved before a restart. */
  resume(): void;
  stop(): void;
}

function krakenPageFor(connection: Connection): string {
  return connection.mode === 'demo' ? `${connection.baseUrl}${SIMULATOR_PRO_PAGE}` : KRAKEN_LINKS.balances;
}

export function createConversionService(deps: ConversionServiceDeps): ConversionService {
  const { file, emit } = deps;
  const assess = createConversionReview(deps);
  const watch = createConversionWatch({
    ...deps,
    intervalMs: deps.watchIntervalMs ?? DEFAULT_WATCH_INTERVAL_MS,
  });

  /** The newest entry in Kraken's order, which the watch reads after; the review just caught the mirror up. */
  function newestLedgerEntry(connection: Connection): LedgerCursor | null {
    const head = deps.mirrors.of(connection).mirror.state('ledger').head;
    return head === null ? null : { id: head.id, time: head.time };
  }

  async function confirm(target: string, acknowledged: Acknowledged, reviewedAssets: readonly string[]) {
    const connection = deps.connections.current();
    const key = accountKey(connection);
    const running = file.get(key).active;
    if (running && running.receiptRefid === null) {
      throw new AppError('conflict', 'A conversion is already waiting for Kraken. Finish it on Kraken, or cancel it, first.');
    }
    const { review, rows, snapshot } = await assess(connection, target, acknowledged, true);
    const blocking = review.checks.find((check) => check.status === 'block');
    if (blocking) throw new AppError('conflict', `${blocking.title}: ${blocking.detail}`);
    const fresh = review.items.map((item) => item.asset.assetId).sort();
    const seen = [...reviewedAssets].sort();
    if (fresh.join(',') !== seen.join(',')) {
      throw new AppError(
        'conflict',
        'Your small balances changed since you reviewed them (a price moved or a balance changed). Check the new list and swipe again.',
        true,
      );
    }
    const plan = buildConversionPlan({
      id: randomUUID(),
      createdAt: review.serverTime,
      target: review.target.assetId,
      feeRate: dec(review.feeRate),
      rows,
      ledgerCursor: newestLedgerEntry(connection),
      quotesAt: snapshot.fetchedAt,
    });
    const active: ActivePlan = {
      plan,
      target: review.target,
      labels: review.items.map((item) => item.asset),
      mode: connection.mode,
      krakenUrl: krakenPageFor(connection),
      receiptRefid: null,
    };
    file.update(key, (state) => ({ ...state, lastTarget: plan.target, active }));
    watch.start(connection, active);
    const openedExternally = deps.openExternal ? await deps.openExternal(active.krakenUrl, deps.connections.externalOrigins()) : false;
    const view = watch.view(key);
    if (!view) throw new AppError('storage', 'The conversion plan could not be saved. Check the data folder and try again.');
    return { active: view, openedExternally };
  }

  return {
    receiptsChanged(key) {
      if (file.get(key).active) watch.announce(key);
    },
    resume() {
      watch.resume(deps.connections.current());
    },
    stop() {
      watch.stopAll();
    },
    handlers: {
      'conversion.review': async ({ target, openOrdersAcknowledged, positionsAcknowledged }) =>
        (await assess(deps.connections.current(), target, { openOrders: openOrdersAcknowledged, positions: positionsAcknowledged })).review,
      'conversion.confirm': ({ target, openOrdersAcknowledged, positionsAcknowledged, reviewedAssets }) =>
        confirm(target, { openOrders: openOrdersAcknowledged, positions: positionsAcknowledged }, reviewedAssets),
      'conversion.active': () => settle(() => watch.view(watch.resume(deps.connections.current()))),
      'conversion.cancel': () =>
        settle(() => {
          const key = accountKey(deps.connections.current());
          watch.stop(key);
          file.update(key, (state) => ({ ...state, active: null }));
          emit('conversion.changed', null);
          return null;
        }),
      'conversion.dismiss': () =>
        settle(() => {
          const key = accountKey(deps.connections.current());
          file.update(key, (state) => (state.active?.receiptRefid ? { ...state, active: null } : state));
          watch.announce(key);
          return null;
        }),
    },
  };
}
