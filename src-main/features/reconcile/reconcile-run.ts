// A reconcile run: OC9's book against Kraken's balances, open orders and the ledger since the checkpoint, each
// difference explained, the guide's proposals (with entry prices from trades and the market), held until applied.
// A run only reads: nothing is written to the book until the operator applies.
import type { RunResult } from '../../../src-shared/contract/reconcile';
import { ENTRY_PRICE_DECIMALS } from '../../../src-shared/book-from-trades';
import { describeAsset, resolveAssetId } from '../../../src-shared/assets';
import { AppError } from '../../../src-shared/errors';
import { toWire } from '../../../src-shared/money';
import { priceIn } from '../../../src-shared/pricing';
import { reconcile, type ReconcileRow, type ReconcileTolerances } from '../../../src-shared/reconcile';
import { buildGuide, type GuideContext, type MarketPrice } from '../../../src-shared/reconcile-guide';
import { accountKey } from '../../connection/account-key';
import type { Connection } from '../../connection/connection-manager';
import type { SettingsService } from '../settings/settings-service';
import {
  assetDisplays,
  cashAssetIds,
  dustAssets,
  feeCreditAssetIds,
  openOrdersByAsset,
  positionAssetOf,
  readMarket,
  usdPrices,
  type MarketView,
} from './reconcile-market';
import { tradeHooks } from './reconcile-read';
import type { ReconcileSession } from './reconcile-session';

export interface RunDeps {
  settings: Pick<SettingsService, 'current'>;
  newId: () => string;
  /** Refids of conversions that have a receipt in History, so a swept row can link to it. */
  receiptRefids?: () => ReadonlySet<string>;
}

/** Runs Reconcile for the account and holds the result; `readTradeHistory` 'always' reads every trade. */
export type RunReconcile = (connection: Connection, readTradeHistory: 'when-needed' | 'always') => Promise<void>;

export function createReconcileRun(session: ReconcileSession, deps: RunDeps): RunReconcile {
  const { clock, file, reads } = session;

  const tolerances = (): ReconcileTolerances => {
    const { absolute, relative, valueUsd } = deps.settings.current().reconcileTolerance;
    return { absolute, relative, value: valueUsd };
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

  return async (connection, readTradeHistory) => {
    const key = accountKey(connection);
    const { client } = connection;
    const state = file.get(key);
    const source = state.source;
    if (source === null) {
      throw new AppError(
        'conflict',
        'Choose OC9’s book first: import a positions file, rebuild it from trade history, or use the last snapshot.',
      );
    }
    await session.tasks.track(key, 'ledger', async (control) => {
      let checkpoint = state.checkpoint;
      if (checkpoint === null) {
        const baseline = await reads.baseline(connection, control);
        file.update(key, (s) => ({ ...s, checkpoint: s.checkpoint ?? baseline }));
        checkpoint = baseline;
      }
      const { entries, head, balances, pages, newEntries } = await reads.sinceCheckpoint(connection, checkpoint, control);
      control.phase('orders');
      const orders = await client.openOrders();
      control.phase('prices');
      const view = await readMarket(connection.metadata, client);
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
        !session.lookups.has(key) &&
        (readTradeHistory === 'always' ||
          (session.mirrors.of(connection).mirror.count('trades') > 0 && report.rows.some((r) => r.status !== 'in-sync')));
      const trades: RunResult['trades'] = { read: false, count: 0, notes: [], problem: null, byAsset: {} };
      if (wantsTrades) {
        try {
          const read = await reads.tradesBook(connection, view, tradeHooks(control));
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
      const guide = buildGuide(report, {
        ...guideContext,
        trades: trades.byAsset,
        nameOf: (asset) => describeAsset(view.catalog, asset).code,
      });
      const shown = [
        ...report.rows.flatMap((r) => [r.asset, ...r.exchangeParts.map((p) => p.asset), r.quoteCurrency ?? r.asset]),
        ...report.nonPositions.map((n) => n.asset),
        ...report.integrity.map((c) => c.asset),
        ...guide.flatMap((g) => [g.proposed, ...g.alternatives].map((o) => o.quoteCurrency ?? g.asset)),
        ...Object.values(guideContext.market ?? {}).map((m) => m.quoteCurrency),
      ];
      const withReceipts = deps.receiptRefids?.() ?? new Set<string>();
      const swept = report.rows.flatMap((r) => r.activity.filter((g) => g.kind === 'dust-sweep').map((g) => g.refid));
      session.lookups.delete(key);
      session.runs.set(key, {
        sourceChosenAt: source.chosenAt,
        guideContext: { ...guideContext, nameOf: (asset) => describeAsset(view.catalog, asset).code },
        result: {
          id: deps.newId(),
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
}
