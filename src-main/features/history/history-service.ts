// History: every conversion of small balances in the account's ledger, made here or elsewhere, with its receipt. The
// whole ledger is read into the account mirror once (in the background), then only what is new; receipts follow any
// write to the mirror, whoever read it (the watch, Reconcile, this search).
import type { Clock } from '../../../src-shared/clock';
import type { CleanupSummary, ConversionHistory, LedgerScan } from '../../../src-shared/contract/history';
import type { historyCalls } from '../../../src-shared/contract/history';
import type { ExportFile } from '../../../src-shared/contract/export-file';
import { findDustSweeps } from '../../../src-shared/dust-sweep';
import { AppError, toAppError } from '../../../src-shared/errors';
import { receiptToCsv, receiptToJson } from '../../../src-shared/receipt';
import type { HandlerTable } from '../../../src-shared/rpc';
import type { Emit } from '../../app/contract-host';
import { settle } from '../../app/settle';
import { detached } from '../../call-signal';
import { accountKey } from '../../connection/account-key';
import type { Connection, ConnectionManager } from '../../connection/connection-manager';
import type { AccountMirrors } from '../../mirror/account-mirrors';
import type { SyncHooks } from '../../mirror/mirror-sync';
import { mergeReceipts, type ConversionsFile } from '../conversion/conversions-file';
import { historyEntry, joinLegs, nameFromLabels, sameLegs, storedReceipt } from '../conversion/stored-receipt';
import type { PortfolioService, PortfolioSnapshot } from '../portfolio/portfolio-service';

/** History reads what is new in the ledger, for conversions made elsewhere, when its last read is older than this. */
const RESCAN_AFTER_MS = 5 * 60_000;
/** One read of the portfolio prices every conversion found within this long (a long read finds many). */
const PRICES_REUSE_MS = 60_000;

export interface HistoryServiceDeps {
  connections: Pick<ConnectionManager, 'current'>;
  mirrors: Pick<AccountMirrors, 'of'>;
  portfolio: Pick<PortfolioService, 'load'>;
  file: ConversionsFile;
  clock: Clock;
  emit: Emit;
  /** Receipts were added or completed for this account (the active conversion's may be among them). */
  onReceipts: (key: string) => void;
}

export interface HistoryService {
  handlers: HandlerTable<typeof historyCalls>;
  /** Tells the screens History changed for this account. */
  announce(connection: Connection): void;
  /** Refids of the current account's conversions that have a receipt. */
  receiptRefids(): ReadonlySet<string>;
  stop(): void;
}

export function createHistoryService(deps: HistoryServiceDeps): HistoryService {
  const { clock, emit, file } = deps;
  /** The read of the ledger per account, while it runs or after it failed. */
  const scans = new Map<string, LedgerScan>();
  /** Accounts whose mirror this service listens to, for conversions made anywhere. */
  const listening = new Map<string, () => void>();

  const idleScan = (connection: Connection): LedgerScan => {
    const { complete, syncedAt } = deps.mirrors.of(connection).mirror.state('ledger');
    return {
      status: complete ? 'done' : 'not-started',
      pages: 0,
      entries: 0,
      total: null,
      rateWaitUntil: null,
      scannedAt: complete ? syncedAt : null,
      error: null,
    };
  };
  const scanOf = (connection: Connection): LedgerScan => scans.get(accountKey(connection)) ?? idleScan(connection);
  const announce = (connection: Connection): void => emit('conversion.historyChanged', { scan: scanOf(connection) });

  const snapshots = new Map<string, { at: number; snapshot: Promise<PortfolioSnapshot> }>();
  function pricesNow(key: string): Promise<PortfolioSnapshot> {
    const kept = snapshots.get(key);
    if (kept !== undefined && clock.now() - kept.at < PRICES_REUSE_MS) return kept.snapshot;
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
    const known = new Map(file.get(key).receipts.map((stored) => [stored.receipt.refid, stored]));
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
    file.update(key, (state) => ({ ...state, receipts: mergeReceipts(state.receipts, found) }));
    announce(connection);
    deps.onReceipts(key);
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
      announce(connection);
    };
    // the catch-up's figures, added to the backfill's that follows it
    let before = { pages: 0, records: 0 };
    const hooks: SyncHooks = {
      priority: 'background',
      onRateWait: (waitMs) => progress({ rateWaitUntil: clock.now() + waitMs }),
      onPage: (run) =>
        progress({ pages: before.pages + run.pages, entries: before.records + run.records, total: run.total, rateWaitUntil: null }),
    };
    progress({ status: 'scanning', pages: 0, entries: 0, total: null, error: null });
    try {
      const caught = await sync.catchUp('ledger', hooks);
      before = { pages: caught.pages, records: caught.records };
      const older = await sync.backfill('ledger', null, hooks);
      await receiptsFromMirror(connection);
      progress({
        status: 'done',
        pages: before.pages + older.pages,
        entries: before.records + older.records,
        scannedAt: clock.now(),
        rateWaitUntil: null,
      });
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
    const waiting = file.get(key).receipts.some((stored) => stored.receipt.provisional);
    if (!complete || syncedAt === null || clock.now() - syncedAt > maxAgeMs || waiting || status === 'failed')
      void detached(() => readLedger(connection));
  }

  function history(): ConversionHistory {
    const connection = deps.connections.current();
    readIfOlderThan(connection, RESCAN_AFTER_MS, true);
    return {
      entries: file.get(accountKey(connection)).receipts.map((stored) => historyEntry(stored, connection.mode)),
      scan: scanOf(connection),
    };
  }

  /** Portfolio's "last cleanup": the first time, it starts the one read of the whole ledger that can tell. */
  function summary(): CleanupSummary {
    const connection = deps.connections.current();
    // a failed read is left for History to retry, so Portfolio's refreshes never hammer a failing ledger
    readIfOlderThan(connection, Number.POSITIVE_INFINITY, false);
    const state = file.get(accountKey(connection));
    const ledgerSearched = deps.mirrors.of(connection).mirror.state('ledger').complete;
    return { lastSweepAt: state.receipts[0]?.receipt.at ?? null, ledgerSearched, scan: scanOf(connection) };
  }

  function exportReceipt(refid: string, format: 'csv' | 'json'): ExportFile {
    const stored = file.get(accountKey(deps.connections.current())).receipts.find((r) => r.receipt.refid === refid);
    if (!stored) throw new AppError('not_found', `No conversion ${refid} in this account's history.`);
    const day = new Date(stored.receipt.at).toISOString().slice(0, 10);
    return format === 'csv'
      ? {
          fileName: `kraken-conversion-${day}-${refid}.csv`,
          mimeType: 'text/csv',
          content: receiptToCsv(stored.receipt, nameFromLabels(stored.labels)),
        }
      : { fileName: `kraken-conversion-${day}-${refid}.json`, mimeType: 'application/json', content: receiptToJson(stored.receipt) };
  }

  return {
    announce,
    receiptRefids() {
      return new Set(file.get(accountKey(deps.connections.current())).receipts.map((stored) => stored.receipt.refid));
    },
    stop() {
      for (const stop of listening.values()) stop();
      listening.clear();
    },
    handlers: {
      'conversion.history': () => settle(history),
      'conversion.summary': () => settle(summary),
      'conversion.export': ({ refid, format }) => settle(() => exportReceipt(refid, format)),
    },
  };
}
