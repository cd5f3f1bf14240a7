// The conversion journey on the main side: review (what Kraken will sweep, fee, estimate, pre-flight checks), confirm
// (a saved plan and the hand-off to Kraken's page), the ledger watch until the sweep appears, its receipt, and the
// history of every conversion, including those made outside the app. Every ledger read goes through the account
// mirror: the cooldown, the watch and History query it, and Kraken is asked only for what is newer.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src-shared/clock';
import type { Handlers } from '../../src-shared/contract';
import type {
  ActiveConversion,
  AssetLabel,
  CleanupSummary,
  ConversionHistory,
  ConversionReview,
  HistoryEntry,
  LedgerScan,
} from '../../src-shared/contract/conversion';
import type { ExportFile } from '../../src-shared/contract/export-file';
import { describeAsset, displayCode, listCashCurrencies, listStablecoins, type AssetCatalog } from '../../src-shared/assets';
import {
  buildConversionPlan,
  canConvert,
  preflightChecks,
  type BookView,
  type ConversionPlan,
  type SweepableRow,
} from '../../src-shared/conversion-plan';
import { dustSweepCooldown, findDustSweeps, type DustSweep } from '../../src-shared/dust-sweep';
import { AppError, toAppError } from '../../src-shared/errors';
import { KRAKEN_LINKS } from '../../src-shared/external-links';
import { krakenTimeFromMs } from '../../src-shared/kraken-time';
import type { LedgerCursor, LedgerEntry } from '../../src-shared/ledger';
import { dec, sum, toWire, ZERO } from '../../src-shared/money';
import { priceIn, type Market } from '../../src-shared/pricing';
import { detached } from '../call-signal';
import type { StoreProblem } from '../store/json-store';
import { buildReceipt, receiptToCsv, receiptToJson, type Receipt, type ReceiptContext } from '../../src-shared/receipt';
import type { AccountMirrors } from '../mirror/account-mirrors';
import type { SyncHooks } from '../mirror/mirror-sync';
import type { StoreBackendFactory } from '../store/backend';
import type { Emit } from '../app/contract-host';
import { accountKey } from './account-key';
import type { Connection, ConnectionManager } from './connection-manager';
import { createConversionStore, mergeReceipts, type ActivePlan, type PendingLegs, type StoredReceipt } from './conversion-store';
import { settle } from './settle';
import { IDLE_WATCH, watchForSweep } from './ledger-watch';
import type { LiveFeed } from './live-feed';
import type { PortfolioService, PortfolioSnapshot } from './portfolio-service';
import type { SettingsService } from './settings-service';

/** Reads at this pace cost Kraken's counter 2 each, well under a Starter key's decay. */
export const DEFAULT_WATCH_INTERVAL_MS = 10_000;
/** The cooldown looks one day back, and a minute more for clock differences. */
const COOLDOWN_LOOKBACK_S = 24 * 60 * 60 + 60;
/** Each review would otherwise spend 2 of the call counter's units on the same ledger page. */
const LEDGER_REUSE_MS = 60_000;
/** History reads what is new in the ledger, for conversions made elsewhere, when its last read is older than this. */
const RESCAN_AFTER_MS = 5 * 60_000;
/** Where the simulator serves its stand-in for Kraken Pro's balances page. */
const SIMULATOR_PRO_PAGE = '/__sim/pro/portfolio/spot';

type ConversionCall =
  | 'conversion.review'
  | 'conversion.confirm'
  | 'conversion.active'
  | 'conversion.cancel'
  | 'conversion.dismiss'
  | 'conversion.history'
  | 'conversion.summary'
  | 'conversion.export';

export interface ConversionServiceDeps {
  /** Told when conversions.json had to be set aside or partly recovered. */
  onStoreProblem?: (problem: StoreProblem) => void;
  dataDir: string;
  backend?: StoreBackendFactory;
  connections: Pick<ConnectionManager, 'current' | 'externalOrigins'>;
  mirrors: Pick<AccountMirrors, 'of'>;
  settings: SettingsService;
  portfolio: Pick<PortfolioService, 'load'>;
  /** OC9's book: whether one is loaded for the account, and its positions. */
  book: () => BookView;
  clock: Clock;
  emit: Emit;
  /** Opens Kraken's page in the system browser (Electron); absent in browser mode, where the page opens it. */
  openExternal?: (url: string, extraOrigins: readonly string[]) => Promise<boolean>;
  watchIntervalMs?: number;
  /** The current account's live feed: while it is live the watch reads no REST. */
  link?: () => LiveFeed;
  /** How long the watch reads on for a sweep's receive leg before the receipt is made provisional. */
  receiveLegWaitMs?: number;
}

export interface ConversionService {
  handlers: Pick<Handlers, ConversionCall>;
  /** Refids of the current account's conversions that have a receipt. */
  receiptRefids(): ReadonlySet<string>;
  /** Resumes the watch of a plan saved before a restart. */
  resume(): void;
  stop(): void;
}

interface Assessment {
  review: ConversionReview;
  rows: SweepableRow[];
  snapshot: PortfolioSnapshot;
}

function label(catalog: AssetCatalog, asset: string): AssetLabel {
  const info = describeAsset(catalog, asset);
  return { assetId: info.id, code: info.code, displayDecimals: info.displayDecimals };
}

function krakenPageFor(connection: Connection): string {
  return connection.mode === 'demo' ? `${connection.baseUrl}${SIMULATOR_PRO_PAGE}` : KRAKEN_LINKS.balances;
}

/** Each swept asset's price in the credited currency, so a conversion made elsewhere can still be split by value. */
function pricesFor(sweep: DustSweep, market: Market): Record<string, string> {
  const target = sweep.receive?.asset;
  const prices: Record<string, string> = {};
  if (target === undefined) return prices;
  for (const leg of sweep.spends) {
    const quote = priceIn(market, leg.asset, target);
    if (quote) prices[leg.asset] = toWire(quote.price);
  }
  return prices;
}

/** The demo's conversions happened in the simulator, which has no ledger page: no link rather than a wrong one. */
function historyEntry(stored: StoredReceipt, mode: Connection['mode']): HistoryEntry {
  return { ...stored, ledgerUrl: mode === 'live' ? KRAKEN_LINKS.ledger : null };
}

/** A receipt's words and precision come from Kraken's asset list: USD, not ZUSD, at ZUSD's own decimals. */
function receiptContext(catalog: AssetCatalog, sweep: DustSweep, market: Market): ReceiptContext {
  const target = sweep.receive?.asset;
  return {
    prices: pricesFor(sweep, market),
    nameOf: (asset) => describeAsset(catalog, asset).code,
    ...(target === undefined ? {} : { targetDecimals: describeAsset(catalog, target).decimals }),
  };
}

/** A sweep with the legs a provisional receipt kept: the same refid, read at different times. */
function joinLegs(pending: PendingLegs, sweep: DustSweep): DustSweep {
  const legs = new Map([...pending.legs, ...sweepLegs(sweep)].map((leg) => [leg.id, leg]));
  return findDustSweeps([...legs.values()])[0] ?? sweep;
}

/** A receipt found again with no more legs than it was built from: nothing to build again. */
function sameLegs(stored: StoredReceipt, sweep: DustSweep): boolean {
  const legs = new Set(sweepLegs(sweep).map((leg) => leg.id));
  return stored.pending === null || stored.pending.legs.length === legs.size;
}

function sweepLegs(sweep: DustSweep): LedgerEntry[] {
  return [...sweep.spends, ...(sweep.receive ? [sweep.receive] : []), ...sweep.unexpectedLegs];
}

/** A stored receipt names its assets by the labels kept with it, else by Kraken's legacy names. */
function nameFromLabels(labels: readonly AssetLabel[]): (asset: string) => string {
  return (asset) => labels.find((label) => label.assetId === asset)?.code ?? displayCode(asset);
}

function labelsOf(catalog: AssetCatalog, receipt: Receipt): AssetLabel[] {
  const assets = new Set([
    ...receipt.lines.map((line) => line.asset),
    ...(receipt.target ? [receipt.target] : []),
    ...(receipt.plannedTarget ? [receipt.plannedTarget] : []),
  ]);
  return [...assets].map((asset) => label(catalog, asset));
}

export function createConversionService(deps: ConversionServiceDeps): ConversionService {
  const { clock, emit } = deps;
  const store = createConversionStore({
    dataDir: deps.dataDir,
    ...(deps.backend ? { backend: deps.backend } : {}),
    ...(deps.onStoreProblem ? { onCorrupt: deps.onStoreProblem } : {}),
  });
  const intervalMs = deps.watchIntervalMs ?? DEFAULT_WATCH_INTERVAL_MS;
  const watches = new Map<string, { controller: AbortController; progress: ActiveConversion['progress'] }>();
  /** History's read of the ledger per account, while it runs or after it failed. */
  const scans = new Map<string, LedgerScan>();
  /** Accounts whose mirror this service listens to, for conversions made anywhere. */
  const listening = new Map<string, () => void>();

  const idleScan = (connection: Connection): LedgerScan => {
    const { complete, syncedAt } = deps.mirrors.of(connection).mirror.state('ledger');
    return { status: complete ? 'done' : 'not-started', pages: 0, entries: 0, total: null, rateWaitUntil: null, scannedAt: complete ? syncedAt : null, error: null };
  };
  const scanOf = (connection: Connection): LedgerScan => scans.get(accountKey(connection)) ?? idleScan(connection);

  function activeView(key: string): ActiveConversion | null {
    const state = store.get(key);
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

  /** The ledger's last day, for the cooldown: Kraken is asked for what is new at most once a minute while reviewing,
   * always when confirming. */
  async function lastDayOfLedger(connection: Connection, nowSeconds: number, fresh: boolean): Promise<LedgerEntry[]> {
    const { mirror, sync } = deps.mirrors.of(connection);
    const since = krakenTimeFromMs((nowSeconds - COOLDOWN_LOOKBACK_S) * 1000);
    await sync.catchUp('ledger', { priority: 'foreground' }, fresh ? {} : { maxAgeMs: LEDGER_REUSE_MS });
    await sync.backfill('ledger', since, { priority: 'foreground' });
    return mirror.ledgerSince(since);
  }

  interface Acknowledged {
    openOrders: boolean;
    positions: boolean;
  }

  async function assess(
    connection: Connection,
    requestedTarget: string | undefined,
    acknowledged: Acknowledged,
    fresh = false,
  ): Promise<Assessment> {
    const key = accountKey(connection);
    const settings = deps.settings.current();
    const wanted = requestedTarget ?? store.get(key).lastTarget ?? settings.quoteCurrency;
    const [snapshot, time] = await Promise.all([deps.portfolio.load(wanted), connection.client.time()]);
    const { catalog, model } = snapshot;
    const targets = [...listCashCurrencies(catalog), ...listStablecoins(catalog).filter((a) => ['USDT', 'USDC'].includes(a.code))];
    const target = describeAsset(catalog, wanted);
    if (!targets.some((t) => t.id === target.id)) {
      throw new AppError(
        'invalid_input',
        `Kraken converts small balances only into ${targets.map((t) => t.code).join(', ')}. Choose one of those.`,
      );
    }
    const serverTime = time.unixtime * 1000;
    const lastDay = await lastDayOfLedger(connection, time.unixtime, fresh);
    const cooldown = dustSweepCooldown(findDustSweeps(lastDay), serverTime);

    // Kraken sweeps what is free: an amount held by an open order stays
    const swept = model.spot.filter((row) => row.sweptByKraken && row.variant === null && row.assetId !== target.id && row.available.gt(0));
    const rows: SweepableRow[] = swept.map((row) => ({
      asset: row.assetId,
      amount: row.available,
      value: (row.price ?? ZERO).times(row.available),
    }));
    const feeRate = dec(settings.conversionFeeRate);
    const plan = buildConversionPlan({
      id: 'review',
      createdAt: serverTime,
      target: target.id,
      feeRate,
      rows,
      ledgerCursor: null,
      quotesAt: snapshot.fetchedAt,
    });
    const book = deps.book();
    const checks = preflightChecks({
      plan,
      nowMs: clock.now(),
      cooldown,
      lastKnownConversionAt: store.get(key).receipts[0]?.receipt.at ?? null,
      openOrders: snapshot.openOrders,
      openOrdersAcknowledged: acknowledged.openOrders,
      book,
      positionsAcknowledged: acknowledged.positions,
      borderlineAssets: model.spot.filter((row) => row.class === 'borderline').map((row) => row.assetId),
      mode: connection.mode,
      nameOf: (asset) => describeAsset(catalog, asset).code,
    });
    const sweptIds = new Set(plan.items.map((item) => item.asset));
    const byAsset = new Map(swept.map((row) => [row.assetId, row]));
    const review: ConversionReview = {
      mode: connection.mode,
      accountLabel: connection.label,
      target: label(catalog, target.id),
      targets: targets.map((t) => label(catalog, t.id)),
      feeRate: plan.feeRate,
      items: plan.items.map((item) => ({
        asset: label(catalog, item.asset),
        amount: item.amount,
        value: item.value,
        estimatedProceeds: item.estimatedProceeds,
        inUse: byAsset.get(item.asset)?.inUse ?? false,
        borderline: byAsset.get(item.asset)?.class === 'borderline',
      })),
      totalValue: toWire(sum(plan.items.map((item) => dec(item.value)))),
      estimatedFee: plan.estimatedFee,
      estimatedTotal: plan.estimatedTotal,
      checks,
      canConvert: canConvert(checks),
      needsOpenOrderAck: snapshot.openOrders.some((order) => sweptIds.has(order.base) || sweptIds.has(order.quote)),
      openOrdersAcknowledged: acknowledged.openOrders,
      needsPositionAck: book.positions.some((p) => sweptIds.has(p.asset) && dec(p.quantity).gt(0)),
      positionsAcknowledged: acknowledged.positions,
      quotesAt: snapshot.fetchedAt,
      serverTime,
    };
    return { review, rows, snapshot };
  }

  /** The newest entry in Kraken's order, which the watch reads after; the review just caught the mirror up. */
  function newestLedgerEntry(connection: Connection): LedgerCursor | null {
    const head = deps.mirrors.of(connection).mirror.state('ledger').head;
    return head === null ? null : { id: head.id, time: head.time };
  }

  /** The stored receipt of a sweep: provisional ones keep their legs and plan, to be built again when more legs appear. */
  function storedReceipt(sweep: DustSweep, plan: ConversionPlan | null, snapshot: PortfolioSnapshot, origin: StoredReceipt['origin'], balancesNow?: Record<string, string>): StoredReceipt {
    const receipt = buildReceipt(sweep, plan, {
      ...receiptContext(snapshot.catalog, sweep, snapshot.market),
      assetsInOpenOrders: [...snapshot.openOrderAssets],
      ...(balancesNow ? { balancesNow } : {}),
    });
    const pending = receipt.provisional ? { legs: sweepLegs(sweep), plan } : null;
    return { receipt, origin, labels: labelsOf(snapshot.catalog, receipt), pending };
  }

  async function complete(key: string, sweep: DustSweep): Promise<void> {
    const active = store.get(key).active;
    if (!active) return;
    const snapshot = await deps.portfolio.load();
    const balancesNow = Object.fromEntries(snapshot.model.spot.map((row) => [row.assetId, toWire(row.amount)]));
    const stored = storedReceipt(sweep, active.plan, snapshot, 'app', balancesNow);
    store.update(key, (state) => ({
      ...state,
      receipts: mergeReceipts(state.receipts, [stored]),
      active: state.active ? { ...state.active, receiptRefid: stored.receipt.refid } : null,
    }));
    emit('conversion.changed', activeView(key));
    emit('conversion.historyChanged', { scan: scanOf(deps.connections.current()) });
  }

  function startWatch(key: string, connection: Connection, active: ActivePlan): void {
    if (watches.has(key)) return;
    const controller = new AbortController();
    const watch = { controller, progress: IDLE_WATCH };
    watches.set(key, watch);
    const finish = (): void => {
      if (watches.get(key) === watch) watches.delete(key);
    };
    // the watch outlives the call that started it: it never inherits that call's abort signal
    detached(() => void watchForSweep({
      ...deps.mirrors.of(connection),
      clock,
      plan: active.plan,
      intervalMs,
      ...(deps.receiveLegWaitMs === undefined ? {} : { receiveLegWaitMs: deps.receiveLegWaitMs }),
      signal: controller.signal,
      ...(deps.link ? { link: deps.link() } : {}),
      onProgress: (progress) => {
        watch.progress = progress;
        emit('conversion.changed', activeView(key));
      },
    })
      .then(async (sweep) => {
        if (sweep && !controller.signal.aborted) await complete(key, sweep);
      })
      .catch((error: unknown) => {
        watch.progress = { ...watch.progress, lastError: toAppError(error).toShape() };
        emit('conversion.changed', activeView(key));
      })
      .finally(finish));
  }

  async function confirm(target: string, acknowledged: Acknowledged, reviewedAssets: readonly string[]) {
    const connection = deps.connections.current();
    const key = accountKey(connection);
    const running = store.get(key).active;
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
    store.update(key, (state) => ({ ...state, lastTarget: plan.target, active }));
    startWatch(key, connection, active);
    const openedExternally = deps.openExternal ? await deps.openExternal(active.krakenUrl, deps.connections.externalOrigins()) : false;
    const view = activeView(key);
    if (!view) throw new AppError('storage', 'The conversion plan could not be saved. Check the data folder and try again.');
    return { active: view, openedExternally };
  }

  function stopWatch(key: string): void {
    watches.get(key)?.controller.abort();
    watches.delete(key);
  }

  /** One read of the portfolio serves every conversion found within a minute (a long read finds many). */
  const snapshots = new Map<string, { at: number; snapshot: Promise<PortfolioSnapshot> }>();
  function pricesNow(key: string): Promise<PortfolioSnapshot> {
    const kept = snapshots.get(key);
    if (kept !== undefined && clock.now() - kept.at < LEDGER_REUSE_MS) return kept.snapshot;
    const snapshot = deps.portfolio.load();
    snapshots.set(key, { at: clock.now(), snapshot });
    // a failed read is not kept: the next conversion found tries again
    snapshot.catch(() => snapshots.delete(key));
    return snapshot;
  }

  /**
   * Receipts for every conversion the mirror holds that has none yet, and provisional ones built again once more of
   * their legs are there. Prices split a conversion made elsewhere by value; one read serves all of them.
   */
  async function receiptsFromMirror(connection: Connection): Promise<void> {
    const key = accountKey(connection);
    const known = new Map(store.get(key).receipts.map((stored) => [stored.receipt.refid, stored]));
    const sweeps = findDustSweeps(deps.mirrors.of(connection).mirror.sweepEntries()).filter((sweep) => {
      const earlier = known.get(sweep.refid);
      return earlier === undefined || (earlier.receipt.provisional && !sameLegs(earlier, sweep));
    });
    if (sweeps.length === 0) return;
    const snapshot = await pricesNow(key);
    const found = sweeps.map((sweep) => {
      // a provisional receipt is built again with the legs read since: its receive leg may be among them
      const earlier = known.get(sweep.refid);
      if (earlier?.pending) return storedReceipt(joinLegs(earlier.pending, sweep), earlier.pending.plan, snapshot, earlier.origin);
      return storedReceipt(sweep, null, snapshot, 'kraken');
    });
    store.update(key, (state) => ({ ...state, receipts: mergeReceipts(state.receipts, found) }));
    emit('conversion.historyChanged', { scan: scanOf(connection) });
    if (store.get(key).active) emit('conversion.changed', activeView(key));
  }

  /** Listens to the account's mirror: whatever reads the ledger (the watch, Reconcile, History), receipts follow. */
  function listen(connection: Connection): void {
    const key = accountKey(connection);
    if (listening.has(key)) return;
    let running: Promise<void> = Promise.resolve();
    const stop = deps.mirrors.of(connection).mirror.onChange((change) => {
      if (change.stream !== 'ledger' || !change.visible) return;
      // whichever call's read wrote to the mirror, the receipts outlive it
      running = detached(() => running.then(() => receiptsFromMirror(connection)).catch(() => undefined));
    });
    listening.set(key, stop);
  }

  /** Reads the whole ledger into the mirror once (in the background), then only what is new. */
  async function readLedger(connection: Connection): Promise<void> {
    const key = accountKey(connection);
    const { sync } = deps.mirrors.of(connection);
    const progress = (change: Partial<LedgerScan>): void => {
      scans.set(key, { ...scanOf(connection), ...change });
      emit('conversion.historyChanged', { scan: scanOf(connection) });
    };
    // the catch-up's figures, added to the backfill's that follows it
    let before = { pages: 0, records: 0 };
    const hooks: SyncHooks = {
      priority: 'background',
      onRateWait: (waitMs) => progress({ rateWaitUntil: clock.now() + waitMs }),
      onPage: (run) => progress({ pages: before.pages + run.pages, entries: before.records + run.records, total: run.total, rateWaitUntil: null }),
    };
    progress({ status: 'scanning', pages: 0, entries: 0, total: null, error: null });
    try {
      const caught = await sync.catchUp('ledger', hooks);
      before = { pages: caught.pages, records: caught.records };
      const older = await sync.backfill('ledger', null, hooks);
      await receiptsFromMirror(connection);
      progress({ status: 'done', pages: before.pages + older.pages, entries: before.records + older.records, scannedAt: clock.now(), rateWaitUntil: null });
    } catch (error) {
      progress({ status: 'failed', rateWaitUntil: null, error: toAppError(error).toShape() });
    }
  }

  /** Starts a read when none runs and the last one is older than `maxAgeMs`, never finished, or left a receipt
   * waiting for more legs. */
  function readIfOlderThan(connection: Connection, maxAgeMs: number, retryFailed: boolean): void {
    listen(connection);
    const key = accountKey(connection);
    const { status } = scanOf(connection);
    if (status === 'scanning' || (status === 'failed' && !retryFailed)) return;
    const { complete, syncedAt } = deps.mirrors.of(connection).mirror.state('ledger');
    const waiting = store.get(key).receipts.some((stored) => stored.receipt.provisional);
    if (!complete || syncedAt === null || clock.now() - syncedAt > maxAgeMs || waiting || status === 'failed') void detached(() => readLedger(connection));
  }

  function history(): ConversionHistory {
    const connection = deps.connections.current();
    readIfOlderThan(connection, RESCAN_AFTER_MS, true);
    return {
      entries: store.get(accountKey(connection)).receipts.map((stored) => historyEntry(stored, connection.mode)),
      scan: scanOf(connection),
    };
  }

  /** Portfolio's "last cleanup": the first time, it starts the one read of the whole ledger that can tell. */
  function summary(): CleanupSummary {
    const connection = deps.connections.current();
    // a failed read is left for History to retry, so Portfolio's refreshes never hammer a failing ledger
    readIfOlderThan(connection, Number.POSITIVE_INFINITY, false);
    const state = store.get(accountKey(connection));
    const ledgerSearched = deps.mirrors.of(connection).mirror.state('ledger').complete;
    return { lastSweepAt: state.receipts[0]?.receipt.at ?? null, ledgerSearched, scan: scanOf(connection) };
  }

  function exportReceipt(refid: string, format: 'csv' | 'json'): ExportFile {
    const stored = store.get(accountKey(deps.connections.current())).receipts.find((r) => r.receipt.refid === refid);
    if (!stored) throw new AppError('not_found', `No conversion ${refid} in this account's history.`);
    const day = new Date(stored.receipt.at).toISOString().slice(0, 10);
    return format === 'csv'
      ? { fileName: `kraken-conversion-${day}-${refid}.csv`, mimeType: 'text/csv', content: receiptToCsv(stored.receipt, nameFromLabels(stored.labels)) }
      : { fileName: `kraken-conversion-${day}-${refid}.json`, mimeType: 'application/json', content: receiptToJson(stored.receipt) };
  }

  /** Watches the account's saved plan if it still waits for Kraken and no watch runs yet (restart, account switch). */
  function watchPending(connection: Connection): string {
    const key = accountKey(connection);
    const active = store.get(key).active;
    if (active && active.receiptRefid === null) startWatch(key, connection, active);
    return key;
  }

  return {
    receiptRefids() {
      return new Set(store.get(accountKey(deps.connections.current())).receipts.map((stored) => stored.receipt.refid));
    },
    resume() {
      watchPending(deps.connections.current());
    },
    stop() {
      for (const key of [...watches.keys()]) stopWatch(key);
      for (const stop of listening.values()) stop();
      listening.clear();
    },
    handlers: {
      'conversion.review': async ({ target, openOrdersAcknowledged, positionsAcknowledged }) =>
        (await assess(deps.connections.current(), target, { openOrders: openOrdersAcknowledged, positions: positionsAcknowledged })).review,
      'conversion.confirm': ({ target, openOrdersAcknowledged, positionsAcknowledged, reviewedAssets }) =>
        confirm(target, { openOrders: openOrdersAcknowledged, positions: positionsAcknowledged }, reviewedAssets),
      'conversion.active': () => settle(() => activeView(watchPending(deps.connections.current()))),
      'conversion.cancel': () =>
        settle(() => {
          const key = accountKey(deps.connections.current());
          stopWatch(key);
          store.update(key, (state) => ({ ...state, active: null }));
          emit('conversion.changed', null);
          return null;
        }),
      'conversion.dismiss': () =>
        settle(() => {
          const key = accountKey(deps.connections.current());
          store.update(key, (state) => (state.active?.receiptRefid ? { ...state, active: null } : state));
          emit('conversion.changed', activeView(key));
          return null;
        }),
      'conversion.history': () => settle(history),
      'conversion.summary': () => settle(summary),
      'conversion.export': ({ refid, format }) => settle(() => exportReceipt(refid, format)),
    },
  };
}
