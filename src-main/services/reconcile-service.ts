// Guided reconcile (docs/domain-rules.md, Reconcile): OC9's book against Kraken's balances and the ledger since the last checkpoint.
// A run only reads; nothing is written to the book until the operator applies, and the last apply can be undone.
// The ledger since the checkpoint and the trade history are queries on the account mirror: Kraken is asked only for
// what is newer than it holds.
import { detached } from '../call-signal';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Clock } from '../../src-shared/clock';
import type { Handlers } from '../../src-shared/contract';
import type { ExportFile } from '../../src-shared/contract/export-file';
import type { BookSource, ReconcileState, RunPhase, RunProgress, RunResult, TradesLookup } from '../../src-shared/contract/reconcile';
import { parsePositionsFile, serializePositionsFile, type Book } from '../../src-shared/book';
import { ENTRY_PRICE_DECIMALS, bookFromTrades, tradeBasisOf, type TradesBook } from '../../src-shared/book-from-trades';
import { describeAsset, resolveAssetId } from '../../src-shared/assets';
import type { BookView } from '../../src-shared/conversion-plan';
import { AppError, toAppError } from '../../src-shared/errors';
import { priceIn } from '../../src-shared/pricing';
import { netChangeByAsset, type LedgerCursor, type LedgerEntry } from '../../src-shared/ledger';
import { dec, toWire, ZERO } from '../../src-shared/money';
import { reconcile, type Checkpoint, type ReconcileRow, type ReconcileTolerances } from '../../src-shared/reconcile';
import { applyResolutions, buildGuide, type GuideContext, type MarketPrice } from '../../src-shared/reconcile-guide';
import { reconcileReportToCsv, reconcileReportToJson } from '../../src-shared/reconcile-export';
import type { Emit } from '../app/contract-host';
import type { KrakenClient } from '../kraken/client';
import { createMetadataCache, type MetadataCache } from '../kraken/metadata-cache';
import type { AccountMirrors } from '../mirror/account-mirrors';
import type { SyncHooks, SyncRun } from '../mirror/mirror-sync';
import type { StoreBackendFactory } from '../store/backend';
import { accountKey } from './account-key';
import { settle } from './settle';
import type { Connection, ConnectionManager } from './connection-manager';
import {
  assetDisplays,
  cashAssetIds,
  dustAssets,
  feeCreditAssetIds,
  openOrdersByAsset,
  pairInfo,
  positionAssetOf,
  readMarket,
  usdPrices,
  type MarketView,
} from './reconcile-market';
import { createReconcileStore, type AccountReconcileState } from './reconcile-store';
import { krakenAtMoment, MomentProblem } from './reconcile-moment';
import type { SettingsService } from './settings-service';

export type ReconcileCall =
  | 'reconcile.state'
  | 'reconcile.importPositions'
  | 'reconcile.rebuildFromTrades'
  | 'reconcile.useSnapshot'
  | 'reconcile.run'
  | 'reconcile.apply'
  | 'reconcile.undo'
  | 'reconcile.lookUpTrades'
  | 'reconcile.export';

export interface ReconcileServiceDeps {
  dataDir: string;
  backend?: StoreBackendFactory;
  connections: Pick<ConnectionManager, 'current'>;
  mirrors: Pick<AccountMirrors, 'of'>;
  settings: Pick<SettingsService, 'current'>;
  clock: Clock;
  emit: Emit;
  /** Who applies, for the audit log; the operating-system user by default. */
  operator?: string;
  newId?: () => string;
  /** Refids of conversions that have a receipt in History, so a swept row can link to it. */
  receiptRefids?: () => ReadonlySet<string>;
}

export interface ReconcileService {
  handlers: Pick<Handlers, ReconcileCall>;
  /** Asset ids OC9 holds an open position in (quantity above zero) on the current account. */
  positionAssets(): ReadonlySet<string>;
  /** OC9's book for the conversion review: whether one is loaded, and its positions. */
  bookView(): BookView;
}

/** Said once, when a version 1 file (which never says when it was written) is imported. */
const MOMENT_WHY =
  'Reconcile compares the book with Kraken as it was when OC9 wrote the file, so that every change since (a conversion, a trade) is explained by the ledger.';
/** How the operator's answer is named in messages, for a file that has no asOf of its own. */
const ASKED_MOMENT = 'When OC9 wrote the file';

/** Moves a long task's published progress along. */
interface ProgressControl {
  phase(next: RunPhase): void;
  page(pages: number, records: number, total: number | undefined): void;
  rateWait(waitMs: number): void;
  current(): RunProgress;
}

/** A run result with what it was based on, so an apply can tell whether the book or checkpoint moved since. */
interface HeldRun {
  result: RunResult;
  sourceChosenAt: number;
  /** What the guide was built with, so trade history read later can be added to it. */
  guideContext: GuideContext;
}

interface Task {
  progress: RunProgress;
  done: Promise<unknown>;
}

/** Rounds of "read the ledger again" when balances moved while the ledger was being read. */
const CONFIRM_ROUNDS = 2;


function defaultOperator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

/** True when every balance equals the checkpoint's plus what the ledger since then says moved it. */
function ledgerAccountsForBalances(checkpoint: Checkpoint, entries: readonly LedgerEntry[], balances: Record<string, string>): boolean {
  const moved = netChangeByAsset(entries);
  const ids = new Set([...Object.keys(balances), ...Object.keys(checkpoint.balances), ...moved.keys()]);
  return [...ids].every((id) =>
    dec(checkpoint.balances[id] ?? '0').plus(moved.get(id) ?? ZERO).equals(dec(balances[id] ?? '0')),
  );
}

async function readBalances(client: Pick<KrakenClient, 'balanceEx'>): Promise<Record<string, string>> {
  const balances = await client.balanceEx();
  return Object.fromEntries(Object.entries(balances).map(([asset, entry]) => [asset, entry.balance]));
}

function positionsOf(book: Book): string[] {
  return book.positions.filter((p) => dec(p.quantity).gt(0)).map((p) => p.asset);
}

export function createReconcileService(deps: ReconcileServiceDeps): ReconcileService {
  const { clock, emit } = deps;
  const store = createReconcileStore({ dataDir: deps.dataDir, ...(deps.backend ? { backend: deps.backend } : {}) });
  const operator = deps.operator ?? defaultOperator();
  const newId = deps.newId ?? randomUUID;
  const runs = new Map<string, HeldRun>();
  const tasks = new Map<string, Task>();
  /** The background trade look-up per account, kept until the next run so its result stays on the cards. */
  const lookups = new Map<string, TradesLookup>();
  const metadata = new WeakMap<KrakenClient, MetadataCache>();

  const metadataOf = (client: KrakenClient): MetadataCache => {
    let cache = metadata.get(client);
    if (cache === undefined) metadata.set(client, (cache = createMetadataCache(client, { clock })));
    return cache;
  };

  const tolerances = (): ReconcileTolerances => {
    const { absolute, relative, valueUsd } = deps.settings.current().reconcileTolerance;
    return { absolute, relative, value: valueUsd };
  };

  const stateOf = (connection: Connection): ReconcileState => {
    const key = accountKey(connection);
    const state = store.get(key);
    return {
      account: connection.label,
      source: state.source,
      snapshot: state.snapshot,
      checkpoint: state.checkpoint,
      audit: [...state.audit].reverse(),
      undoableAuditId: state.undo?.auditId ?? null,
      run: runs.get(key)?.result ?? null,
      running: tasks.get(key)?.progress ?? null,
      tradesKept: deps.mirrors.of(connection).mirror.count('trades'),
      tradesLookup: lookups.get(key) ?? null,
      storeProblems: store.problems.map((p) => p.message),
    };
  };

  const announceBook = (book: Book | null) => emit('reconcile.bookChanged', { positionAssets: book ? positionsOf(book) : [] });

  /** Runs one long task per account, publishing its progress; a second request while one runs is refused. */
  const track = async <T>(key: string, phase: RunPhase, work: (progress: ProgressControl) => Promise<T>): Promise<T> => {
    if (tasks.has(key)) {
      throw new AppError('busy', 'A reconcile run is already going on for this account. Wait for it to finish, then try again.', true);
    }
    const progress: RunProgress = { phase, pages: 0, records: 0, total: null, rateWaits: 0, rateWaitMs: 0, waitMs: null };
    const publish = () => emit('reconcile.progress', { ...progress });
    const control: ProgressControl = {
      phase(next) {
        Object.assign(progress, { phase: next, pages: 0, records: 0, total: null, waitMs: null });
        publish();
      },
      page(pages, records, total) {
        Object.assign(progress, { pages, records, total: total ?? null, waitMs: null });
        publish();
      },
      rateWait(waitMs) {
        const ms = Math.max(0, Math.round(waitMs));
        progress.rateWaits += 1;
        progress.rateWaitMs += ms;
        progress.waitMs = ms;
        publish();
      },
      current: () => ({ ...progress }),
    };
    const done = work(control);
    tasks.set(key, { progress, done });
    try {
      return await done;
    } finally {
      tasks.delete(key);
      progress.phase = 'done';
      progress.waitMs = null;
      publish();
    }
  };

  /** Reads of the mirror that show their pages and waits on the run's progress. */
  const syncHooks = (control: ProgressControl): SyncHooks => ({
    priority: 'foreground',
    onPage: (run) => control.page(run.pages, run.records, run.total ?? undefined),
    onRateWait: (ms) => control.rateWait(ms),
  });

  const headOf = (connection: Connection): LedgerCursor | null => {
    const head = deps.mirrors.of(connection).mirror.state('ledger').head;
    return head === null ? null : { id: head.id, time: head.time };
  };

  /** Balances and the newest ledger entry at one moment: the ledger's head read on both sides of the balances. */
  const takeBaseline = async (connection: Connection, control: ProgressControl): Promise<Checkpoint> => {
    const { sync } = deps.mirrors.of(connection);
    const head = async () => {
      control.phase('ledger');
      await sync.catchUp('ledger', syncHooks(control));
      return headOf(connection);
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await head();
      control.phase('balances');
      const balances = await readBalances(connection.client);
      const after = await head();
      if (before?.id === after?.id) return { at: clock.now(), ledgerCursor: after, balances };
    }
    throw new AppError('busy', 'Kraken’s ledger kept changing while OC9 Console took its starting point. Try again in a minute.', true);
  };

  /** Ledger entries since the checkpoint (from the mirror, brought up to date) and balances that agree with them. */
  const readLedgerAndBalances = async (connection: Connection, checkpoint: Checkpoint, control: ProgressControl) => {
    const { mirror, sync } = deps.mirrors.of(connection);
    const read: SyncRun = { pages: 0, records: 0, total: null, rateWaits: 0, rateWaitMs: 0 };
    const readNewer = async () => {
      control.phase('ledger');
      const run = await sync.catchUp('ledger', syncHooks(control));
      read.pages += run.pages;
      read.records += run.records;
      return run.records;
    };
    await readNewer();
    // the checkpoint's entry must be in the mirror (it is, unless the mirror was rebuilt since): read back to it
    const older = await sync.backfill('ledger', checkpoint.ledgerCursor?.time ?? null, syncHooks(control));
    read.pages += older.pages;
    read.records += older.records;
    let entries = mirror.ledgerAfter(checkpoint.ledgerCursor);
    control.phase('balances');
    let balances = await readBalances(connection.client);
    // an entry booked between reading the ledger and the balances would make the two disagree: read on once more
    for (let round = 0; round < CONFIRM_ROUNDS && !ledgerAccountsForBalances(checkpoint, entries, balances); round++) {
      if ((await readNewer()) === 0) break;
      entries = mirror.ledgerAfter(checkpoint.ledgerCursor);
      control.phase('balances');
      balances = await readBalances(connection.client);
    }
    return { entries, head: headOf(connection), balances, pages: read.pages, newEntries: read.records };
  };

  /** Every trade of the account (from the mirror, with what Kraken has that is newer), rebuilt into a book. */
  const readTradesBook = async (connection: Connection, view: MarketView, hooks: SyncHooks) => {
    const { mirror, sync } = deps.mirrors.of(connection);
    await sync.catchUp('trades', hooks);
    await sync.backfill('trades', null, hooks);
    const trades = mirror.trades();
    const cash = new Set(cashAssetIds(view.catalog));
    const rebuilt: TradesBook = bookFromTrades(trades, pairInfo(view.pairs));
    const book: Book = { positions: rebuilt.book.positions.filter((p) => !cash.has(p.asset)), ignoredDust: [] };
    return { trades, book, notes: rebuilt.notes, basis: tradeBasisOf({ ...rebuilt, book }) };
  };

  const tradeHooks = (control: ProgressControl): SyncHooks => {
    control.phase('trades');
    return syncHooks(control);
  };

  const pairName = (view: MarketView, pairId: string): string => {
    const pair = view.pairs[pairId];
    if (pair === undefined) return pairId;
    return `${describeAsset(view.catalog, pair.base).code}/${describeAsset(view.catalog, pair.quote).code}`;
  };

  /** The bid for each orphan, in its book currency (else the operator's), for "adopt the current market price". */
  const marketPrices = (view: MarketView, rows: readonly ReconcileRow[]) => {
    const fallbackQuote = resolveAssetId(view.catalog, deps.settings.current().quoteCurrency);
    const prices: Record<string, MarketPrice> = {};
    for (const row of rows.filter((r) => r.status === 'orphan')) {
      const quote = row.quoteCurrency ?? fallbackQuote;
      const found = priceIn(view.market, row.asset, quote);
      if (found === null || found.legs.length === 0) continue;
      prices[row.asset] = {
        // as a trader reads them (ETH/USD), since they are kept in the audit log
        pairs: found.legs.map((leg) => pairName(view, leg.pairId)),
        bid: toWire(found.price.toDecimalPlaces(ENTRY_PRICE_DECIMALS)),
        quoteCurrency: quote,
        at: clock.now(),
      };
    }
    return prices;
  };

  const run = async (connection: Connection, readTradeHistory: 'when-needed' | 'always'): Promise<void> => {
    const key = accountKey(connection);
    const { client } = connection;
    const state = store.get(key);
    const source = state.source;
    if (source === null) {
      throw new AppError('conflict', 'Choose OC9’s book first: import a positions file, rebuild it from trade history, or use the last snapshot.');
    }
    await track(key, 'ledger', async (control) => {
      let checkpoint = state.checkpoint;
      if (checkpoint === null) {
        const baseline = await takeBaseline(connection, control);
        store.update(key, (s) => ({ ...s, checkpoint: s.checkpoint ?? baseline }));
        checkpoint = baseline;
      }
      const { entries, head, balances, pages, newEntries } = await readLedgerAndBalances(connection, checkpoint, control);
      control.phase('orders');
      const orders = await client.openOrders();
      control.phase('prices');
      const view = await readMarket(metadataOf(client), client);
      control.phase('diff');
      const mapAsset = positionAssetOf(view.catalog);
      const families = [
        ...Object.keys(balances),
        ...entries.map((e) => e.asset),
        ...source.book.positions.map((p) => p.asset),
        ...source.book.ignoredDust.map((d) => d.asset),
      ].map(mapAsset);
      const prices = usdPrices(view.market, families);
      const computed = reconcile({
        at: clock.now(),
        book: source.book,
        balances,
        entries,
        checkpoint,
        tolerances: tolerances(),
        prices,
        cashAssets: cashAssetIds(view.catalog),
        feeCreditAssets: feeCreditAssetIds(view.catalog),
        positionAssetOf: mapAsset,
      });
      // the next checkpoint resumes after Kraken's newest entry in Kraken's order, not after the largest id of a second
      const report = { ...computed, nextCheckpoint: { ...computed.nextCheckpoint, ledgerCursor: head } };

      // the first read of trade history pages through all of it, so only the operator starts it; later reads are a page
      const wantsTrades =
        !lookups.has(key) &&
        (readTradeHistory === 'always' || (deps.mirrors.of(connection).mirror.count('trades') > 0 && report.rows.some((r) => r.status !== 'in-sync')));
      const trades: RunResult['trades'] = { read: false, count: 0, notes: [], problem: null, byAsset: {} };
      if (wantsTrades) {
        try {
          const read = await readTradesBook(connection, view, tradeHooks(control));
          Object.assign(trades, { read: true, count: read.trades.length, notes: read.notes, byAsset: read.basis });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          trades.problem = `Trade history could not be read (${error.message}), so entry prices from trades are not offered.`;
        }
      }
      const guideContext: GuideContext = {
        market: marketPrices(view, report.rows),
        dustAssets: dustAssets(report, prices, deps.settings.current().dustThresholdUsd),
      };
      const guide = buildGuide(report, { ...guideContext, trades: trades.byAsset, nameOf: (asset) => describeAsset(view.catalog, asset).code });
      const shown = [
        ...report.rows.flatMap((r) => [r.asset, ...r.exchangeParts.map((p) => p.asset), r.quoteCurrency ?? r.asset]),
        ...report.nonPositions.map((n) => n.asset),
        ...report.integrity.map((c) => c.asset),
        ...guide.flatMap((g) => [g.proposed, ...g.alternatives].map((o) => o.quoteCurrency ?? g.asset)),
        ...Object.values(guideContext.market ?? {}).map((m) => m.quoteCurrency),
      ];
      const withReceipts = deps.receiptRefids?.() ?? new Set<string>();
      const swept = report.rows.flatMap((r) => r.activity.filter((g) => g.kind === 'dust-sweep').map((g) => g.refid));
      lookups.delete(key);
      runs.set(key, {
        sourceChosenAt: source.chosenAt,
        guideContext: { ...guideContext, nameOf: (asset) => describeAsset(view.catalog, asset).code },
        result: {
          id: newId(),
          at: report.at,
          book: source.book,
          bookKind: source.kind,
          bookLabel: source.label,
          report,
          guide,
          assets: assetDisplays(view.catalog, shown),
          openOrders: openOrdersByAsset(orders, view.pairs),
          usdPrices: prices,
          sync: {
            fromCheckpointAt: checkpoint.at,
            pages,
            newEntries,
            entriesSinceCheckpoint: entries.length,
            rateWaits: control.current().rateWaits,
            rateWaitMs: control.current().rateWaitMs,
          },
          trades,
          receipts: [...new Set(swept)].filter((refid) => withReceipts.has(refid)),
          appliedAuditId: null,
        },
      });
    });
  };

  /** Reads trade history in the background and adds its entry prices to the held run's guide; the guide stays usable. */
  const lookUpTrades = (connection: Connection): void => {
    const key = accountKey(connection);
    const held = currentRun(key);
    if (lookups.has(key) && lookups.get(key)?.status === 'reading') return;
    const lookup: TradesLookup = { status: 'reading', pages: 0, records: 0, total: null, waitMs: null, error: null };
    lookups.set(key, lookup);
    const publish = (change: Partial<TradesLookup>) => {
      Object.assign(lookup, change);
      emit('reconcile.tradesLookup', { ...lookup });
    };
    const runId = held.result.id;
    // the lookup outlives the call that started it: it never inherits that call's abort signal
    void detached(async () => {
      try {
        const view = await readMarket(metadataOf(connection.client), connection.client);
        const read = await readTradesBook(connection, view, {
          priority: 'background',
          onPage: (run) => publish({ pages: run.pages, records: run.records, total: run.total, waitMs: null }),
          onRateWait: (ms) => publish({ waitMs: Math.max(0, Math.round(ms)) }),
        });
        const current = runs.get(key);
        if (current !== undefined && current.result.id === runId && current.result.appliedAuditId === null) {
          const guide = buildGuide(current.result.report, { ...current.guideContext, trades: read.basis });
          const trades = { read: true, count: read.trades.length, notes: read.notes, problem: null, byAsset: read.basis };
          const quotes = Object.values(read.basis).map((b) => b.quoteCurrency);
          const assets = { ...assetDisplays(view.catalog, quotes), ...current.result.assets };
          runs.set(key, { ...current, result: { ...current.result, guide, trades, assets } });
        }
        publish({ status: 'done', waitMs: null });
      } catch (error) {
        publish({ status: 'failed', waitMs: null, error: toAppError(error).toShape() });
      }
    });
  };

  /** Sets the book for the next run and its checkpoint: Kraken as it was at the book's own moment. */
  const chooseSource = (connection: Connection, source: Omit<BookSource, 'chosenAt' | 'asOf'>, checkpoint: Checkpoint) => {
    const key = accountKey(connection);
    store.update(key, (s) => ({ ...s, source: { ...source, chosenAt: clock.now(), asOf: checkpoint.at }, checkpoint }));
    runs.delete(key);
    lookups.delete(key);
    announceBook(source.book);
    return stateOf(connection);
  };

  /** A snapshot is true at the apply that wrote it: that apply's checkpoint. */
  const snapshotCheckpoint = (key: string): Checkpoint | null => {
    const state = store.get(key);
    const auditId = state.snapshot?.auditId;
    return state.audit.find((entry) => entry.record.id === auditId)?.checkpointAfter ?? null;
  };

  const importPositions = async (
    connection: Connection,
    input: { fileName: string; text: string; fileModifiedAt?: number | undefined; asOf?: string | undefined },
  ): Promise<Awaited<ReturnType<Handlers['reconcile.importPositions']>>> => {
    const key = accountKey(connection);
    requireIdle(key);
    const parsed = parsePositionsFile(input.text);
    // the parser can name one problem twice (field check and whole-book check): say it once
    if (!parsed.ok) return { outcome: 'invalid', errors: [...new Set(parsed.errors)] };
    const asOf = parsed.moment.asOf ?? input.asOf ?? null;
    if (asOf === null) {
      const proposedAsOf = input.fileModifiedAt === undefined ? null : new Date(input.fileModifiedAt).toISOString();
      return { outcome: 'needs-moment', proposedAsOf, why: MOMENT_WHY };
    }
    const label = input.fileName.trim() === '' ? 'positions file' : input.fileName.trim();
    try {
      const atMoment = await track(key, 'ledger', (control) =>
        krakenAtMoment(
          connection.client,
          deps.mirrors.of(connection),
          { asOf: Date.parse(asOf), ledgerCursor: parsed.moment.ledgerCursor, asOfField: parsed.moment.asOf === null ? ASKED_MOMENT : 'asOf' },
          {
            onPhase: (phase) => control.phase(phase),
            onPage: (pages, entries, total) => control.page(pages, entries, total),
            onRateWait: (ms) => control.rateWait(ms),
          },
        ),
      );
      return { outcome: 'imported', state: chooseSource(connection, { kind: 'positions-file', label, book: parsed.book, notes: [] }, atMoment) };
    } catch (error) {
      if (error instanceof MomentProblem) return { outcome: 'invalid', errors: [error.message] };
      throw error;
    }
  };

  const requireIdle = (key: string) => {
    if (tasks.has(key)) {
      throw new AppError('busy', 'A reconcile run is going on for this account. Wait for it to finish, then try again.', true);
    }
  };

  const currentRun = (key: string): HeldRun => {
    const held = runs.get(key);
    if (held === undefined) throw new AppError('conflict', 'There is no reconcile result to use. Run Reconcile first.');
    return held;
  };

  const exportFile = (connection: Connection, kind: 'positions-file' | 'report-csv' | 'report-json'): ExportFile => {
    const key = accountKey(connection);
    const state = store.get(key);
    const day = new Date(clock.now()).toISOString().slice(0, 10);
    if (kind === 'positions-file') {
      const book = state.source?.book ?? state.snapshot?.book;
      if (book === undefined) throw new AppError('conflict', 'There is no book to export yet. Import a positions file or rebuild the book first.');
      // the book is true at its checkpoint, so the file says so and Reconcile can start from there
      const asOf = new Date(state.source?.asOf ?? state.checkpoint?.at ?? clock.now()).toISOString();
      const moment = { asOf, ledgerCursor: state.checkpoint?.ledgerCursor?.id ?? null };
      return { fileName: `oc9-positions-${day}.json`, mimeType: 'application/json', content: serializePositionsFile(book, moment) };
    }
    const { result } = currentRun(key);
    const applied = state.audit.find((e) => e.record.id === result.appliedAuditId) ?? null;
    if (kind === 'report-csv') {
      return { fileName: `oc9-reconcile-${day}.csv`, mimeType: 'text/csv', content: reconcileReportToCsv(result, applied) };
    }
    return {
      fileName: `oc9-reconcile-${day}.json`,
      mimeType: 'application/json',
      content: reconcileReportToJson(connection.label, result, applied),
    };
  };

  const apply = (connection: Connection, runId: string, decisions: Parameters<Handlers['reconcile.apply']>[0]['decisions'], note: string) => {
    const key = accountKey(connection);
    requireIdle(key);
    const held = currentRun(key);
    const { result } = held;
    const state = store.get(key);
    if (result.id !== runId) throw new AppError('conflict', 'These results are out of date. Run Reconcile again, then apply.');
    if (result.appliedAuditId !== null) throw new AppError('conflict', 'These results were already applied. Run Reconcile again to check the book.');
    if (state.checkpoint?.at !== result.sync.fromCheckpointAt || state.source?.chosenAt !== held.sourceChosenAt) {
      throw new AppError('conflict', 'The book changed since this run. Run Reconcile again, then apply.');
    }
    const undecided = result.guide.filter((row) => !decisions.some((d) => d.asset === row.asset));
    if (undecided.length > 0) {
      const names = undecided.map((row) => result.assets[row.asset]?.code ?? row.asset).join(', ');
      throw new AppError('invalid_input', `Decide every row before applying: ${names} still ${undecided.length === 1 ? 'needs' : 'need'} a decision.`);
    }
    const at = clock.now();
    const id = newId();
    const applied = applyResolutions(result.book, result.guide, decisions, { id, at, who: operator });
    const checkpointAfter = result.report.nextCheckpoint;
    store.update(key, (s): AccountReconcileState => ({
      source: { kind: 'snapshot', label: 'last reconciled snapshot', chosenAt: at, asOf: checkpointAfter.at, book: applied.book, notes: [] },
      snapshot: { at, book: applied.book, auditId: id },
      checkpoint: checkpointAfter,
      audit: [
        ...s.audit,
        { record: applied.audit, note: note.trim(), bookKind: result.bookKind, checkpointBefore: s.checkpoint, checkpointAfter, undoneAt: null },
      ],
      undo: { auditId: id, source: s.source, snapshot: s.snapshot, checkpoint: s.checkpoint },
    }));
    runs.set(key, { ...held, sourceChosenAt: at, result: { ...result, appliedAuditId: id } });
    announceBook(applied.book);
    return stateOf(connection);
  };

  const undo = (connection: Connection, auditId: string) => {
    const key = accountKey(connection);
    requireIdle(key);
    const point = store.get(key).undo;
    if (point === null || point.auditId !== auditId) {
      throw new AppError('conflict', 'Only the last apply can be undone, and only once.');
    }
    const at = clock.now();
    const next = store.update(key, (s) => ({
      source: point.source,
      snapshot: point.snapshot,
      checkpoint: point.checkpoint,
      audit: s.audit.map((e) => (e.record.id === auditId ? { ...e, undoneAt: at } : e)),
      undo: null,
    }));
    runs.delete(key);
    announceBook(next.source?.book ?? null);
    return stateOf(connection);
  };

  const bookOf = (key: string): Book | null => {
    const state = store.get(key);
    return state.source?.book ?? state.snapshot?.book ?? null;
  };

  return {
    positionAssets() {
      const book = bookOf(accountKey(deps.connections.current()));
      return new Set(book ? positionsOf(book) : []);
    },
    bookView() {
      const book = bookOf(accountKey(deps.connections.current()));
      return { loaded: book !== null, positions: (book?.positions ?? []).map((p) => ({ asset: p.asset, quantity: p.quantity })) };
    },
    handlers: {
      'reconcile.state': () => settle(() => stateOf(deps.connections.current())),
      'reconcile.importPositions': (input) => importPositions(deps.connections.current(), input),
      'reconcile.rebuildFromTrades': async () => {
        const connection = deps.connections.current();
        const key = accountKey(connection);
        return track(key, 'trades', async (control) => {
          const view = await readMarket(metadataOf(connection.client), connection.client);
          const rebuilt = await readTradesBook(connection, view, tradeHooks(control));
          const label = `trade history (${rebuilt.trades.length} trades)`;
          // a book rebuilt from every trade is true now: the checkpoint is Kraken as it is now
          const checkpoint = await takeBaseline(connection, control);
          return chooseSource(connection, { kind: 'trades', label, book: rebuilt.book, notes: rebuilt.notes }, checkpoint);
        });
      },
      'reconcile.useSnapshot': async () => {
        const connection = deps.connections.current();
        const key = accountKey(connection);
        requireIdle(key);
        const { snapshot } = store.get(key);
        if (snapshot === null) throw new AppError('conflict', 'There is no reconciled snapshot yet: apply a reconcile first.');
        const checkpoint = snapshotCheckpoint(key) ?? (await track(key, 'ledger', (control) => takeBaseline(connection, control)));
        return chooseSource(connection, { kind: 'snapshot', label: 'last reconciled snapshot', book: snapshot.book, notes: [] }, checkpoint);
      },
      'reconcile.run': async ({ readTradeHistory }) => {
        const connection = deps.connections.current();
        await run(connection, readTradeHistory);
        return stateOf(connection);
      },
      'reconcile.apply': ({ runId, decisions, note }) => settle(() => apply(deps.connections.current(), runId, decisions, note)),
      'reconcile.undo': ({ auditId }) => settle(() => undo(deps.connections.current(), auditId)),
      'reconcile.lookUpTrades': () =>
        settle(() => {
          const connection = deps.connections.current();
          lookUpTrades(connection);
          return stateOf(connection);
        }),
      'reconcile.export': ({ kind }) => settle(() => exportFile(deps.connections.current(), kind)),
    },
  };
}
