// Clearing what Kraken's sweep cannot take, through the API: a small balance that a pair accepts is sold with one
// limit order at the bid; a stranded one (worth more than the sweep limit, less than any pair's minimum) is freed by
// buying just enough to reach the pair's minimums at the ask, then selling the whole balance. Every figure follows
// Kraken's own rules: volumes in lot_decimals, prices on the tick grid, the taker fee of the account's tier.
import { D, ZERO, type Dec } from './money';

/** A pair as an order on it needs to know it, with today's touch and the account's taker fee. */
export interface SalePair {
  id: string;
  /** As traders name it: XTZ/USD. */
  name: string;
  base: string;
  quote: string;
  ordermin: Dec;
  costmin: Dec;
  lotDecimals: number;
  tickSize: Dec;
  /** Kraken's decimals for the quote currency: what a fee and a proceeds amount are booked to. */
  quoteDecimals: number;
  bid: Dec;
  ask: Dec;
  /** The account's taker fee on this pair, as a fraction (0.004 = 0.40 %). */
  takerFeeRate: Dec;
}

export interface OrderLeg {
  side: 'buy' | 'sell';
  /** Base units, within the pair's lot decimals. */
  volume: Dec;
  /** The limit price, on the pair's tick grid. */
  price: Dec;
  /** volume × price, in the quote. */
  gross: Dec;
  /** The taker fee on it, in the quote. */
  fee: Dec;
}

export interface SaleLine {
  asset: string;
  pair: SalePair;
  available: Dec;
  sell: OrderLeg;
  /** What lands in the quote currency: gross − fee. */
  proceeds: Dec;
  /** What stays behind after rounding the volume down to the pair's lots. */
  leftover: Dec;
  /** Why the pair refuses it; null when the order is within every minimum. */
  problem: string | null;
}

function lot(decimals: number): Dec {
  return new D(10).pow(-decimals);
}

/** A sell's limit at the bid, kept on the tick grid by rounding down (never above what the book pays). */
export function sellPrice(pair: SalePair): Dec {
  return onTick(pair.bid, pair.tickSize, D.ROUND_DOWN);
}

/** A buy's limit at the ask, kept on the tick grid by rounding up (never below what the book asks). */
export function buyPrice(pair: SalePair): Dec {
  return onTick(pair.ask, pair.tickSize, D.ROUND_UP);
}

function onTick(price: Dec, tick: Dec, rounding: typeof D.ROUND_DOWN | typeof D.ROUND_UP): Dec {
  return tick.isZero() ? price : price.dividedBy(tick).toDecimalPlaces(0, rounding).times(tick);
}

function leg(side: 'buy' | 'sell', volume: Dec, price: Dec, pair: SalePair): OrderLeg {
  const gross = volume.times(price).toDecimalPlaces(pair.quoteDecimals, D.ROUND_DOWN);
  // rounded up: the estimate never promises more than Kraken pays
  const fee = gross.times(pair.takerFeeRate).toDecimalPlaces(pair.quoteDecimals, D.ROUND_UP);
  return { side, volume, price, gross, fee };
}

/** Why an order of this volume at this price is refused by the pair, in Kraken's terms; null when it is not. */
export function orderProblem(volume: Dec, price: Dec, pair: SalePair, asset: string): string | null {
  if (!volume.greaterThan(ZERO)) return `Nothing to trade once the balance is rounded to ${pair.name}'s ${pair.lotDecimals} decimals.`;
  if (volume.lessThan(pair.ordermin)) return `Below ${pair.name}'s order minimum of ${pair.ordermin.toFixed()} ${asset}.`;
  if (volume.times(price).lessThan(pair.costmin)) return `Below ${pair.name}'s cost minimum of ${pair.costmin.toFixed()}.`;
  return null;
}

export function planSale(asset: string, available: Dec, pair: SalePair, name: (asset: string) => string = (a) => a): SaleLine {
  const volume = available.toDecimalPlaces(pair.lotDecimals, D.ROUND_DOWN);
  const sell = leg('sell', volume, sellPrice(pair), pair);
  return {
    asset,
    pair,
    available,
    sell,
    proceeds: sell.gross.minus(sell.fee),
    leftover: available.minus(volume),
    problem: orderProblem(volume, sell.price, pair, name(asset)),
  };
}

export interface TopUpPlan {
  asset: string;
  pair: SalePair;
  available: Dec;
  /** First: just enough of the asset, at the ask, that the whole balance reaches the pair's minimums. */
  buy: OrderLeg;
  /** Then: the whole balance, at the bid. */
  sell: OrderLeg;
  /** What the sale pays after its fee. */
  proceeds: Dec;
  /** What the top-up costs with its fee. */
  cost: Dec;
  /** proceeds − cost: what freeing the balance leaves in the quote currency (negative when it costs more than it pays). */
  net: Dec;
  leftover: Dec;
}

/** The smallest buy, in lots, after which both the buy and the sale of the whole balance are within the minimums. */
export function topUpVolume(available: Dec, pair: SalePair): Dec {
  const unit = lot(pair.lotDecimals);
  const ask = buyPrice(pair);
  const bid = sellPrice(pair);
  const needs = [
    pair.ordermin,
    pair.costmin.dividedBy(ask),
    pair.ordermin.minus(available),
    pair.costmin.dividedBy(bid).minus(available),
    unit,
  ];
  let volume = needs.reduce((a, b) => D.max(a, b)).toDecimalPlaces(pair.lotDecimals, D.ROUND_UP);
  // the divisions round at 40 digits: one more lot if that left either order a hair short
  const fits = (buy: Dec) => {
    const total = available.plus(buy).toDecimalPlaces(pair.lotDecimals, D.ROUND_DOWN);
    return orderProblem(buy, ask, pair, '') === null && orderProblem(total, bid, pair, '') === null;
  };
  while (!fits(volume)) volume = volume.plus(unit);
  return volume;
}

export function planTopUp(asset: string, available: Dec, pair: SalePair): TopUpPlan {
  const buyVolume = topUpVolume(available, pair);
  const buy = leg('buy', buyVolume, buyPrice(pair), pair);
  const total = available.plus(buyVolume);
  const sellVolume = total.toDecimalPlaces(pair.lotDecimals, D.ROUND_DOWN);
  const sell = leg('sell', sellVolume, sellPrice(pair), pair);
  const proceeds = sell.gross.minus(sell.fee);
  const cost = buy.gross.plus(buy.fee);
  return { asset, pair, available, buy, sell, proceeds, cost, net: proceeds.minus(cost), leftover: total.minus(sellVolume) };
}

/** What Kraken's sweep would do instead: nothing until the balance is worth less than the limit, then about that. */
export interface SweepAlternative {
  /** The balance's value now, in USD. */
  valueUsd: Dec;
  /** How far its price must fall before Kraken sweeps it (0.61 = 61 %); 0 when it is already under the limit. */
  fallNeeded: Dec;
  /** The most a sweep would pay once it qualifies, in USD: just under the limit, less the sweep's fee. */
  bestCaseUsd: Dec;
}

export function sweepAlternative(valueUsd: Dec, sweepLimitUsd: Dec, sweepFeeRate: Dec): SweepAlternative {
  const fallNeeded = valueUsd.lessThan(sweepLimitUsd) ? ZERO : new D(1).minus(sweepLimitUsd.dividedBy(valueUsd));
  return { valueUsd, fallNeeded, bestCaseUsd: D.min(valueUsd, sweepLimitUsd).times(new D(1).minus(sweepFeeRate)) };
}
