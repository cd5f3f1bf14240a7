// The exchange's reference data: assets (ids, altnames, decimals), pairs with their minimums and fee ladders, and
// the current ticker of each pair. Lookups accept ids, altnames and (for pairs) wsnames, as Kraken does.
import type { Decimal } from 'decimal.js';
import { D, dec, type Dec } from '../../../src-shared/money';
import type { Scenario, ScenarioTicker } from './scenario';

export interface AssetInfo {
  id: string;
  altname: string;
  decimals: number;
  display_decimals: number;
  aclass: string;
  status: string;
  collateral_value?: number;
}

export interface PairInfo {
  id: string;
  altname: string;
  wsname: string;
  base: string;
  quote: string;
  pair_decimals: number;
  cost_decimals: number;
  lot_decimals: number;
  ordermin: Dec;
  costmin: Dec;
  tick_size: Dec;
  fees: [number, number][];
  fees_maker: [number, number][];
  status: string;
}

export interface Quote {
  ask: Dec;
  bid: Dec;
  last: Dec;
  open: Dec;
  /** The remaining ticker fields (volumes, vwap, trade counts, low, high) as wire strings. */
  v: [string, string];
  p: [string, string];
  t: [number, number];
  l: [Dec, Dec];
  h: [Dec, Dec];
  askLot: [string, string];
  bidLot: [string, string];
  lastVolume: string;
}

export class Market {
  private readonly assets = new Map<string, AssetInfo>();
  private readonly pairs = new Map<string, PairInfo>();
  private readonly quotes = new Map<string, Quote>();

  static fromScenario(scenario: Scenario): Market {
    const market = new Market();
    for (const [id, asset] of Object.entries(scenario.assets)) market.assets.set(id, { id, ...asset });
    for (const [id, pair] of Object.entries(scenario.pairs)) {
      for (const side of [pair.base, pair.quote]) {
        if (!market.assets.has(side)) throw new Error(`pair ${id} names unknown asset ${side}`);
      }
      market.pairs.set(id, {
        ...pair,
        id,
        wsname: pair.wsname ?? `${market.altnameOf(pair.base)}/${market.altnameOf(pair.quote)}`,
        cost_decimals: pair.cost_decimals ?? pair.pair_decimals + 2,
        ordermin: dec(pair.ordermin),
        costmin: dec(pair.costmin),
        tick_size: dec(pair.tick_size),
      });
    }
    for (const [id, ticker] of Object.entries(scenario.tickers)) market.quotes.set(id, quoteFromTicker(ticker));
    return market;
  }

  assetList(): AssetInfo[] {
    return [...this.assets.values()];
  }

  /** By id, then altname, then as a suffixed variant (`DOT.F`, `XBT.M`) of a known asset. */
  resolveAsset(name: string): AssetInfo | undefined {
    const byId = this.assets.get(name);
    if (byId) return byId;
    const byAltname = [...this.assets.values()].find((asset) => asset.altname === name);
    if (byAltname) return byAltname;
    const dot = name.indexOf('.');
    if (dot <= 0) return undefined;
    const base = this.resolveAsset(name.slice(0, dot));
    if (!base || base.id.includes('.')) return undefined;
    return { ...base, id: name, altname: name, collateral_value: undefined };
  }

  /** Registers a variant such as `DOT.F` so Assets lists it once a balance lives there. */
  ensureAsset(id: string): AssetInfo {
    const asset = this.resolveAsset(id);
    if (!asset || asset.id !== id) throw new Error(`unknown asset ${id}`);
    if (!this.assets.has(id)) this.assets.set(id, asset);
    return asset;
  }

  asset(id: string): AssetInfo {
    const asset = this.resolveAsset(id);
    if (!asset) throw new Error(`unknown asset ${id}`);
    return asset;
  }

  /** The spot asset behind a variant: `DOT.F` → `DOT`, `XBT.F` → `XXBT`. */
  spotAssetOf(id: string): AssetInfo {
    const dot = id.indexOf('.');
    return this.asset(dot > 0 ? id.slice(0, dot) : id);
  }

  /** The earn variant id of a spot asset, named after its altname as Kraken does (`XXBT` → `XBT.F`). */
  variantId(spotId: string, suffix: string): string {
    return `${this.asset(spotId).altname}.${suffix}`;
  }

  altnameOf(id: string): string {
    return this.asset(id).altname;
  }

  /** Rounds an amount to the asset's ledger precision. */
  round(assetId: string, value: Dec, rounding: Decimal.Rounding = D.ROUND_HALF_EVEN): Dec {
    return value.toDecimalPlaces(this.asset(assetId).decimals, rounding);
  }

  format(assetId: string, value: Dec): string {
    return value.toFixed(this.asset(assetId).decimals);
  }

  pairList(): PairInfo[] {
    return [...this.pairs.values()];
  }

  resolvePair(name: string): PairInfo | undefined {
    return this.pairs.get(name) ?? [...this.pairs.values()].find((p) => p.altname === name || p.wsname === name);
  }

  pair(id: string): PairInfo {
    const pair = this.pairs.get(id);
    if (!pair) throw new Error(`unknown pair ${id}`);
    return pair;
  }

  /** The pair trading `base` against `quote`, if Kraken lists one. */
  findPair(base: string, quote: string): PairInfo | undefined {
    return [...this.pairs.values()].find((p) => p.base === base && p.quote === quote);
  }

  quote(pairId: string): Quote {
    const quote = this.quotes.get(pairId);
    if (!quote) throw new Error(`no ticker for ${pairId}`);
    return quote;
  }

  /** Moves a pair's price; the day's low and high widen to include it. */
  setPrice(pairId: string, price: { bid: Dec; ask: Dec; last?: Dec }): void {
    const quote = this.quote(pairId);
    const last = price.last ?? price.bid.plus(price.ask).div(2).toDecimalPlaces(this.pair(pairId).pair_decimals);
    const low = D.min(quote.l[0], price.bid, last);
    const high = D.max(quote.h[0], price.ask, last);
    this.quotes.set(pairId, {
      ...quote,
      ask: price.ask,
      bid: price.bid,
      last,
      l: [low, D.min(quote.l[1], low)],
      h: [high, D.max(quote.h[1], high)],
    });
  }

  /** Replaces ticker fields wholesale (scenario generation sets the day's statistics this way). */
  updateQuote(pairId: string, patch: Partial<Quote>): void {
    this.quotes.set(pairId, { ...this.quote(pairId), ...patch });
  }

  takerFeePercent(pair: PairInfo, fallback: string): Dec {
    return firstTier(pair.fees) ?? dec(fallback);
  }

  makerFeePercent(pair: PairInfo, fallback: string): Dec {
    return firstTier(pair.fees_maker) ?? dec(fallback);
  }
}

/** The account's 30-day volume is not modelled, so every account pays the ladder's first tier. */
function firstTier(ladder: [number, number][]): Dec | undefined {
  const tier = ladder[0];
  return tier ? dec(String(tier[1])) : undefined;
}

function quoteFromTicker(ticker: ScenarioTicker): Quote {
  const last = dec(ticker.c[0]);
  const open = dec(ticker.o);
  const low = D.min(last, open);
  const high = D.max(last, open);
  return {
    ask: dec(ticker.a[0]),
    bid: dec(ticker.b[0]),
    last,
    open,
    v: ticker.v ?? ['0', '0'],
    p: ticker.p ?? [ticker.c[0], ticker.c[0]],
    t: ticker.t ?? [0, 0],
    l: ticker.l ? [dec(ticker.l[0]), dec(ticker.l[1])] : [low, low],
    h: ticker.h ? [dec(ticker.h[0]), dec(ticker.h[1])] : [high, high],
    askLot: [ticker.a[1], ticker.a[2]],
    bidLot: [ticker.b[1], ticker.b[2]],
    lastVolume: ticker.c[1],
  };
}
