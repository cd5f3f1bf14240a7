// The app's only door to Kraken's REST API: typed, validated answers; private calls signed, nonce-ordered and paced
// by the call-counter model; reads retried on passing failures; orders never placed twice.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src-shared/clock';
import { apiAddressProblem } from '../../src-shared/api-address';
import { AppError } from '../../src-shared/errors';
import type { LedgerEntry } from '../../src-shared/ledger';
import { DecimalString } from '../../src-shared/money';
import { currentSignal } from '../call-signal';
import { cancelledCall, KrakenCallError, malformedSecret, missingCredentials } from './kraken-errors';
import { sharedNonceSource, type NonceSource } from './nonce';
import { callCost, createRateLimiter, type CounterStore, type Tier } from './rate-limiter';
import { backoffMs, DEFAULT_RETRY_POLICY, MIN_TRY_MS, readRetryDelay, type RetryPolicy, type RetryState } from './retry';
import {
  AddOrderResult,
  ApiKeyInfoResult,
  WebSocketsTokenResult,
  AssetPairsResult,
  AssetsResult,
  BalanceExResult,
  ClosedOrdersResult,
  LedgersResult,
  ledgerEntries,
  newestFirst,
  OpenOrdersResult,
  QueryLedgersResult,
  QueryOrdersResult,
  SystemStatusResult,
  TickerResult,
  TimeResult,
  TradesHistoryResult,
  validateResult,
  type KrakenOrder,
  type KrakenTrade,
  TradeVolumeResult,
} from './schemas';
import { createSerialQueue } from './serial-queue';
import { signRequest, isValidPrivateKey } from './sign';
import { exchange } from './transport';

export interface KrakenCredentials {
  apiKey: string;
  /** Base64 private key; used to sign, never sent, never put in a message. */
  secret: string;
  /** The key's current one-time password, when 2FA is set on it. */
  otp?: () => string | undefined;
}

export interface KrakenClientOptions {
  /** e.g. https://api.kraken.com or the simulator's URL, without a trailing slash. */
  baseUrl: string;
  credentials?: KrakenCredentials;
  tier: Tier;
  clock: Clock;
  fetch?: typeof fetch;
  /** Real milliseconds per HTTP exchange (default 15 s). */
  timeoutMs?: number;
  /** Tries after the first for reads (default 4). */
  maxRetries?: number;
  userAgent?: string;
  /** Called before each wait for the call counter to decay. */
  onRateWait?: (waitMs: number) => void;
  /** Default: one sequence per API key shared by every client in the process. */
  nonceSource?: NonceSource;
  /** Form encoding is Kraken's classic body; JSON is also accepted. */
  bodyFormat?: 'form' | 'json';
  /** Jitter source for backoff (default Math.random). */
  random?: () => number;
  /** Where the key's call-counter estimate is shared and kept (the account mirror); without it the model starts empty. */
  counterStore?: CounterStore;
  /** Told before each retry of a read, so the operator sees "retrying (2 of 3)" rather than a silent wait. */
  onRetry?: (retry: RetryNotice) => void;
  /** Told when a read that was retried has ended, either way. */
  onRetryEnd?: (method: string) => void;
}

export interface RetryNotice {
  method: string;
  /** This retry's number, from 1. */
  attempt: number;
  of: number;
  /** The failure being retried, in the operator's words. */
  reason: string;
  delayMs: number;
}

/** Per-call hooks for long reads (ledger sync reports its waits through these). */
export interface CallHooks {
  onRateWait?: (waitMs: number) => void;
  /** A read nobody is waiting for (History's read of the whole ledger): it leaves room on the call counter for
   * everything else. Asked again while it waits, when it is a function: a caller may come to wait for it. */
  background?: boolean | (() => boolean);
}

/** Counter units a background read leaves free for the calls the operator is waiting for. */
export const BACKGROUND_RESERVE = 10;

type ParamValue = string | number | boolean | readonly string[] | undefined;
type Params = Readonly<Record<string, ParamValue>>;

export interface OpenOrdersParams {
  trades?: boolean;
  userref?: number;
  cl_ord_id?: string;
}

export interface ClosedOrdersParams extends OpenOrdersParams {
  start?: string | number;
  end?: string | number;
  ofs?: number;
  closetime?: 'open' | 'close' | 'both';
  consolidate_taker?: boolean;
  without_count?: boolean;
}

export interface TradesHistoryParams {
  type?: 'all' | 'any position' | 'closed position' | 'closing position' | 'no position';
  trades?: boolean;
  start?: string | number;
  end?: string | number;
  ofs?: number;
  without_count?: boolean;
  consolidate_taker?: boolean;
  /** Include each trade's ledger ids. */
  ledgers?: boolean;
}

export interface LedgersParams {
  asset?: string | readonly string[];
  aclass?: string;
  type?: string;
  /** Unix seconds or ledger id, exclusive. */
  start?: string | number;
  /** Unix seconds or ledger id, inclusive. */
  end?: string | number;
  ofs?: number;
  without_count?: boolean;
}

export interface AddOrderParams {
  /** Pair id or altname, e.g. XXBTZUSD or XBTUSD. */
  pair: string;
  type: 'buy' | 'sell';
  ordertype: 'market' | 'limit' | 'stop-loss' | 'take-profit' | 'stop-loss-limit' | 'take-profit-limit';
  /** Base units as a decimal string (quote units with the `viqc` flag). */
  volume: string;
  price?: string;
  price2?: string;
  oflags?: readonly string[];
  timeinforce?: 'GTC' | 'IOC' | 'GTD' | 'FOK';
  expiretm?: string;
  /** The order's client id; generated (a UUID) when absent. */
  clOrdId?: string;
  /** Only check the order; nothing is placed. */
  validate?: boolean;
}

export interface AddOrderOutcome {
  descr: { order: string; close?: string };
  /** Empty when only validating. */
  txid: string[];
  clOrdId: string;
  /** The answer was lost, and the order was found on Kraken by its client id. */
  recovered: boolean;
}

export interface Page<T> {
  count?: number;
  items: T[];
}

export interface KrakenClient {
  time(): Promise<TimeResult>;
  systemStatus(): Promise<SystemStatusResult>;
  assets(): Promise<AssetsResult>;
  assetPairs(): Promise<AssetPairsResult>;
  /** Empty list: every pair. Keyed by pair id (asking for XBTUSD answers under XXBTZUSD). */
  ticker(pairs: readonly string[]): Promise<TickerResult>;
  balanceEx(hooks?: CallHooks): Promise<BalanceExResult>;
  apiKeyInfo(): Promise<ApiKeyInfoResult>;
  /** A short-lived token for the private WebSocket v2 feed: one per connection. */
  webSocketsToken(): Promise<WebSocketsTokenResult>;
  openOrders(params?: OpenOrdersParams): Promise<KrakenOrder[]>;
  /** With `trades`, each order names the trades that filled it. */
  queryOrders(txids: readonly string[], options?: { trades?: boolean; hooks?: CallHooks }): Promise<KrakenOrder[]>;
  /** The order with this client id, open or closed, if Kraken has it: how a restart tells a placed order from a planned one. */
  orderByClientId(clOrdId: string): Promise<KrakenOrder | undefined>;
  /** One page (50, newest first). */
  tradesHistory(params?: TradesHistoryParams, hooks?: CallHooks): Promise<Page<KrakenTrade>>;
  /** One page (50, newest first). */
  ledgers(params?: LedgersParams, hooks?: CallHooks): Promise<Page<LedgerEntry>>;
  queryLedgers(ids: readonly string[]): Promise<LedgerEntry[]>;
  /** The account's 30-day volume and its fee tier on each pair asked for. */
  tradeVolume(pairs: readonly string[]): Promise<TradeVolumeResult>;
  addOrder(params: AddOrderParams): Promise<AddOrderOutcome>;
}

const QUERY_ORDERS_BATCH = 50;
const QUERY_LEDGERS_BATCH = 20;

export function createKrakenClient(options: KrakenClientOptions): KrakenClient {
  const { clock, credentials } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  // checked here too, so an address edited into a saved file still never receives the key
  const addressProblem = apiAddressProblem(baseUrl);
  const transport = { fetch: options.fetch ?? globalThis.fetch, timeoutMs: options.timeoutMs ?? 8_000, clock };
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries };
  /** A try's timeout: the configured one, cut to what is left of the read's retry budget. */
  const tryTransport = (deadlineMs: number | undefined) =>
    deadlineMs === undefined
      ? transport
      : { ...transport, timeoutMs: Math.min(transport.timeoutMs, Math.max(MIN_TRY_MS, deadlineMs - clock.now())) };
  const random = options.random ?? Math.random;
  const userAgent = options.userAgent ?? 'OC9-Console';
  const limiter = createRateLimiter({ tier: options.tier, clock, ...(options.counterStore ? { store: options.counterStore } : {}) });
  const queue = createSerialQueue();
  const nonces = options.nonceSource ?? sharedNonceSource(credentials?.apiKey ?? '', () => clock.now());

  const publicOnce = (method: string, params: Params = {}, deadlineMs?: number): Promise<unknown> => {
    const signal = currentSignal();
    if (signal?.aborted) return Promise.reject(cancelledCall(method));
    const search = new URLSearchParams(encodeParams(params)).toString();
    return exchange(
      {
        method,
        url: `${baseUrl}/0/public/${method}${search ? `?${search}` : ''}`,
        init: { method: 'GET', headers: { 'User-Agent': userAgent } },
        signal,
      },
      tryTransport(deadlineMs),
    );
  };

  const privateOnce = (method: string, params: Params, hooks?: CallHooks, deadlineMs?: number): Promise<unknown> => {
    if (!credentials) return Promise.reject(missingCredentials(method));
    if (addressProblem !== null)
      return Promise.reject(new AppError('invalid_input', `${addressProblem} Fix it in Settings › Kraken accounts.`));
    if (!isValidPrivateKey(credentials.secret)) return Promise.reject(malformedSecret(method));
    const onWait = (waitMs: number): void => {
      options.onRateWait?.(waitMs);
      hooks?.onRateWait?.(waitMs);
    };
    const signal = currentSignal();
    const background = hooks?.background;
    const stillBackground = typeof background === 'function' ? background : undefined;
    const room =
      (stillBackground?.() ?? background) === true
        ? limiter.waitForRoom(callCost(method), BACKGROUND_RESERVE, onWait, stillBackground)
        : Promise.resolve(0);
    // One call at a time, nonce taken just before sending: requests reach Kraken in nonce order.
    return room.then(() =>
      queue.run(async () => {
        // an abandoned call leaves the queue without spending the call counter
        if (signal?.aborted) throw cancelledCall(method);
        await limiter.acquire(callCost(method), onWait);
        if (signal?.aborted) throw cancelledCall(method);
        const path = `/0/private/${method}`;
        const nonce = nonces.next();
        const body = encodeBody(nonce, { ...params, otp: credentials.otp?.() }, options.bodyFormat ?? 'form');
        try {
          return await exchange(
            {
              method,
              url: `${baseUrl}${path}`,
              init: {
                method: 'POST',
                headers: {
                  'API-Key': credentials.apiKey,
                  'API-Sign': signRequest(path, nonce, body, credentials.secret),
                  'Content-Type': options.bodyFormat === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
                  'User-Agent': userAgent,
                },
                body,
              },
              signal,
            },
            tryTransport(deadlineMs),
          );
        } catch (error) {
          if (error instanceof KrakenCallError && error.details.krakenError?.startsWith('EAPI:Rate limit exceeded')) {
            limiter.markFull();
          }
          throw error;
        }
      }),
    );
  };

  /** Tries a read again after passing failures, each try with a fresh nonce, within the retry budget. */
  const withRetries = async <T>(method: string, attempt: (deadlineMs: number) => Promise<T>): Promise<T> => {
    const state: RetryState = { failures: 0, nonceRetried: false, startedAtMs: clock.now() };
    const deadlineMs = state.startedAtMs + policy.budgetMs;
    try {
      for (;;) {
        try {
          return await attempt(deadlineMs);
        } catch (error) {
          if (!(error instanceof KrakenCallError)) throw error;
          state.failures += 1;
          const delay = readRetryDelay(error, state, policy, clock.now(), random);
          if (delay === undefined || currentSignal()?.aborted) throw error;
          if (error.code === 'invalid_nonce') state.nonceRetried = true;
          options.onRetry?.({ method, attempt: state.failures, of: policy.maxRetries, reason: error.message, delayMs: delay });
          await clock.sleep(delay);
        }
      }
    } finally {
      if (state.failures > 0) options.onRetryEnd?.(method);
    }
  };

  const publicRead = <T>(method: string, parse: (result: unknown) => T, params?: Params): Promise<T> =>
    withRetries(method, async (deadlineMs) => parse(await publicOnce(method, params, deadlineMs)));

  const privateRead = <T>(method: string, parse: (result: unknown) => T, params: Params = {}, hooks?: CallHooks) =>
    withRetries(method, async (deadlineMs) => parse(await privateOnce(method, params, hooks, deadlineMs)));

  const openOrders = (params: OpenOrdersParams = {}): Promise<KrakenOrder[]> =>
    privateRead('OpenOrders', (r) => newestFirstOrders(validateResult('OpenOrders', OpenOrdersResult, r).open, 'opentm'), { ...params });

  const closedOrders = (params: ClosedOrdersParams = {}, hooks?: CallHooks): Promise<Page<KrakenOrder>> =>
    privateRead(
      'ClosedOrders',
      (r) => {
        const result = validateResult('ClosedOrders', ClosedOrdersResult, r);
        return { count: result.count, items: newestFirstOrders(result.closed, 'closetm') };
      },
      { ...params },
      hooks,
    );

  const queryOrders = async (txids: readonly string[], options: { trades?: boolean; hooks?: CallHooks } = {}): Promise<KrakenOrder[]> => {
    const found: KrakenOrder[] = [];
    for (const batch of chunks(txids, QUERY_ORDERS_BATCH)) {
      const result = await privateRead(
        'QueryOrders',
        (r) => validateResult('QueryOrders', QueryOrdersResult, r),
        { txid: batch.join(','), trades: options.trades ? true : undefined },
        options.hooks,
      );
      found.push(
        ...batch.flatMap((txid) => {
          const order = result[txid];
          return order ? [{ ...order, txid }] : [];
        }),
      );
    }
    return found;
  };

  const tradesHistory = (params: TradesHistoryParams = {}, hooks?: CallHooks): Promise<Page<KrakenTrade>> =>
    privateRead(
      'TradesHistory',
      (r) => {
        const result = validateResult('TradesHistory', TradesHistoryResult, r);
        return { count: result.count, items: newestFirst(result.trades, 'id') };
      },
      { ...params },
      hooks,
    );

  /** The order carrying this client id, open or closed, if Kraken has it. */
  const findByClientId = async (clOrdId: string): Promise<KrakenOrder | undefined> =>
    (await openOrders({ cl_ord_id: clOrdId })).find((o) => o.cl_ord_id === clOrdId) ??
    (await closedOrders({ cl_ord_id: clOrdId })).items.find((o) => o.cl_ord_id === clOrdId);

  const addOrder = async (params: AddOrderParams): Promise<AddOrderOutcome> => {
    const clOrdId = params.clOrdId ?? randomUUID();
    const body = orderBody(params, clOrdId);
    if (params.validate) {
      // validation places nothing, so it is retried like a read
      const result = await privateRead('AddOrder', (r) => validateResult('AddOrder', AddOrderResult, r), body);
      return { descr: result.descr, txid: result.txid ?? [], clOrdId, recovered: false };
    }
    const state: RetryState = { failures: 0, nonceRetried: false, startedAtMs: clock.now() };
    for (;;) {
      let failure: KrakenCallError;
      try {
        const result = validateResult('AddOrder', AddOrderResult, await privateOnce('AddOrder', body));
        return { descr: result.descr, txid: result.txid ?? [], clOrdId, recovered: false };
      } catch (error) {
        if (!(error instanceof KrakenCallError)) throw error;
        failure = error;
      }
      state.failures += 1;
      if (failure.details.delivery === 'rejected') {
        // Kraken refused it, so nothing was placed: only a refused nonce or a full counter is worth another try
        const delay = readRetryDelay(failure, state, policy, clock.now(), random);
        if (delay === undefined) throw failure;
        if (failure.code === 'invalid_nonce') state.nonceRetried = true;
        await clock.sleep(delay);
        continue;
      }
      // The order may be on the book: give it a moment to land, then look for it before anything else.
      await clock.sleep(backoffMs(state.failures - 1, policy, random));
      let existing: KrakenOrder | undefined;
      try {
        existing = await findByClientId(clOrdId);
      } catch (lookupError) {
        throw unverifiedOrder(failure, lookupError);
      }
      if (existing) {
        const descr = { order: existing.descr.order, ...(existing.descr.close ? { close: existing.descr.close } : {}) };
        return { descr, txid: [existing.txid], clOrdId, recovered: true };
      }
      if (!failure.details.transient || state.failures > policy.maxRetries) throw notPlaced(failure);
    }
  };

  return {
    time: () => publicRead('Time', (r) => validateResult('Time', TimeResult, r)),
    systemStatus: () => publicRead('SystemStatus', (r) => validateResult('SystemStatus', SystemStatusResult, r)),
    assets: () => publicRead('Assets', (r) => validateResult('Assets', AssetsResult, r)),
    assetPairs: () => publicRead('AssetPairs', (r) => validateResult('AssetPairs', AssetPairsResult, r)),
    ticker: (pairs) => publicRead('Ticker', (r) => validateResult('Ticker', TickerResult, r), pairs.length > 0 ? { pair: pairs } : {}),
    balanceEx: (hooks) => privateRead('BalanceEx', (r) => validateResult('BalanceEx', BalanceExResult, r), {}, hooks),
    apiKeyInfo: () => privateRead('GetApiKeyInfo', (r) => validateResult('GetApiKeyInfo', ApiKeyInfoResult, r)),
    webSocketsToken: () => privateRead('GetWebSocketsToken', (r) => validateResult('GetWebSocketsToken', WebSocketsTokenResult, r)),
    openOrders,
    queryOrders,
    orderByClientId: findByClientId,
    tradesHistory,
    ledgers: (params = {}, hooks) =>
      privateRead(
        'Ledgers',
        (r) => {
          const result = validateResult('Ledgers', LedgersResult, r);
          return { count: result.count, items: ledgerEntries(result.ledger) };
        },
        { ...params },
        hooks,
      ),
    tradeVolume: (pairs) =>
      privateRead('TradeVolume', (r) => validateResult('TradeVolume', TradeVolumeResult, r), { pair: pairs.join(',') }),
    queryLedgers: async (ids) => {
      const found: LedgerEntry[] = [];
      for (const batch of chunks(ids, QUERY_LEDGERS_BATCH)) {
        const result = await privateRead('QueryLedgers', (r) => validateResult('QueryLedgers', QueryLedgersResult, r), {
          id: batch.join(','),
        });
        found.push(...ledgerEntries(result));
      }
      return found;
    },
    addOrder,
  };
}

function orderBody(params: AddOrderParams, clOrdId: string): Params {
  for (const [field, value] of [
    ['volume', params.volume],
    ['price', params.price],
    ['price2', params.price2],
  ] as const) {
    if (value !== undefined && !DecimalString.safeParse(value).success) {
      throw new AppError('invalid_input', `The order’s ${field} “${value}” is not a plain decimal number.`);
    }
  }
  return {
    ordertype: params.ordertype,
    type: params.type,
    volume: params.volume,
    pair: params.pair,
    price: params.price,
    price2: params.price2,
    oflags: params.oflags && params.oflags.length > 0 ? params.oflags : undefined,
    timeinforce: params.timeinforce,
    expiretm: params.expiretm,
    cl_ord_id: clOrdId,
    // any `validate` value once meant validate-only on Kraken, so it is sent only when wanted
    validate: params.validate ? true : undefined,
  };
}

function encodeParams(params: Params): [string, string][] {
  return Object.entries(params).flatMap(([name, value]): [string, string][] => {
    if (value === undefined) return [];
    return [[name, typeof value === 'object' ? value.join(',') : String(value)]];
  });
}

/** The nonce first, as Kraken's examples do; the signature covers these exact bytes. */
function encodeBody(nonce: string, params: Params, format: 'form' | 'json'): string {
  const pairs = encodeParams(params);
  if (format === 'json') return JSON.stringify(Object.fromEntries([['nonce', nonce], ...pairs]));
  return new URLSearchParams([['nonce', nonce], ...pairs]).toString();
}

function newestFirstOrders(map: Readonly<Record<string, Omit<KrakenOrder, 'txid'>>>, timeField: 'opentm' | 'closetm') {
  return Object.entries(map)
    .map(([txid, order]): KrakenOrder => ({ ...order, txid }))
    .sort((x, y) => (y[timeField] ?? y.opentm) - (x[timeField] ?? x.opentm));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function unverifiedOrder(failure: KrakenCallError, lookupError: unknown): KrakenCallError {
  const why = lookupError instanceof AppError ? ` Checking failed too: ${lookupError.message}` : '';
  return new KrakenCallError(
    failure.code,
    'Kraken’s answer to the order was lost, and OC9 Console could not check ' +
      `whether the order was placed.${why} Look at Open orders and Trades on Kraken before placing it again.`,
    false,
    { ...failure.details, transient: false },
  );
}

function notPlaced(failure: KrakenCallError): KrakenCallError {
  return new KrakenCallError(
    failure.code,
    `${failure.message} The order was not found on Kraken, so it was not ` + 'placed; try again when Kraken answers normally.',
    true,
    { ...failure.details, transient: false },
  );
}
