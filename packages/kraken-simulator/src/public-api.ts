// Kraken's public endpoints: Time, SystemStatus, Assets, AssetPairs, Ticker.
import { toWire } from '../../../src-shared/money';
import type { SimContext } from './context';
import { KrakenError } from './kraken-error';
import type { AssetInfo, Market, PairInfo } from './market';
import { listParam, type Params } from './request-params';

export type PublicMethod = (params: Params, ctx: SimContext) => unknown;

export const publicMethods: Record<string, PublicMethod> = {
  Time: (_params, ctx) => {
    const now = ctx.clock.now();
    return { unixtime: Math.floor(now / 1000), rfc1123: rfc1123(now) };
  },
  SystemStatus: (_params, ctx) => ({
    status: ctx.settings.systemStatus,
    timestamp: new Date(ctx.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  }),
  Assets: (params, ctx) => {
    const { market } = ctx.account;
    const names = listParam(params.asset);
    const assets = names.length === 0 ? market.assetList() : names.map((name) => knownAsset(market, name));
    return Object.fromEntries(assets.map((asset) => [asset.id, assetWire(asset)]));
  },
  AssetPairs: (params, ctx) => {
    const info = params.info ?? 'info';
    const shape = PAIR_INFO[info];
    if (!shape) throw new KrakenError('EGeneral:Invalid arguments:info');
    return Object.fromEntries(selectPairs(ctx.account.market, params.pair).map((pair) => [pair.id, shape(pair)]));
  },
  Ticker: (params, ctx) => {
    const { market } = ctx.account;
    return Object.fromEntries(selectPairs(market, params.pair).map((pair) => [pair.id, tickerWire(market, pair)]));
  },
};

/** "Thu, 06 Jul 23 18:50:48 +0000", the form Kraken's Time endpoint uses. */
function rfc1123(ms: number): string {
  const [weekday, day, month, year, time] = new Date(ms).toUTCString().split(' ');
  return `${weekday} ${day} ${month} ${year?.slice(-2)} ${time} +0000`;
}

function knownAsset(market: Market, name: string): AssetInfo {
  const asset = market.resolveAsset(name);
  if (!asset) throw new KrakenError('EQuery:Unknown asset');
  return asset;
}

function assetWire(asset: AssetInfo): Record<string, unknown> {
  return {
    aclass: asset.aclass,
    altname: asset.altname,
    decimals: asset.decimals,
    display_decimals: asset.display_decimals,
    ...(asset.collateral_value === undefined ? {} : { collateral_value: asset.collateral_value }),
    status: asset.status,
  };
}

function selectPairs(market: Market, list: string | undefined): PairInfo[] {
  const names = listParam(list);
  if (names.length === 0) return market.pairList();
  return names.map((name) => {
    const pair = market.resolvePair(name);
    if (!pair) throw new KrakenError('EQuery:Unknown asset pair');
    return pair;
  });
}

const PAIR_INFO: Record<string, (pair: PairInfo) => Record<string, unknown>> = {
  info: (pair) => ({
    altname: pair.altname,
    wsname: pair.wsname,
    aclass_base: 'currency',
    base: pair.base,
    aclass_quote: 'currency',
    quote: pair.quote,
    lot: 'unit',
    cost_decimals: pair.cost_decimals,
    pair_decimals: pair.pair_decimals,
    lot_decimals: pair.lot_decimals,
    lot_multiplier: 1,
    leverage_buy: [],
    leverage_sell: [],
    fees: pair.fees,
    fees_maker: pair.fees_maker,
    fee_volume_currency: 'ZUSD',
    margin_call: 80,
    margin_stop: 40,
    ordermin: toWire(pair.ordermin),
    costmin: toWire(pair.costmin),
    tick_size: toWire(pair.tick_size),
    status: pair.status,
  }),
  fees: (pair) => ({ fees: pair.fees, fees_maker: pair.fees_maker, fee_volume_currency: 'ZUSD' }),
  leverage: () => ({ leverage_buy: [], leverage_sell: [] }),
  margin: () => ({ margin_call: 80, margin_stop: 40 }),
};

function tickerWire(market: Market, pair: PairInfo): Record<string, unknown> {
  const quote = market.quote(pair.id);
  const price = (value: { toFixed(dp: number): string }): string => value.toFixed(pair.pair_decimals);
  return {
    a: [price(quote.ask), ...quote.askLot],
    b: [price(quote.bid), ...quote.bidLot],
    c: [price(quote.last), quote.lastVolume],
    v: quote.v,
    p: quote.p,
    t: quote.t,
    l: quote.l.map(price),
    h: quote.h.map(price),
    o: price(quote.open),
  };
}
