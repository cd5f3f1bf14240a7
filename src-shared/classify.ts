// Puts every balance in exactly one class of docs/domain-rules.md (Classes). Inside the band around the threshold, borderline wins over
// sweepable/stranded/sellable; sweptByKraken still says which side of the threshold the value falls on.
import { z } from 'zod';
import type { BalanceVariant } from './assets';
import { AppError } from './errors';
import { D, DecimalString, dec, ZERO, type Dec } from './money';
import type { Market, MarketPair } from './pricing';

export const BalanceClass = z.enum(['sweepable', 'borderline', 'stranded', 'sellable', 'unpriced', 'earn']);
export type BalanceClass = z.infer<typeof BalanceClass>;

/** A negative balance (a debt Kraken reports) is shown apart, classed `unpriced` and kept out of every sum. */
export const BalanceAnomaly = z.enum(['negative']);
export type BalanceAnomaly = z.infer<typeof BalanceAnomaly>;

export const ClassifySettings = z.object({
  /** The dust line in USD: Kraken sweeps balances worth less. */
  threshold: DecimalString,
  /** Half-width of the borderline band, relative to the threshold ("0.10" = ±10 %). */
  band: DecimalString,
  /** Kraken's fee on a sweep, as a fraction ("0.03" = 3 %). */
  sweepFee: DecimalString,
});
export type ClassifySettings = z.infer<typeof ClassifySettings>;

export const DEFAULT_CLASSIFY_SETTINGS: ClassifySettings = { threshold: '1.00', band: '0.10', sweepFee: '0.03' };

export interface ClassifyRules {
  threshold: Dec;
  /** threshold × (1 − band): below it a balance is plainly sweepable. */
  lowerEdge: Dec;
  /** threshold × (1 + band): above it a balance is stranded or sellable. */
  upperEdge: Dec;
  sweepFee: Dec;
}

export interface ClassifyContext {
  market: Market;
  rules: ClassifyRules;
  /** Asset ids with open orders. */
  openOrderAssets: ReadonlySet<string>;
  /** Asset ids OC9 holds an open position in. */
  positionAssets: ReadonlySet<string>;
  /** The currency the operator views in: among pairs that accept the balance, one quoted in it is named first. */
  preferredQuote?: string;
}

export interface BalanceToClassify {
  /** The asset id the balance trades as (the base id for a variant such as `DOT.S`). */
  assetId: string;
  variant: BalanceVariant | null;
  amount: Dec;
  /** Amount held by open spot orders (BalanceEx `hold_trade`). */
  held: Dec;
  /** One unit's value in the threshold's currency (USD), or null when no price route exists. */
  unitValue: Dec | null;
}

/** "Top up, then sell": buy `amount` (the smallest order the pair takes that lifts the balance to `minimum`, both in
 * asset units), then sell the whole balance on `pairId`. */
export interface TopUp {
  pairId: string;
  minimum: Dec;
  amount: Dec;
}

export interface Classification {
  class: BalanceClass;
  /** True when the value is under the threshold, so Kraken's "Convert small balances" would take it. */
  sweptByKraken: boolean;
  /** Open orders, held amounts or an OC9 position touch it: pause or close before converting. */
  inUse: boolean;
  anomaly: BalanceAnomaly | null;
  /** Value in the threshold's currency; null when unpriced or anomalous. */
  thresholdValue: Dec | null;
  /** A pair on which the whole balance meets every minimum; checked for borderline, stranded and sellable. */
  sellPairId: string | null;
  /** The cheapest top-up when no pair accepts the balance as it is. */
  topUp: TopUp | null;
}

/** Statuses in which Kraken accepts a new sell order. */
const SELLABLE_STATUSES = new Set(['online', 'post_only', 'limit_only']);
const ONE = new D(1);

export function classifyRules(settings: Partial<ClassifySettings> = {}): ClassifyRules {
  const merged = { ...DEFAULT_CLASSIFY_SETTINGS, ...settings };
  const threshold = dec(merged.threshold);
  const band = dec(merged.band);
  const sweepFee = dec(merged.sweepFee);
  if (threshold.lte(ZERO)) {
    throw new AppError('invalid_input', 'The small-balance threshold must be above zero. Enter a value such as 1.00.');
  }
  if (band.lt(ZERO) || band.gte(ONE)) {
    throw new AppError('invalid_input', 'The borderline band must be between 0 % and 100 % of the threshold.');
  }
  if (sweepFee.lt(ZERO) || sweepFee.gte(ONE)) {
    throw new AppError('invalid_input', 'The conversion fee must be between 0 % and 100 %, for example 3 %.');
  }
  return {
    threshold,
    lowerEdge: threshold.mul(ONE.minus(band)),
    upperEdge: threshold.mul(ONE.plus(band)),
    sweepFee,
  };
}

export function proceedsAfterFee(value: Dec, sweepFee: Dec): Dec {
  return value.mul(ONE.minus(sweepFee));
}

/** One way to sell an asset on a pair: as its base at the bid, or as its quote (buying the base) at the ask. */
interface SaleSide {
  pair: MarketPair;
  baseSide: boolean;
  price: Dec;
}

function saleSide(pair: MarketPair, assetId: string): SaleSide | null {
  if (!SELLABLE_STATUSES.has(pair.status) || pair.ticker === null) return null;
  const baseSide = pair.base === assetId;
  const price = baseSide ? pair.ticker.bid : pair.ticker.ask;
  return price === null ? null : { pair, baseSide, price };
}

/** Order volume is in base units and must fit lot_decimals, reach ordermin and cost at least costmin. */
function canSell({ pair, baseSide, price }: SaleSide, amount: Dec): boolean {
  const volume = (baseSide ? amount : amount.div(price)).toDecimalPlaces(pair.lotDecimals, D.ROUND_DOWN);
  return volume.gt(ZERO) && volume.gte(pair.ordermin) && volume.mul(price).gte(pair.costmin);
}

/** The smallest order volume (base units, in whole lots) a pair takes at this price. */
function minimumVolume(pair: MarketPair, price: Dec): Dec {
  const lotUnit = new D(10).pow(-pair.lotDecimals);
  let volume = D.max(pair.ordermin, pair.costmin.div(price), lotUnit).toDecimalPlaces(pair.lotDecimals, D.ROUND_UP);
  // the division rounds at 40 digits; one more lot if that left the cost a hair short
  if (volume.mul(price).lt(pair.costmin)) volume = volume.plus(lotUnit);
  return volume;
}

/** The smallest balance (asset units) that canSell accepts on this side. */
function minimumToSell({ pair, baseSide, price }: SaleSide): Dec {
  const volume = minimumVolume(pair, price);
  return baseSide ? volume : volume.mul(price);
}

/** What to buy to reach `minimum`: on the asset's own pair, an order Kraken takes (its own minimums, at the ask,
 * in lots); for a quote currency, simply the shortfall. */
function topUpAmount({ pair, baseSide }: SaleSide, amount: Dec, minimum: Dec): Dec {
  const shortfall = minimum.minus(amount);
  const ask = pair.ticker?.ask ?? null;
  if (!baseSide || ask === null) return shortfall;
  return D.max(shortfall.toDecimalPlaces(pair.lotDecimals, D.ROUND_UP), minimumVolume(pair, ask));
}

function checkSale(ctx: ClassifyContext, assetId: string, amount: Dec): { sellPairId: string | null; topUp: TopUp | null } {
  let sellOn: { pairId: string; rank: number } | null = null;
  let cheapest: { side: SaleSide; minimum: Dec } | null = null;
  for (const pair of ctx.market.pairsByAsset.get(assetId) ?? []) {
    const side = saleSide(pair, assetId);
    if (side === null) continue;
    if (canSell(side, amount)) {
      // selling the asset itself (BTC on BTC/USD) reads better than buying something with it (ETH on ETH/BTC)
      const rank = side.baseSide ? (pair.quote === ctx.preferredQuote ? 2 : 1) : 0;
      if (sellOn === null || rank > sellOn.rank) sellOn = { pairId: pair.id, rank };
    } else if (sellOn === null) {
      const minimum = minimumToSell(side);
      if (cheapest === null || minimum.lt(cheapest.minimum)) cheapest = { side, minimum };
    }
  }
  if (sellOn !== null) return { sellPairId: sellOn.pairId, topUp: null };
  if (cheapest === null) return { sellPairId: null, topUp: null };
  return {
    sellPairId: null,
    topUp: { pairId: cheapest.side.pair.id, minimum: cheapest.minimum, amount: topUpAmount(cheapest.side, amount, cheapest.minimum) },
  };
}

/** The class of one balance; `null` for a zero balance, which has nothing to classify. */
export function classifyBalance(ctx: ClassifyContext, balance: BalanceToClassify): Classification | null {
  const { amount, assetId } = balance;
  if (amount.isZero()) return null;
  const inUse = balance.held.gt(ZERO) || ctx.openOrderAssets.has(assetId) || ctx.positionAssets.has(assetId);
  const plain = { sweptByKraken: false, inUse, anomaly: null, thresholdValue: null, sellPairId: null, topUp: null };
  if (amount.isNegative()) return { ...plain, class: 'unpriced', anomaly: 'negative' };
  const value = balance.unitValue === null ? null : amount.mul(balance.unitValue);
  if (balance.variant !== null) return { ...plain, class: 'earn', thresholdValue: value };
  if (value === null) return { ...plain, class: 'unpriced' };
  const { rules } = ctx;
  const sweptByKraken = value.lt(rules.threshold);
  if (value.lt(rules.lowerEdge)) return { ...plain, class: 'sweepable', sweptByKraken, thresholdValue: value };
  const sale = checkSale(ctx, assetId, amount);
  const cls: BalanceClass = value.lte(rules.upperEdge) ? 'borderline' : sale.sellPairId !== null ? 'sellable' : 'stranded';
  return { ...plain, ...sale, class: cls, sweptByKraken, thresholdValue: value };
}
