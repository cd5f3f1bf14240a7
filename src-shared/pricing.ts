// Values any asset in another through Kraken's books: a direct pair in either direction, else one bridge asset.
// The market is indexed once, so pricing a balance is a few map look-ups, never a scan of every pair.
import { D, DecimalString, dec, ZERO, type Dec } from './money';

/** One tradable pair, as `/0/public/AssetPairs` describes it (plus its id, the key of that answer). */
export interface TradingPair {
  id: string;
  base: string;
  quote: string;
  /** Minimum order volume, in base units. */
  ordermin: string;
  /** Minimum order cost, in quote units. */
  costmin: string;
  lot_decimals: number;
  status: string;
}

/** One `/0/public/Ticker` entry reduced to what valuation needs: bid `b[0]`, ask `a[0]`, last `c[0]`, open `o`. */
export interface TickerQuote {
  bid: string;
  ask: string;
  last: string;
  open: string;
}

/** Positive prices only; a missing, zero or malformed price is `null`, never a guess. */
export interface MarketTicker {
  bid: Dec | null;
  ask: Dec | null;
  last: Dec | null;
  open: Dec | null;
}

export interface MarketPair {
  id: string;
  base: string;
  quote: string;
  ordermin: Dec;
  costmin: Dec;
  lotDecimals: number;
  status: string;
  ticker: MarketTicker | null;
}

/** One hop of a route: selling `from` for `to` on `pairId`. */
export interface PriceLeg {
  pairId: string;
  from: string;
  to: string;
  /** True when `from` is the pair's quote (we would buy the base with it). */
  inverted: boolean;
  /** Units of `to` one unit of `from` fetches now. */
  rate: Dec;
  /** The same rate at the last trade and at today's open, for the daily change; null when the ticker lacks them. */
  lastRate: Dec | null;
  openRate: Dec | null;
}

export interface PriceQuote {
  /** Units of the quote asset for one unit of the asset. */
  price: Dec;
  /** Empty when the asset is the quote itself. */
  legs: readonly PriceLeg[];
}

export interface Market {
  readonly pairs: ReadonlyMap<string, MarketPair>;
  /** Every pair an asset is the base or the quote of. */
  readonly pairsByAsset: ReadonlyMap<string, readonly MarketPair[]>;
  /** The best rate from one asset to another (from → to → leg), over every pair that links the two. */
  readonly bestLeg: ReadonlyMap<string, ReadonlyMap<string, PriceLeg>>;
}

/** XBT, USD, EUR, USDT and ETH by their Kraken ids: the assets nearly every coin (and ETH2.S) is quoted against. */
export const DEFAULT_BRIDGES: readonly string[] = ['XXBT', 'ZUSD', 'ZEUR', 'USDT', 'XETH'];

const ONE = new D(1);
function positive(text: string | undefined): Dec | null {
  const parsed = DecimalString.safeParse(text);
  if (!parsed.success) return null;
  const value = dec(parsed.data);
  return value.gt(ZERO) ? value : null;
}

function inverse(value: Dec | null): Dec | null {
  return value === null ? null : ONE.div(value);
}

function keepBetter(best: Map<string, Map<string, PriceLeg>>, leg: PriceLeg): void {
  let from = best.get(leg.from);
  if (from === undefined) best.set(leg.from, (from = new Map<string, PriceLeg>()));
  const current = from.get(leg.to);
  if (current === undefined || leg.rate.gt(current.rate)) from.set(leg.to, leg);
}

export function buildMarket(pairs: Iterable<TradingPair>, tickers: Readonly<Record<string, TickerQuote>>): Market {
  const byId = new Map<string, MarketPair>();
  const pairsByAsset = new Map<string, MarketPair[]>();
  const bestLeg = new Map<string, Map<string, PriceLeg>>();
  // sorted so that equal rates always resolve to the same pair
  const sorted = [...pairs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const pair of sorted) {
    const raw = tickers[pair.id];
    const ticker: MarketTicker | null =
      raw === undefined ? null : { bid: positive(raw.bid), ask: positive(raw.ask), last: positive(raw.last), open: positive(raw.open) };
    const entry: MarketPair = {
      id: pair.id,
      base: pair.base,
      quote: pair.quote,
      ordermin: dec(pair.ordermin),
      costmin: dec(pair.costmin),
      lotDecimals: pair.lot_decimals,
      status: pair.status,
      ticker,
    };
    byId.set(pair.id, entry);
    for (const asset of new Set([pair.base, pair.quote])) {
      const list = pairsByAsset.get(asset);
      if (list === undefined) pairsByAsset.set(asset, [entry]);
      else list.push(entry);
    }
    if (ticker === null) continue;
    // Holdings are valued at what selling them fetches now: the bid when the asset is the base, 1/ask when it is
    // the quote (we would buy the base with it), so a value is never above what the book pays.
    if (ticker.bid !== null) {
      keepBetter(bestLeg, {
        pairId: pair.id,
        from: pair.base,
        to: pair.quote,
        inverted: false,
        rate: ticker.bid,
        lastRate: ticker.last,
        openRate: ticker.open,
      });
    }
    if (ticker.ask !== null) {
      keepBetter(bestLeg, {
        pairId: pair.id,
        from: pair.quote,
        to: pair.base,
        inverted: true,
        rate: ONE.div(ticker.ask),
        lastRate: inverse(ticker.last),
        openRate: inverse(ticker.open),
      });
    }
  }
  return { pairs: byId, pairsByAsset, bestLeg };
}

/**
 * The price of one `assetId` in `quoteId`: a direct pair beats any two-hop route (one spread instead of two);
 * among bridges the route paying most wins. `null` when no route exists.
 */
export function priceIn(market: Market, assetId: string, quoteId: string, bridges: readonly string[] = DEFAULT_BRIDGES): PriceQuote | null {
  if (assetId === quoteId) return { price: ONE, legs: [] };
  const fromAsset = market.bestLeg.get(assetId);
  const direct = fromAsset?.get(quoteId);
  if (direct !== undefined) return { price: direct.rate, legs: [direct] };
  let best: PriceQuote | null = null;
  for (const bridge of bridges) {
    if (bridge === assetId || bridge === quoteId) continue;
    const first = fromAsset?.get(bridge);
    const second = market.bestLeg.get(bridge)?.get(quoteId);
    if (first === undefined || second === undefined) continue;
    const price = first.rate.mul(second.rate);
    if (best === null || price.gt(best.price)) best = { price, legs: [first, second] };
  }
  return best;
}

/**
 * Percent change from today's open to the last trade along the route (Kraken's `o` opens at midnight UTC);
 * `null` when a leg lacks either price.
 */
export function changePercent(quote: PriceQuote): Dec | null {
  let last = ONE;
  let open = ONE;
  for (const leg of quote.legs) {
    if (leg.lastRate === null || leg.openRate === null) return null;
    last = last.mul(leg.lastRate);
    open = open.mul(leg.openRate);
  }
  return quote.legs.length === 0 ? ZERO : last.div(open).minus(ONE).mul(100);
}
