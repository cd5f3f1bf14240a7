// Kraken's private endpoints the simulator serves, each with the permission it needs and its call-counter cost.
import { compareKrakenTimes } from '../../../src-shared/kraken-time';
import type { ApiKeyState } from './auth';
import type { SimContext } from './context';
import { KrakenError } from './kraken-error';
import type { LedgerEntry } from './ledger-book';
import type { Order, Trade } from './order-records';
import { parseOrderRequest } from './order-request';
import { cancelOrders, placeOrder } from './orders';
import { pageNewestFirst } from './paging';
import { ENGINE_LIMITS, cancelPenalty } from './rate-counter';
import { isTrue, listParam, type Params } from './request-params';
import type { Permission } from './scenario';
import type { SimulatorSettings } from './simulator-settings';
import { ledgerWire, orderWire, tradeWire } from './wire';

export interface PrivateMethod {
  /** The key needs at least one of these; empty = no permission needed. */
  anyOf: readonly Permission[];
  cost: (settings: SimulatorSettings) => number;
  run: (params: Params, key: ApiKeyState, ctx: SimContext) => unknown;
}

/** Filterable ledger types (`spend` and `receive` are not among them). */
const LEDGER_TYPES = new Set([
  'all',
  'trade',
  'deposit',
  'withdrawal',
  'transfer',
  'margin',
  'adjustment',
  'rollover',
  'credit',
  'settled',
  'staking',
  'dividend',
  'sale',
  'nft_rebate',
]);

const one = (): number => 1;
const two = (): number => 2;
const free = (): number => 0;

export const privateMethods: Record<string, PrivateMethod> = {
  Balance: {
    anyOf: ['query-funds'],
    cost: one,
    run: (_params, _key, { account }) => account.balances(),
  },
  BalanceEx: {
    anyOf: ['query-funds'],
    cost: one,
    run: (_params, _key, { account }) =>
      Object.fromEntries(
        account.ledger.assets().map((asset) => [
          asset,
          {
            balance: account.market.format(asset, account.balance(asset)),
            hold_trade: account.market.format(asset, account.held(asset)),
          },
        ]),
      ),
  },
  GetApiKeyInfo: {
    anyOf: [],
    cost: one,
    run: (_params, key) => ({
      apiKeyName: key.config.name,
      apiKey: key.config.key,
      nonce: key.lastNonce.toString(),
      nonceWindow: key.config.nonceWindow,
      permissions: key.config.permissions,
      iban: 'AA12 N84G SIMU LATO',
      validUntil: '0',
      queryFrom: '0',
      queryTo: '0',
      createdTime: String(Math.floor(key.createdMs / 1000)),
      modifiedTime: String(Math.floor(key.createdMs / 1000)),
      ipAllowlist: [],
      lastUsed: key.lastUsedMs === undefined ? null : String(Math.floor(key.lastUsedMs / 1000)),
    }),
  },
  GetWebSocketsToken: {
    anyOf: ['create-ws-token'],
    cost: one,
    run: (_params, key, { wsTokens }) => wsTokens.issue(key),
  },
  OpenOrders: {
    anyOf: ['query-open-trades'],
    cost: one,
    run: (params, _key, { account }) => {
      const orders = [...account.openOrders.values()].filter((order) => matchesRefs(order, params));
      return { open: ordersById(orders, account.market, isTrue(params.trades)) };
    },
  },
  ClosedOrders: {
    anyOf: ['query-closed-trades'],
    cost: one,
    run: (params, _key, { account, settings }) => {
      const byOpen = params.closetime === 'open';
      const all = [...account.closedOrders].sort((x, y) => closedTime(x, byOpen) - closedTime(y, byOpen));
      const positions = new Map(all.map((order, index) => [order.txid, index]));
      const page = pageNewestFirst(params, {
        all,
        matches: (order) => matchesRefs(order, params),
        timeOf: (order) => String(closedTime(order, byOpen)),
        positionOf: (id) => positions.get(id),
        pageSize: settings.ledgerPageSize,
      });
      return { closed: ordersById(page.records, account.market, isTrue(params.trades)), ...countOf(page.count) };
    },
  },
  QueryOrders: {
    anyOf: ['query-open-trades', 'query-closed-trades'],
    cost: one,
    run: (params, key, { account }) => {
      const ids = listParam(params.txid);
      if (ids.length === 0 || ids.length > 50) throw new KrakenError('EGeneral:Invalid arguments:txid');
      const found = ids.flatMap((id) => {
        const order = account.openOrders.get(id) ?? account.closedOrders.find((o) => o.txid === id);
        return order ? [order] : [];
      });
      for (const order of found) {
        const needed: Permission = order.status === 'open' ? 'query-open-trades' : 'query-closed-trades';
        if (!key.config.permissions.includes(needed)) throw new KrakenError('EGeneral:Permission denied');
      }
      return ordersById(found, account.market, isTrue(params.trades));
    },
  },
  TradesHistory: {
    anyOf: ['query-closed-trades'],
    cost: two,
    run: (params, _key, { account, settings }) => {
      const positions = new Map(account.trades.map((trade, index) => [trade.txid, index]));
      const page = pageNewestFirst<Trade>(params, {
        all: account.trades,
        matches: () => true,
        timeOf: (trade) => trade.time,
        positionOf: (id) => positions.get(id),
        pageSize: settings.ledgerPageSize,
      });
      const withLedgers = isTrue(params.ledgers);
      const trades = page.records.map((trade): [string, unknown] => [trade.txid, tradeWire(trade, account.market, withLedgers)]);
      return { trades: Object.fromEntries(trades), ...countOf(page.count) };
    },
  },
  Ledgers: {
    anyOf: ['query-ledger'],
    cost: two,
    run: (params, _key, { account, settings }) => {
      const assets = listParam(params.asset).filter((name) => name !== 'all');
      const wanted = new Set(
        assets.map((name) => {
          const asset = account.market.resolveAsset(name);
          if (!asset) throw new KrakenError('EQuery:Unknown asset');
          return asset.id;
        }),
      );
      const type = params.type ?? 'all';
      if (!LEDGER_TYPES.has(type)) throw new KrakenError('EGeneral:Invalid arguments:type');
      const page = pageNewestFirst<LedgerEntry>(params, {
        all: account.ledger.all(),
        matches: (entry) =>
          retained(entry, settings) && (wanted.size === 0 || wanted.has(entry.asset)) && (type === 'all' || entry.type === type),
        timeOf: (entry) => entry.time,
        positionOf: (id) => account.ledger.positionOf(id),
        pageSize: settings.ledgerPageSize,
      });
      const ledger = page.records.map((entry): [string, unknown] => [entry.id, ledgerWire(entry, account.market)]);
      return { ledger: Object.fromEntries(ledger), ...countOf(page.count) };
    },
  },
  QueryLedgers: {
    anyOf: ['query-ledger'],
    cost: (settings) => settings.queryLedgersCost,
    run: (params, _key, { account, settings }) => {
      const ids = listParam(params.id);
      if (ids.length === 0 || ids.length > 20) throw new KrakenError('EGeneral:Invalid arguments:id');
      return Object.fromEntries(
        ids.flatMap((id) => {
          const entry = account.ledger.get(id);
          return entry && retained(entry, settings) ? [[id, ledgerWire(entry, account.market)]] : [];
        }),
      );
    },
  },
  TradeVolume: {
    anyOf: ['query-funds'],
    cost: one,
    run: (params, _key, { account, settings }) => {
      const pairs = listParam(params.pair).map((name) => {
        const pair = account.market.resolvePair(name);
        if (!pair) throw new KrakenError('EQuery:Unknown asset pair');
        return pair;
      });
      // the 30-day volume is not modelled: every account sits on the ladder's first tier
      const schedule = (ladder: [number, number][], fallback: string) => {
        const [first, second] = ladder;
        const last = ladder.at(-1);
        const percent = (value: number | string) => Number(value).toFixed(4);
        return {
          fee: percent(first?.[1] ?? fallback),
          min_fee: percent(last?.[1] ?? fallback),
          max_fee: percent(first?.[1] ?? fallback),
          next_fee: second === undefined ? null : percent(second[1]),
          next_volume: second === undefined ? null : second[0].toFixed(4),
          tier_volume: (first?.[0] ?? 0).toFixed(4),
        };
      };
      return {
        currency: 'ZUSD',
        volume: '0.0000',
        fees: Object.fromEntries(pairs.map((pair) => [pair.id, schedule(pair.fees, settings.defaultTakerFeePercent)])),
        fees_maker: Object.fromEntries(pairs.map((pair) => [pair.id, schedule(pair.fees_maker, settings.defaultMakerFeePercent)])),
      };
    },
  },
  AddOrder: {
    anyOf: ['modify-trades'],
    cost: free,
    run: (params, key, ctx) => {
      const { account, settings } = ctx;
      const request = parseOrderRequest(params, account.market, settings);
      if (settings.engineLimits && !request.validate) {
        const limits = ENGINE_LIMITS[key.config.tier];
        const open = [...account.openOrders.values()].filter((o) => o.pair === request.pair.id).length;
        if (open >= limits.openOrdersPerPair) throw new KrakenError('EOrder:Orders limit exceeded');
        const counter = ctx.engineCounters.get(`${key.config.key}|${request.pair.id}`, limits);
        if (!counter.tryAdd(1)) throw new KrakenError('EOrder:Rate limit exceeded');
      }
      return placeOrder(account, request);
    },
  },
  CancelOrder: {
    anyOf: ['modify-trades', 'close-trades'],
    cost: free,
    run: (params, key, ctx) => {
      if (params.txid === undefined && params.cl_ord_id === undefined) throw new KrakenError('EGeneral:Invalid arguments');
      const canceled = cancelOrders(ctx.account, { txid: params.txid, cl_ord_id: params.cl_ord_id });
      if (ctx.settings.engineLimits) {
        for (const order of canceled) {
          const counter = ctx.engineCounters.get(`${key.config.key}|${order.pair}`, ENGINE_LIMITS[key.config.tier]);
          counter.add(cancelPenalty((order.closetm ?? order.opentm) - order.opentm));
        }
      }
      return { count: canceled.length };
    },
  },
};

function matchesRefs(order: Order, params: Params): boolean {
  if (params.userref !== undefined && order.userref !== Number(params.userref)) return false;
  return params.cl_ord_id === undefined || order.cl_ord_id === params.cl_ord_id;
}

function closedTime(order: Order, byOpen: boolean): number {
  return byOpen ? order.opentm : (order.closetm ?? order.opentm);
}

/** Whether Kraken still serves this entry (see `ledgerRetentionFrom`). */
function retained(entry: LedgerEntry, settings: SimContext['settings']): boolean {
  return settings.ledgerRetentionFrom === null || compareKrakenTimes(entry.time, String(settings.ledgerRetentionFrom)) >= 0;
}

function ordersById(orders: readonly Order[], market: SimContext['account']['market'], withTrades: boolean) {
  return Object.fromEntries(orders.map((order) => [order.txid, orderWire(order, market, withTrades)]));
}

function countOf(count: number | undefined): { count?: number } {
  return count === undefined ? {} : { count };
}
