// Orders and trades as the account keeps them, how a scenario's trades and open orders become them, and the
// human-readable `descr.order` string Kraken returns.
import { compareKrakenTimes } from '../../../src-shared/kraken-time';
import { dec, sum, type Dec } from '../../../src-shared/money';
import type { LedgerEntry } from './ledger-book';
import type { Market } from './market';
import type { Scenario } from './scenario';

export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit';

export interface Order {
  txid: string;
  pair: string;
  type: Side;
  ordertype: OrderType;
  /** The limit price; zero for market orders. */
  price: Dec;
  volume: Dec;
  volExec: Dec;
  cost: Dec;
  fee: Dec;
  opentm: number;
  closetm?: number;
  status: 'open' | 'closed' | 'canceled';
  reason: string | null;
  cl_ord_id?: string;
  userref?: number;
  oflags: string;
  feeInBase: boolean;
  trades: string[];
}

export interface Trade {
  txid: string;
  ordertxid: string;
  postxid: string;
  pair: string;
  /** Seconds as Kraken writes them. */
  time: string;
  type: Side;
  ordertype: OrderType;
  price: Dec;
  cost: Dec;
  /** In quote currency, even when it was charged in the base asset. */
  fee: Dec;
  vol: Dec;
  maker: boolean;
  trade_id: number;
  ledgers: string[];
}

export function descrOrder(order: Order, market: Market): string {
  const pair = market.pair(order.pair);
  const volume = order.volume.toFixed(pair.lot_decimals);
  const how = order.ordertype === 'market' ? 'market' : `limit ${order.price.toFixed(pair.pair_decimals)}`;
  return `${order.type} ${volume} ${pair.altname} @ ${how}`;
}

export function remainingVolume(order: Order): Dec {
  return order.volume.minus(order.volExec);
}

/** Scenario trades become trades (linked to their ledger legs by refid) and filled orders, one per `ordertxid`. */
export function ordersFromScenario(
  scenario: Scenario,
  at: (time: string) => string,
  ledger: readonly LedgerEntry[],
): { open: Order[]; closed: Order[]; trades: Trade[] } {
  const ledgerIdsByRefid = new Map<string, string[]>();
  for (const entry of ledger) ledgerIdsByRefid.set(entry.refid, [...(ledgerIdsByRefid.get(entry.refid) ?? []), entry.id]);
  const trades: Trade[] = scenario.trades
    .map((t) => ({
      ...t,
      time: at(t.time),
      price: dec(t.price),
      cost: dec(t.cost),
      fee: dec(t.fee),
      vol: dec(t.vol),
      ledgers: ledgerIdsByRefid.get(t.txid) ?? [],
    }))
    .sort((x, y) => compareKrakenTimes(x.time, y.time));
  const byOrder = new Map<string, Trade[]>();
  for (const trade of trades) byOrder.set(trade.ordertxid, [...(byOrder.get(trade.ordertxid) ?? []), trade]);
  const closed = [...byOrder.entries()].map(([txid, fills]): Order => {
    const first = fills[0] as Trade;
    const last = fills.at(-1) as Trade;
    const volume = sum(fills.map((f) => f.vol));
    return {
      txid,
      pair: first.pair,
      type: first.type,
      ordertype: first.ordertype,
      price: first.ordertype === 'limit' ? last.price : dec('0'),
      volume,
      volExec: volume,
      cost: sum(fills.map((f) => f.cost)),
      fee: sum(fills.map((f) => f.fee)),
      opentm: Number(first.time),
      closetm: Number(last.time),
      status: 'closed',
      reason: null,
      oflags: 'fciq',
      feeInBase: false,
      trades: fills.map((f) => f.txid),
    };
  });
  closed.sort((x, y) => (x.closetm ?? 0) - (y.closetm ?? 0));
  const open = scenario.openOrders.map((o): Order => ({
    txid: o.txid,
    pair: o.pair,
    type: o.type,
    ordertype: o.ordertype,
    price: dec(o.price),
    volume: dec(o.volume),
    volExec: dec('0'),
    cost: dec('0'),
    fee: dec('0'),
    opentm: Number(at(o.opentm)),
    status: 'open',
    reason: null,
    cl_ord_id: o.cl_ord_id,
    userref: o.userref,
    oflags: o.oflags,
    feeInBase: o.oflags.split(',').includes('fcib'),
    trades: [],
  }));
  return { open, closed, trades };
}
