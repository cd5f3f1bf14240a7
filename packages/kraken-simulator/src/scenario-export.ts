// The inverse of loading: an account's current state written back as a scenario, so a generated history (or a
// session's state) can be saved and replayed.
import type { SimAccount } from './account';
import { ledgerWire } from './wire';
import type { ScenarioInput, ScenarioKey } from './scenario';

export function exportScenario(account: SimAccount, meta: { name: string; keys: ScenarioKey[] }): ScenarioInput {
  const { market } = account;
  return {
    name: meta.name,
    now: account.nowSeconds(),
    keys: meta.keys,
    assets: Object.fromEntries(market.assetList().map(({ id, ...asset }) => [id, { ...asset, status: asset.status as 'enabled' }])),
    pairs: Object.fromEntries(
      market.pairList().map((pair) => [
        pair.id,
        {
          altname: pair.altname,
          wsname: pair.wsname,
          base: pair.base,
          quote: pair.quote,
          pair_decimals: pair.pair_decimals,
          cost_decimals: pair.cost_decimals,
          lot_decimals: pair.lot_decimals,
          ordermin: pair.ordermin.toFixed(),
          costmin: pair.costmin.toFixed(),
          tick_size: pair.tick_size.toFixed(),
          fees: pair.fees,
          fees_maker: pair.fees_maker,
          status: pair.status as 'online',
        },
      ]),
    ),
    tickers: Object.fromEntries(
      market.pairList().map((pair) => {
        const q = market.quote(pair.id);
        const price = (value: { toFixed(dp: number): string }): string => value.toFixed(pair.pair_decimals);
        return [
          pair.id,
          {
            a: [price(q.ask), ...q.askLot],
            b: [price(q.bid), ...q.bidLot],
            c: [price(q.last), q.lastVolume],
            v: q.v,
            p: q.p,
            t: q.t,
            l: [price(q.l[0]), price(q.l[1])],
            h: [price(q.h[0]), price(q.h[1])],
            o: price(q.open),
          },
        ];
      }),
    ),
    balances: account.balances(),
    openOrders: [...account.openOrders.values()].map((order) => ({
      txid: order.txid,
      pair: order.pair,
      type: order.type,
      ordertype: 'limit' as const,
      price: order.price.toFixed(),
      volume: order.volume.toFixed(),
      opentm: String(order.opentm),
      cl_ord_id: order.cl_ord_id,
      userref: order.userref,
      oflags: order.oflags,
    })),
    trades: account.trades.map((trade) => ({
      txid: trade.txid,
      ordertxid: trade.ordertxid,
      postxid: trade.postxid,
      pair: trade.pair,
      time: trade.time,
      type: trade.type,
      ordertype: trade.ordertype,
      price: trade.price.toFixed(),
      cost: trade.cost.toFixed(),
      fee: trade.fee.toFixed(),
      vol: trade.vol.toFixed(),
      maker: trade.maker,
      trade_id: trade.trade_id,
    })),
    // times as text: a scenario file is read back without losing a digit
    ledger: account.ledger.all().map((entry) => ({ id: entry.id, ...ledgerWire(entry, market), time: entry.time })),
  };
}
