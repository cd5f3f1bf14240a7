// Placing, filling and cancelling orders: market orders fill at the ticker (buy at the ask, sell at the bid) as
// taker, limit orders that cross do the same, the rest wait as open orders holding their funds.
import { D, ZERO, type Dec } from '../../../src-shared/money';
import type { SimAccount } from './account';
import { KrakenError } from './kraken-error';
import type { LedgerLeg } from './ledger-book';
import type { PairInfo } from './market';
import { descrOrder, remainingVolume, type Order, type Side, type Trade } from './order-records';
import { baseVolumeForQuote, onTick, type OrderRequest } from './order-request';

export interface PlaceResult {
  descr: { order: string };
  txid?: string[];
}

interface FillAmounts {
  cost: Dec;
  feeQuote: Dec;
  feeBase: Dec;
  /** The fee expressed in quote currency, as TradesHistory reports it. */
  tradeFee: Dec;
}

export function placeOrder(account: SimAccount, request: OrderRequest, enforceMinimums = true): PlaceResult {
  const { pair } = request;
  if (enforceMinimums) checkMarketOpen(account, request);
  const quote = account.market.quote(pair.id);
  const marketPrice = request.side === 'buy' ? quote.ask : quote.bid;
  const volume = request.volumeInQuote ? baseVolumeForQuote(request.volume, quote.ask, pair) : request.volume;
  const limit = request.price;
  if (enforceMinimums) {
    if (volume.lt(pair.ordermin)) throw new KrakenError('EOrder:Order minimum not met');
    if (limit && !onTick(limit, pair)) throw new KrakenError('EOrder:Tick size check failed');
    if (volume.times(limit ?? marketPrice).lt(pair.costmin)) throw new KrakenError('EOrder:Cost minimum not met');
  }
  // Kraken's error for a reused cl_ord_id is undocumented; an argument error is the closest documented family.
  if (request.cl_ord_id && [...account.openOrders.values()].some((o) => o.cl_ord_id === request.cl_ord_id)) {
    throw new KrakenError('EGeneral:Invalid arguments:cl_ord_id');
  }
  const crosses = !limit || (request.side === 'buy' ? limit.gte(quote.ask) : limit.lte(quote.bid));
  const order: Order = {
    txid: '',
    pair: pair.id,
    type: request.side,
    ordertype: request.ordertype,
    price: limit ?? ZERO,
    volume,
    volExec: ZERO,
    cost: ZERO,
    fee: ZERO,
    opentm: account.clockSeconds(),
    status: 'open',
    reason: null,
    cl_ord_id: request.cl_ord_id,
    userref: request.userref,
    oflags: request.oflags.filter((flag) => flag !== 'viqc').join(',') || (request.feeInBase ? 'fcib' : 'fciq'),
    feeInBase: request.feeInBase,
    trades: [],
  };
  const needs = crosses && !request.postOnly ? takerNeeds(account, order, marketPrice) : holdNeeds(account, order);
  if (needs.amount.gt(account.available(needs.asset))) throw new KrakenError('EOrder:Insufficient funds');
  const descr = { order: descrOrder(order, account.market) };
  if (request.validate) return { descr };
  order.txid = account.ids.orderId();
  const timeInForce = request.timeInForce ?? 'GTC';
  const immediate = timeInForce !== 'GTC';
  // what the book holds at the touch limits a limit order; an order for more fills in part (IOC, GTC) or not at all
  // (FOK). A market order walks the book and always fills whole.
  const depth = limit === undefined ? volume : (account.liquidityAtTouch(pair.id) ?? volume);
  if (!crosses) {
    if (immediate) closeOrder(account, order, 'canceled', IMMEDIATE_REASON[timeInForce]);
    else account.openOrders.set(order.txid, order);
  } else if (request.postOnly) {
    closeOrder(account, order, 'canceled', 'Post only order');
  } else if (depth.gte(volume)) {
    fill(account, order, marketPrice, false);
  } else if (timeInForce === 'FOK') {
    closeOrder(account, order, 'canceled', IMMEDIATE_REASON.FOK);
  } else {
    // the part the touch holds fills at once; IOC cancels the rest, GTC leaves it resting at its limit
    if (depth.gt(ZERO)) fill(account, order, marketPrice, false, depth);
    if (immediate) closeOrder(account, order, 'canceled', IMMEDIATE_REASON.IOC);
    else account.openOrders.set(order.txid, order);
  }
  return { descr, txid: [order.txid] };
}

/** Kraken's reason on an immediate order's unfilled part (its exact words are undocumented). */
const IMMEDIATE_REASON: Record<'IOC' | 'FOK', string> = {
  IOC: 'Immediate or cancel: not filled at once',
  FOK: 'Fill or kill: could not fill whole at once',
};

/** A trade made on Kraken's website: a market order outside the API, so no API minimums apply. */
export function manualTrade(account: SimAccount, pair: PairInfo, side: Side, volume: Dec): Trade {
  if (volume.decimalPlaces() > pair.lot_decimals || !volume.isPositive() || volume.isZero()) {
    throw new KrakenError('EGeneral:Invalid arguments:volume');
  }
  const request: OrderRequest = {
    pair,
    side,
    ordertype: 'market',
    volume,
    volumeInQuote: false,
    postOnly: false,
    feeInBase: false,
    oflags: [],
    validate: false,
  };
  const txid = placeOrder(account, request, false).txid?.[0];
  const trade = account.trades.findLast((t) => t.ordertxid === txid);
  if (!trade) throw new Error('a market order left no trade');
  return trade;
}

/** Cancels by order id, by userref (all its orders) or by cl_ord_id; refuses when nothing matches. */
export function cancelOrders(account: SimAccount, selector: { txid?: string; cl_ord_id?: string }): Order[] {
  const open = [...account.openOrders.values()];
  const { txid, cl_ord_id: clOrdId } = selector;
  const matches =
    clOrdId !== undefined
      ? open.filter((o) => o.cl_ord_id === clOrdId)
      : txid !== undefined && /^-?\d+$/.test(txid)
        ? open.filter((o) => o.userref === Number(txid))
        : open.filter((o) => o.txid === txid);
  if (matches.length === 0) throw new KrakenError('EOrder:Unknown order');
  for (const order of matches) closeOrder(account, order, 'canceled', 'User requested');
  return matches;
}

/** After a price move, resting orders that the new price reaches fill at their limit as maker. */
export function fillCrossedOrders(account: SimAccount, pairId: string): Trade[] {
  const quote = account.market.quote(pairId);
  const crossed = [...account.openOrders.values()].filter(
    (o) => o.pair === pairId && (o.type === 'buy' ? o.price.gte(quote.ask) : o.price.lte(quote.bid)),
  );
  return crossed.map((order) => fill(account, order, order.price, true));
}

export function holdsOf(account: SimAccount, asset: string): Dec {
  let held = ZERO;
  for (const order of account.openOrders.values()) {
    const needs = holdNeeds(account, order);
    if (needs.asset === asset) held = held.plus(needs.amount);
  }
  return held;
}

function checkMarketOpen(account: SimAccount, request: OrderRequest): void {
  const status = account.settings.systemStatus === 'online' ? request.pair.status : account.settings.systemStatus;
  if (status === 'maintenance') throw new KrakenError('EService:Unavailable');
  if (status === 'cancel_only') throw new KrakenError('EService:Market in cancel_only mode');
  if (status === 'post_only' && !request.postOnly) throw new KrakenError('EService:Market in post_only mode');
}

function feePercent(account: SimAccount, pair: PairInfo, maker: boolean): Dec {
  const { settings, market } = account;
  return maker
    ? market.makerFeePercent(pair, settings.defaultMakerFeePercent)
    : market.takerFeePercent(pair, settings.defaultTakerFeePercent);
}

function fillAmounts(account: SimAccount, order: Order, volume: Dec, price: Dec, maker: boolean): FillAmounts {
  const { market } = account;
  const pair = market.pair(order.pair);
  const rate = feePercent(account, pair, maker).div(100);
  const cost = market.round(pair.quote, volume.times(price));
  if (order.feeInBase) {
    const feeBase = market.round(pair.base, volume.times(rate), D.ROUND_HALF_UP);
    return { cost, feeQuote: ZERO, feeBase, tradeFee: market.round(pair.quote, feeBase.times(price)) };
  }
  const feeQuote = market.round(pair.quote, cost.times(rate), D.ROUND_HALF_UP);
  return { cost, feeQuote, feeBase: ZERO, tradeFee: feeQuote };
}

/** What an immediate fill takes from the account. */
function takerNeeds(account: SimAccount, order: Order, price: Dec): { asset: string; amount: Dec } {
  const pair = account.market.pair(order.pair);
  const amounts = fillAmounts(account, order, remainingVolume(order), price, false);
  return order.type === 'buy'
    ? { asset: pair.quote, amount: amounts.cost.plus(amounts.feeQuote) }
    : { asset: pair.base, amount: remainingVolume(order).plus(amounts.feeBase) };
}

/** What a resting order reserves: its remaining cost plus the worst (taker) fee. */
function holdNeeds(account: SimAccount, order: Order): { asset: string; amount: Dec } {
  const pair = account.market.pair(order.pair);
  const amounts = fillAmounts(account, order, remainingVolume(order), order.price, false);
  const needs =
    order.type === 'buy'
      ? { asset: pair.quote, amount: amounts.cost.plus(amounts.feeQuote) }
      : { asset: pair.base, amount: remainingVolume(order).plus(amounts.feeBase) };
  return { asset: needs.asset, amount: account.market.round(needs.asset, needs.amount, D.ROUND_UP) };
}

function fill(account: SimAccount, order: Order, price: Dec, maker: boolean, upTo?: Dec): Trade {
  const pair = account.market.pair(order.pair);
  const volume = upTo === undefined ? remainingVolume(order) : D.min(upTo, remainingVolume(order));
  const amounts = fillAmounts(account, order, volume, price, maker);
  const quoteLeg: LedgerLeg = {
    asset: pair.quote,
    amount: order.type === 'buy' ? amounts.cost.neg() : amounts.cost,
    fee: amounts.feeQuote,
    type: 'trade',
  };
  const baseLeg: LedgerLeg = {
    asset: pair.base,
    amount: order.type === 'buy' ? volume : volume.neg(),
    fee: amounts.feeBase,
    type: 'trade',
  };
  const txid = account.ids.tradeId();
  const legs = order.type === 'buy' ? [quoteLeg, baseLeg] : [baseLeg, quoteLeg];
  let entries;
  try {
    entries = account.ledger.post(txid, account.nowSeconds(), legs);
  } catch {
    throw new KrakenError('EOrder:Insufficient funds');
  }
  const trade: Trade = {
    txid,
    ordertxid: order.txid,
    postxid: account.ids.tradeId(),
    pair: pair.id,
    time: entries[0]?.time ?? account.nowSeconds(),
    type: order.type,
    ordertype: order.ordertype,
    price,
    cost: amounts.cost,
    fee: amounts.tradeFee,
    vol: volume,
    maker,
    trade_id: account.nextTradeNumber(),
    ledgers: entries.map((e) => e.id),
  };
  account.trades.push(trade);
  order.volExec = order.volExec.plus(volume);
  order.cost = order.cost.plus(amounts.cost);
  order.fee = order.fee.plus(amounts.tradeFee);
  order.trades.push(txid);
  if (remainingVolume(order).isZero()) closeOrder(account, order, 'closed', null, Number(trade.time));
  return trade;
}

function closeOrder(
  account: SimAccount,
  order: Order,
  status: 'closed' | 'canceled',
  reason: string | null,
  time = account.clockSeconds(),
): void {
  account.openOrders.delete(order.txid);
  order.status = status;
  order.reason = reason;
  order.closetm = time;
  account.closedOrders.push(order);
}
