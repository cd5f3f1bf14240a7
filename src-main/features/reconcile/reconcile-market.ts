// What a reconcile run needs to know about Kraken's market besides the account: how each balance name maps to a
// position asset, which assets are cash, one USD price per asset (for the value tolerance and the dust test),
// open orders per asset, and how to show each asset.
import { buildAssetCatalog, describeBalance, parseBalanceName, type AssetCatalog } from '../../../src-shared/assets';
import type { AssetDisplay } from '../../../src-shared/contract/reconcile';
import { dec, toWire } from '../../../src-shared/money';
import { buildMarket, priceIn, type Market, type TickerQuote, type TradingPair } from '../../../src-shared/pricing';
import type { PairInfo } from '../../../src-shared/book-from-trades';
import type { ReconcileReport } from '../../../src-shared/reconcile';
import type { KrakenClient } from '../../kraken/client';
import type { MetadataCache } from '../../kraken/metadata-cache';
import type { AssetPairsResult, KrakenOrder } from '../../kraken/schemas';

const USD = 'ZUSD';

export interface MarketView {
  catalog: AssetCatalog;
  pairs: AssetPairsResult;
  market: Market;
}

export async function readMarket(metadata: MetadataCache, client: Pick<KrakenClient, 'ticker'>): Promise<MarketView> {
  const [assets, pairs, tickers] = await Promise.all([metadata.assets(), metadata.assetPairs(), client.ticker([])]);
  const trading: TradingPair[] = Object.entries(pairs).map(([id, p]) => ({
    id,
    base: p.base,
    quote: p.quote,
    ordermin: p.ordermin,
    costmin: p.costmin,
    lot_decimals: p.lot_decimals,
    status: p.status,
  }));
  const quotes: Record<string, TickerQuote> = Object.fromEntries(
    Object.entries(tickers).map(([id, t]) => [id, { bid: t.b[0], ask: t.a[0], last: t.c[0], open: t.o }]),
  );
  return { catalog: buildAssetCatalog(assets, Object.values(pairs)), pairs, market: buildMarket(trading, quotes) };
}

/** XBT.F → XXBT, DOT.S → DOT: the position an earn or staking balance belongs to, from Kraken's own names. */
export function positionAssetOf(catalog: AssetCatalog): (asset: string) => string {
  return (asset) => parseBalanceName(catalog, asset).baseId;
}

/** Fiat and stablecoins: the currencies positions are priced in, never positions themselves. */
export function cashAssetIds(catalog: AssetCatalog): string[] {
  return [...catalog.byId.values()].filter((a) => a.kind === 'cash' || a.kind === 'stablecoin').map((a) => a.id);
}

/** Kraken fee credits (KFEE): spent on fees, so never a position. */
export function feeCreditAssetIds(catalog: AssetCatalog): string[] {
  return [...catalog.byId.values()].filter((a) => a.kind === 'fee-credit').map((a) => a.id);
}

export function usdPrices(market: Market, assets: Iterable<string>): Record<string, string> {
  const prices: Record<string, string> = {};
  for (const asset of new Set(assets)) {
    const quote = priceIn(market, asset, USD);
    if (quote !== null) prices[asset] = toWire(quote.price);
  }
  return prices;
}

/** Rows Kraken's "Convert small balances" would take whole: spot only, worth less than the threshold. */
export function dustAssets(report: ReconcileReport, prices: Readonly<Record<string, string>>, thresholdUsd: string): string[] {
  return report.rows
    .filter((row) => {
      const price = prices[row.asset];
      const quantity = dec(row.exchangeQuantity);
      const spotOnly = row.exchangeParts.every((part) => part.asset === row.asset || dec(part.quantity).isZero());
      return price !== undefined && spotOnly && quantity.gt(0) && quantity.times(dec(price)).lt(dec(thresholdUsd));
    })
    .map((row) => row.asset);
}

/** Open orders per base asset: a fill would change the position while the operator decides. */
export function openOrdersByAsset(orders: readonly KrakenOrder[], pairs: AssetPairsResult): Record<string, number> {
  const baseOf = new Map<string, string>();
  for (const [id, pair] of Object.entries(pairs)) {
    baseOf.set(id, pair.base);
    baseOf.set(pair.altname, pair.base);
  }
  const counts: Record<string, number> = {};
  for (const order of orders) {
    const base = baseOf.get(order.descr.pair);
    if (base !== undefined) counts[base] = (counts[base] ?? 0) + 1;
  }
  return counts;
}

export function pairInfo(pairs: AssetPairsResult): Record<string, PairInfo> {
  return Object.fromEntries(Object.entries(pairs).map(([id, p]) => [id, { base: p.base, quote: p.quote }]));
}

export function assetDisplays(catalog: AssetCatalog, ids: Iterable<string>): Record<string, AssetDisplay> {
  const shown: Record<string, AssetDisplay> = {};
  for (const id of new Set(ids)) {
    const asset = describeBalance(catalog, id);
    shown[id] = { code: asset.code, displayDecimals: asset.displayDecimals };
  }
  return shown;
}
