// Reads the account (BalanceEx, OpenOrders, one Ticker for the needed pairs; Assets and AssetPairs from a 1-hour
// cache) and hands it to src-shared/portfolio.ts, which does all valuing and classifying.
import type { portfolioCalls } from '../../../src-shared/contract/portfolio';
import type { HandlerTable } from '../../../src-shared/rpc';
import type { Clock } from '../../../src-shared/clock';
import { buildAssetCatalog, parseBalanceName, resolveAssetId, type AssetCatalog } from '../../../src-shared/assets';
import { dec } from '../../../src-shared/money';
import type { OpenOrderFacts } from '../../../src-shared/open-order';
import { buildPortfolio, portfolioToWire, type PortfolioModel } from '../../../src-shared/portfolio';
import { buildMarket, DEFAULT_BRIDGES, type Market, type TickerQuote, type TradingPair } from '../../../src-shared/pricing';
import type { AssetPairsResult, KrakenOrder } from '../../kraken/schemas';
import type { ConnectionManager } from '../../connection/connection-manager';
import type { SettingsService } from '../settings/settings-service';
import type { LiveFeed } from '../link/live-feed';

/** Past this many pairs one unfiltered Ticker call is cheaper than a URL listing them all. */
const MAX_LISTED_TICKER_PAIRS = 150;

export interface PortfolioSnapshot {
  model: PortfolioModel;
  catalog: AssetCatalog;
  market: Market;
  /** Assets on either side of an open order's pair. */
  openOrderAssets: ReadonlySet<string>;
  /** Every open order, with its pair's assets resolved. */
  openOrders: readonly OpenOrderFacts[];
  /** Kraken's pairs as AssetPairs lists them (minimums, lots, ticks), for services that place orders. */
  pairs: AssetPairsResult;
  fetchedAt: number;
}

export interface PortfolioServiceDeps {
  connections: Pick<ConnectionManager, 'current'>;
  settings: SettingsService;
  clock: Clock;
  /** Assets OC9 holds open positions in (from the reconcile book); none until a book exists. */
  positionAssets?: () => Promise<ReadonlySet<string>>;
  /** The current account's live feed: while it is live, balances, open orders and prices come from it, not REST. */
  live?: () => Pick<LiveFeed, 'view' | 'watchPairs'>;
}

export interface PortfolioService {
  handlers: HandlerTable<typeof portfolioCalls>;
  /** The same read the screen gets, as Decimals, for services that build on it (the conversion review). */
  /** `quote`: a currency code or Kraken asset id (the conversion review values in its target, USDT included). */
  load(quote?: string): Promise<PortfolioSnapshot>;
}

function tradingPairs(pairs: AssetPairsResult): TradingPair[] {
  return Object.entries(pairs).map(([id, pair]) => ({
    id,
    base: pair.base,
    quote: pair.quote,
    ordermin: pair.ordermin,
    costmin: pair.costmin,
    lot_decimals: pair.lot_decimals,
    status: pair.status,
  }));
}

/** Pairs that touch a held asset, plus the bridges and quote currencies that routes travel through. */
function neededPairs(pairs: readonly TradingPair[], heldAssets: ReadonlySet<string>, quoteId: string): string[] {
  const hubs = new Set([...DEFAULT_BRIDGES, quoteId]);
  return pairs.filter((p) => heldAssets.has(p.base) || heldAssets.has(p.quote) || (hubs.has(p.base) && hubs.has(p.quote))).map((p) => p.id);
}

/** OpenOrders names pairs by altname; resolved here to the pair's base and quote asset ids. */
function openOrderFacts(orders: readonly KrakenOrder[], pairs: AssetPairsResult): OpenOrderFacts[] {
  const byAltname = new Map(Object.values(pairs).map((pair) => [pair.altname, pair] as const));
  return orders.flatMap((order) => {
    const pair = byAltname.get(order.descr.pair) ?? pairs[order.descr.pair];
    if (!pair) return [];
    return [
      {
        txid: order.txid,
        side: order.descr.type,
        base: pair.base,
        quote: pair.quote,
        ordertype: order.descr.ordertype,
        price: order.descr.price,
        volume: order.vol,
        volumeExecuted: order.vol_exec,
      },
    ];
  });
}

export function createPortfolioService(deps: PortfolioServiceDeps): PortfolioService {
  async function load(quote?: string): Promise<PortfolioSnapshot> {
    const { client, metadata } = deps.connections.current();
    const settings = deps.settings.current();
    const quoteCode = quote ?? settings.quoteCurrency;
    const feed = deps.live?.() ?? null;
    const live = feed?.view() ?? null;
    const [assets, pairsResult, balances, orders, positions] = await Promise.all([
      metadata.assets(),
      metadata.assetPairs(),
      live?.balances ?? client.balanceEx(),
      live === null ? client.openOrders() : null,
      deps.positionAssets?.() ?? Promise.resolve(new Set<string>()),
    ]);
    const openOrders = live?.openOrders ?? openOrderFacts(orders ?? [], pairsResult);
    // both sides of each order's pair are in use
    const inOrders = new Set(openOrders.flatMap((order) => [order.base, order.quote]));

    const catalog = buildAssetCatalog(assets, Object.values(pairsResult));
    const pairs = tradingPairs(pairsResult);
    const held = new Set(
      Object.entries(balances)
        .filter(([, entry]) => !dec(entry.balance).isZero())
        .map(([name]) => parseBalanceName(catalog, name).baseId),
    );
    const quoteId = resolveAssetId(catalog, quoteCode);
    const wanted = neededPairs(pairs, held, quoteId);
    feed?.watchPairs(wanted);
    const quotes: Record<string, TickerQuote> = {};
    if (live !== null && wanted.every((id) => live.tickers[id] !== undefined)) {
      for (const id of wanted) quotes[id] = live.tickers[id] as TickerQuote;
    } else {
      // the feed subscribes these prices from now on; this once they come from REST
      const tickers = await client.ticker(wanted.length > MAX_LISTED_TICKER_PAIRS ? [] : wanted);
      for (const [id, t] of Object.entries(tickers)) quotes[id] = { bid: t.b[0], ask: t.a[0], last: t.c[0], open: t.o };
    }
    const market = buildMarket(pairs, quotes);
    const model = buildPortfolio({
      balances,
      catalog,
      market,
      openOrderAssets: inOrders,
      positionAssets: positions,
      settings: { threshold: settings.dustThresholdUsd, band: settings.borderlineBand, sweepFee: settings.conversionFeeRate },
      smallBalanceLimitUsd: settings.smallBalanceLimitUsd,
      quote: quoteCode,
    });
    return { model, catalog, market, openOrderAssets: inOrders, openOrders, pairs: pairsResult, fetchedAt: deps.clock.now() };
  }

  return {
    load,
    handlers: {
      'portfolio.get': async ({ quote }) => {
        const snapshot = await load(quote);
        const connection = deps.connections.current();
        const settings = deps.settings.current();
        return {
          ...portfolioToWire(snapshot.model),
          fetchedAt: snapshot.fetchedAt,
          mode: connection.mode,
          accountLabel: connection.label,
          thresholdUsd: settings.dustThresholdUsd,
          smallLimitUsd: settings.smallBalanceLimitUsd,
          feeRate: settings.conversionFeeRate,
        };
      },
    },
  };
}
