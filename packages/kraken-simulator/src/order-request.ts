// AddOrder's parameters checked the way Kraken checks them, before anything touches the book.
import { D, dec, type Dec } from '../../../src-shared/money';
import { KrakenError } from './kraken-error';
import type { Market, PairInfo } from './market';
import type { OrderType, Side } from './order-records';
import { isTrue, listParam, type Params } from './request-params';
import type { SimulatorSettings } from './simulator-settings';

export interface OrderRequest {
  pair: PairInfo;
  side: Side;
  ordertype: OrderType;
  /** Base units, or quote units when `viqc` is set (buy market only). */
  volume: Dec;
  volumeInQuote: boolean;
  price?: Dec;
  postOnly: boolean;
  feeInBase: boolean;
  oflags: string[];
  cl_ord_id?: string;
  userref?: number;
  /** GTC rests; IOC fills what it can at once and cancels the rest; FOK fills whole or not at all. */
  timeInForce?: TimeInForce;
  validate: boolean;
}

export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
const TIME_IN_FORCE = new Set<string>(['GTC', 'IOC', 'FOK']);

const OFLAGS = new Set(['post', 'fcib', 'fciq', 'nompp', 'viqc']);
const LONG_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHORT_UUID = /^[0-9a-f]{32}$/i;
const FREE_TEXT = /^[\x20-\x7e]{1,18}$/;
const DECIMAL = /^\d+(\.\d+)?$/;

export function parseOrderRequest(params: Params, market: Market, settings: SimulatorSettings): OrderRequest {
  const invalid = (field: string): KrakenError => new KrakenError(`EGeneral:Invalid arguments:${field}`);
  if (!params.pair) throw new KrakenError('EGeneral:Invalid arguments');
  const pair = market.resolvePair(params.pair);
  if (!pair) throw new KrakenError('EQuery:Unknown asset pair');
  const side = params.type;
  if (side !== 'buy' && side !== 'sell') throw invalid('type');
  // The simulator trades market and limit orders only; Kraken's other order types are refused as unsupported.
  const ordertype = params.ordertype;
  if (ordertype !== 'market' && ordertype !== 'limit') throw invalid('ordertype');
  if (!params.volume || !DECIMAL.test(params.volume) || dec(params.volume).isZero()) throw invalid('volume');
  const volume = dec(params.volume);
  let price: Dec | undefined;
  if (ordertype === 'limit') {
    if (!params.price || !DECIMAL.test(params.price) || dec(params.price).isZero()) throw invalid('price');
    price = dec(params.price);
  }
  const oflags = listParam(params.oflags);
  if (oflags.some((flag) => !OFLAGS.has(flag)) || (oflags.includes('fcib') && oflags.includes('fciq'))) {
    throw invalid('oflags');
  }
  const volumeInQuote = oflags.includes('viqc');
  if (volumeInQuote && !(side === 'buy' && ordertype === 'market')) throw invalid('viqc');
  if (oflags.includes('post') && ordertype !== 'limit') throw invalid('oflags');
  if (!volumeInQuote && volume.decimalPlaces() > pair.lot_decimals) throw invalid('volume');
  const userref = params.userref === undefined ? undefined : Number(params.userref);
  if (userref !== undefined && !(Number.isInteger(userref) && Math.abs(userref) <= 2 ** 31)) throw invalid('userref');
  const timeInForce = params.timeinforce ?? 'GTC';
  // GTD (good till a date) is Kraken's too; the simulator keeps no order clock, so it refuses it as unsupported
  if (!TIME_IN_FORCE.has(timeInForce)) throw invalid('timeinforce');
  if (timeInForce !== 'GTC' && oflags.includes('post')) throw invalid('timeinforce');
  const clOrdId = params.cl_ord_id;
  if (clOrdId !== undefined) {
    if (userref !== undefined) throw invalid('cl_ord_id');
    if (!(LONG_UUID.test(clOrdId) || SHORT_UUID.test(clOrdId) || FREE_TEXT.test(clOrdId))) throw invalid('cl_ord_id');
  }
  return {
    pair,
    side,
    ordertype,
    volume,
    volumeInQuote,
    price,
    postOnly: oflags.includes('post'),
    // The official Ledgers example shows a sell paying its fee on the quote leg, so quote is the default both ways.
    feeInBase: oflags.includes('fcib'),
    oflags,
    cl_ord_id: clOrdId,
    userref,
    timeInForce: timeInForce as TimeInForce,
    validate: settings.validateAnyValueQuirk ? params.validate !== undefined : isTrue(params.validate),
  };
}

/** A price is valid only on the pair's tick grid. */
export function onTick(price: Dec, pair: PairInfo): boolean {
  return pair.tick_size.isZero() || price.mod(pair.tick_size).isZero();
}

/** Quote volume (viqc) to base volume at the ask, cut to the pair's lot decimals. */
export function baseVolumeForQuote(quoteVolume: Dec, ask: Dec, pair: PairInfo): Dec {
  return quoteVolume.div(ask).toDecimalPlaces(pair.lot_decimals, D.ROUND_DOWN);
}
