// The account's records in Kraken's JSON shapes: amounts as strings at the asset's (or pair's) decimals, times as
// numbers of seconds.
import { jsonNumber } from './json-number';
import type { LedgerEntry } from './ledger-book';
import type { Market } from './market';
import { descrOrder, type Order, type Trade } from './order-records';

export interface LedgerEntryWire {
  refid: string;
  /** A raw JSON number: the time's every digit. */
  time: unknown;
  type: string;
  subtype: string;
  aclass: string;
  asset: string;
  amount: string;
  fee: string;
  balance: string;
}

export function ledgerWire(entry: LedgerEntry, market: Market): LedgerEntryWire {
  return {
    refid: entry.refid,
    time: jsonNumber(entry.time),
    type: entry.type,
    subtype: entry.subtype,
    aclass: entry.aclass,
    asset: entry.asset,
    amount: market.format(entry.asset, entry.amount),
    fee: market.format(entry.asset, entry.fee),
    balance: market.format(entry.asset, entry.balance),
  };
}

export function orderWire(order: Order, market: Market, withTrades: boolean): Record<string, unknown> {
  const pair = market.pair(order.pair);
  const average = order.volExec.isZero() ? order.volExec : order.cost.div(order.volExec);
  return {
    refid: null,
    userref: order.userref ?? null,
    ...(order.cl_ord_id === undefined ? {} : { cl_ord_id: order.cl_ord_id }),
    status: order.status,
    ...(order.status === 'open' ? {} : { reason: order.reason, closetm: order.closetm }),
    opentm: order.opentm,
    starttm: 0,
    expiretm: 0,
    descr: {
      pair: pair.altname,
      type: order.type,
      ordertype: order.ordertype,
      price: order.price.toFixed(pair.pair_decimals),
      price2: '0',
      leverage: 'none',
      order: descrOrder(order, market),
      close: '',
    },
    vol: order.volume.toFixed(pair.lot_decimals),
    vol_exec: order.volExec.toFixed(pair.lot_decimals),
    cost: order.cost.toFixed(pair.cost_decimals),
    fee: order.fee.toFixed(pair.cost_decimals),
    price: average.toFixed(pair.pair_decimals),
    stopprice: '0.00000',
    limitprice: '0.00000',
    misc: '',
    oflags: order.oflags,
    ...(withTrades && order.trades.length > 0 ? { trades: order.trades } : {}),
  };
}

export function tradeWire(trade: Trade, market: Market, withLedgers: boolean): Record<string, unknown> {
  const pair = market.pair(trade.pair);
  return {
    ordertxid: trade.ordertxid,
    postxid: trade.postxid,
    pair: trade.pair,
    time: jsonNumber(trade.time),
    type: trade.type,
    ordertype: trade.ordertype,
    price: trade.price.toFixed(pair.pair_decimals),
    cost: trade.cost.toFixed(pair.cost_decimals),
    fee: trade.fee.toFixed(pair.cost_decimals),
    vol: trade.vol.toFixed(pair.lot_decimals),
    margin: '0.00000',
    misc: '',
    trade_id: trade.trade_id,
    maker: trade.maker,
    ...(withLedgers ? { ledgers: trade.ledgers } : {}),
  };
}
