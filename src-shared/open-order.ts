// An open order as an operator reads it: which side, which pair (LINK/USD), how much is left, and what it reserves.
// A buy reserves the quote currency it pays with, a sell the asset it sells; Kraken's conversion of small balances
// sweeps only what no order reserves, and leaves the orders themselves open.
import { dec, toWire, type Dec } from './money';

export interface OpenOrderFacts {
  txid: string;
  side: 'buy' | 'sell';
  /** Kraken asset ids of the pair's base and quote. */
  base: string;
  quote: string;
  /** e.g. limit, market, stop-loss. */
  ordertype: string;
  /** The limit price in the quote; "0" for a market order. */
  price: string;
  volume: string;
  volumeExecuted: string;
}

export interface OrderWords {
  name: (asset: string) => string;
}

export interface OpenOrderView {
  txid: string;
  /** The asset the order holds back from the sweep, and how much (null when a market buy's cost is not known). */
  reserves: { asset: string; amount: Dec | null };
  /** "Buy 1 LINK on LINK/USD at 12 USD (limit)". */
  text: string;
}

export function describeOpenOrder(order: OpenOrderFacts, words: OrderWords): OpenOrderView {
  const left = dec(order.volume).minus(dec(order.volumeExecuted));
  const price = dec(order.price);
  const base = words.name(order.base);
  const quote = words.name(order.quote);
  const priced = price.greaterThan(0);
  const reserves =
    order.side === 'sell' ? { asset: order.base, amount: left } : { asset: order.quote, amount: priced ? left.times(price) : null };
  const at = priced ? ` at ${toWire(price)} ${quote}` : '';
  const side = order.side === 'buy' ? 'Buy' : 'Sell';
  return { txid: order.txid, reserves, text: `${side} ${toWire(left)} ${base} on ${base}/${quote}${at} (${order.ordertype})` };
}

/** What Kraken's conversion does with an order that touches a swept balance, in one sentence. */
export function sweepEffect(order: OpenOrderFacts, view: OpenOrderView, swept: ReadonlySet<string>, words: OrderWords): string {
  const reservedName = words.name(view.reserves.asset);
  const reserved = view.reserves.amount === null ? `the ${reservedName} it pays with` : `${toWire(view.reserves.amount)} ${reservedName}`;
  if (swept.has(view.reserves.asset)) {
    return `It reserves ${reserved}: Kraken sweeps only the ${reservedName} not reserved, and the order stays open.`;
  }
  const bought = order.side === 'buy' ? order.base : order.quote;
  const boughtName = words.name(bought);
  const sweptHere = swept.has(bought) ? ` Kraken sweeps your free ${boughtName}; when the order fills you hold ${boughtName} again.` : '';
  return `It reserves ${reserved}, not a swept balance, and stays open.${sweptHere}`;
}
