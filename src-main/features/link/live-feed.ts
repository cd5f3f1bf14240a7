// Kraken's WebSocket v2 feeding one account: `balances` (every ledger transaction) into the account mirror,
// `executions` (open orders) and public `ticker` (prices) into a live view the portfolio reads instead of REST. A gap
// in a sequence, a reconnect or a silent feed sends the mirror to REST for what was missed; while the socket is down
// the app polls REST as before. The link state says which of these is true.
import type { Clock } from '../../../src-shared/clock';
import type { LinkState } from '../../../src-shared/contract/link';
import { dec, isDecimal } from '../../../src-shared/money';
import type { LedgerEntry } from '../../../src-shared/ledger';
import type { OpenOrderFacts } from '../../../src-shared/open-order';
import type { TickerQuote } from '../../../src-shared/pricing';
import type { KrakenClient } from '../../kraken/client';
import type { MetadataCache } from '../../kraken/metadata-cache';
import type { AssetPairsResult, BalanceExResult } from '../../kraken/schemas';
import { openWsConnection, WsRequestError, type WsChannelMessage, type WsConnection } from '../../kraken/ws-connection';
import { createWsNames, type WsNames } from '../../../src-shared/ws-names';
import { krakenTimeOfRfc3339 } from '../../../src-shared/kraken-time';
import type { AccountMirror } from '../../mirror/account-mirror';
import type { MirrorSync } from '../../mirror/mirror-sync';

/** What the feed knows of the account while it is live: enough for a portfolio read without REST. */
export interface LiveAccountView {
  balances: BalanceExResult;
  openOrders: OpenOrderFacts[];
  /** Quotes by REST pair id, for the pairs subscribed so far. */
  tickers: Readonly<Record<string, TickerQuote>>;
}

export interface LiveFeedOptions {
  client: Pick<KrakenClient, 'webSocketsToken'>;
  metadata: Pick<MetadataCache, 'assets' | 'assetPairs'>;
  mirror: Pick<AccountMirror, 'ingestLedger' | 'entry'>;
  sync: Pick<MirrorSync, 'catchUp'>;
  urls: { public: string; private: string };
  clock: Clock;
  /** Silence after which a connection counts as dead (Kraken sends a heartbeat every second). */
  staleMs?: number;
  /** First reconnect delay; it doubles per failed attempt up to `maxBackoffMs`, with up to half of it again as jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  onState?: (state: LinkState) => void;
  /** Why the feed is not live, for the log. */
  onProblem?: (message: string) => void;
}

export interface LiveFeed {
  state(): LinkState;
  onState(listener: (state: LinkState) => void): () => void;
  /** The account as the feed holds it; null unless live with every snapshot in. */
  view(): LiveAccountView | null;
  /** Subscribes prices of these pairs (REST ids) from now on; those already held are kept. */
  watchPairs(pairIds: readonly string[]): void;
  /** Counts for benchmarks and tests: connections opened, REST catch-ups run, gaps and duplicates seen. */
  stats(): { connections: number; catchUps: number; gaps: number; duplicates: number };
  stop(): void;
}

/** Failed connection attempts after which the header says "polling" rather than "reconnecting". */
const ATTEMPTS_BEFORE_POLLING = 2;

export function startLiveFeed(options: LiveFeedOptions): LiveFeed {
  const { clock, mirror, sync } = options;
  const random = options.random ?? Math.random;
  const backoffMs = options.backoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const listeners = new Set<(state: LinkState) => void>();
  if (options.onState) listeners.add(options.onState);
  const stats = { connections: 0, catchUps: 0, gaps: 0, duplicates: 0 };

  let state: LinkState = 'reconnecting';
  let stopped = false;
  let stopNow: () => void = () => undefined;
  const stoppedPromise = new Promise<void>((resolve) => (stopNow = resolve));
  const setState = (next: LinkState) => {
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener(next);
  };

  // the live view, rebuilt from each connection's snapshots
  let names: WsNames | null = null;
  let pairs: AssetPairsResult = {};
  const balances = new Map<string, string>();
  const orders = new Map<string, { symbol: string; side: string; orderType: string; price: string; qty: string; cumQty: string }>();
  const tickers = new Map<string, TickerQuote>();
  const watchedSymbols = new Set<string>();
  let snapshots = { balances: false, executions: false };
  let publicConnection: WsConnection | null = null;

  const problem = (message: string) => options.onProblem?.(message);

  // ---- balances: the ledger, one update per transaction ----
  const sequences = { balances: 0, executions: 0 };
  /** Set while REST reads what was missed; updates meanwhile wait to be checked against what it read. */
  let recovering: Promise<void> | null = null;
  let held: LedgerEntry[] = [];

  const entryOf = (item: Record<string, unknown>): LedgerEntry | null => {
    const text = (key: string) => (typeof item[key] === 'string' ? item[key] : null);
    const asset =
      names?.assetIdOf({
        asset: text('asset') ?? '',
        walletType: text('wallet_type') === 'earn' ? 'earn' : 'spot',
        walletId: text('wallet_id') ?? 'main',
      }) ?? null;
    const time = krakenTimeOfRfc3339(text('timestamp') ?? '');
    const [id, refid, amount, fee, balance] = [text('ledger_id'), text('ref_id'), text('amount'), text('fee'), text('balance')];
    if (asset === null || time === null || id === null || refid === null) return null;
    if (amount === null || fee === null || balance === null || ![amount, fee, balance].every(isDecimal)) return null;
    return {
      id,
      refid,
      time,
      type: text('type') ?? '',
      subtype: text('subtype') ?? '',
      aclass: text('asset_class') ?? 'currency',
      asset,
      amount,
      fee,
      balance,
    };
  };

  /** REST reads what the mirror may lack; updates that came meanwhile and that it did not hold extend the head. */
  const recover = (): Promise<void> => {
    recovering ??= (async () => {
      try {
        do {
          stats.catchUps += 1;
          const before = held;
          held = [];
          await sync.catchUp('ledger', { priority: 'background' });
          const missing = before.filter((entry) => mirror.entry(entry.id) === null);
          // an update booked after the read began: contiguous with what was read, so it extends the head
          if (missing.length > 0) mirror.ingestLedger([...missing].reverse(), { followsHead: true });
        } while (held.length > 0 && !stopped);
      } finally {
        recovering = null;
      }
    })();
    return recovering;
  };

  const onBalances = (message: WsChannelMessage): void => {
    const data = Array.isArray(message.data) ? (message.data as Record<string, unknown>[]) : [];
    const sequence = Number(message.sequence ?? '0');
    if (message.type === 'snapshot') {
      sequences.balances = sequence;
      balances.clear();
      for (const asset of data) {
        for (const wallet of Array.isArray(asset['wallets']) ? (asset['wallets'] as Record<string, unknown>[]) : []) {
          const id = names?.assetIdOf({
            asset: String(asset['asset']),
            walletType: wallet['type'] === 'earn' ? 'earn' : 'spot',
            walletId: String(wallet['id']),
          });
          if (id !== null && id !== undefined && typeof wallet['balance'] === 'string') balances.set(id, wallet['balance']);
        }
      }
      snapshots.balances = true;
      return;
    }
    if (sequence <= sequences.balances) {
      stats.duplicates += 1; // already applied; the mirror would not count it twice anyway
      return;
    }
    const gap = sequence !== sequences.balances + 1;
    sequences.balances = sequence;
    const entries = data.map(entryOf);
    const known = entries.filter((e): e is LedgerEntry => e !== null);
    for (const entry of known) balances.set(entry.asset, entry.balance);
    if (gap || known.length < entries.length) {
      if (gap) stats.gaps += 1;
      // something was lost or not understood: held unconfirmed, and REST reads the range
      if (known.length > 0) mirror.ingestLedger([...known].reverse(), { followsHead: false });
      held.push(...known);
      void recover().catch((error: unknown) => problem(`Reading what the live feed missed failed: ${String(error)}`));
      return;
    }
    if (recovering !== null) {
      held.push(...known);
      return;
    }
    mirror.ingestLedger([...known].reverse(), { followsHead: true });
  };

  // ---- executions: open orders ----
  const onExecutions = (message: WsChannelMessage): void => {
    const data = Array.isArray(message.data) ? (message.data as Record<string, unknown>[]) : [];
    const sequence = Number(message.sequence ?? '0');
    if (message.type !== 'snapshot' && sequence <= sequences.executions) return;
    sequences.executions = sequence;
    if (message.type === 'snapshot') orders.clear();
    for (const report of data) {
      const id = String(report['order_id']);
      const status = typeof report['order_status'] === 'string' ? report['order_status'] : '';
      if (['filled', 'canceled', 'expired'].includes(status)) {
        orders.delete(id);
        continue;
      }
      const before = orders.get(id);
      const field = (key: string, fallback: string) => (typeof report[key] === 'string' ? report[key] : fallback);
      orders.set(id, {
        symbol: field('symbol', before?.symbol ?? ''),
        side: field('side', before?.side ?? 'buy'),
        orderType: field('order_type', before?.orderType ?? 'limit'),
        price: field('limit_price', before?.price ?? '0'),
        qty: field('order_qty', before?.qty ?? '0'),
        cumQty: field('cum_qty', before?.cumQty ?? '0'),
      });
    }
    if (message.type === 'snapshot') snapshots.executions = true;
  };

  // ---- ticker: prices ----
  const onTicker = (message: WsChannelMessage): void => {
    const data = Array.isArray(message.data) ? (message.data as Record<string, unknown>[]) : [];
    for (const quote of data) {
      const pairId = names?.pairIdOf(String(quote['symbol'])) ?? null;
      const [bid, ask, last, change] = [quote['bid'], quote['ask'], quote['last'], quote['change']];
      if (pairId === null || typeof bid !== 'string' || typeof ask !== 'string' || typeof last !== 'string') continue;
      // v2 has no opening price; the day's change gives it
      const open = typeof change === 'string' && isDecimal(change) && isDecimal(last) ? subtract(last, change) : last;
      tickers.set(pairId, { bid, ask, last, open });
    }
  };

  const subscribeTickers = (symbols: readonly string[]): void => {
    if (publicConnection === null || symbols.length === 0) return;
    publicConnection.request('subscribe', { channel: 'ticker', symbol: [...symbols] }).catch(() => undefined);
  };

  /** Holds open orders keep back: a sell its unfilled base, a buy its unfilled cost at the limit price. */
  const holds = (): Map<string, string> => {
    const result = new Map<string, string>();
    for (const order of openOrderFacts()) {
      const remaining = subtract(order.volume, order.volumeExecuted);
      const [asset, amount] = order.side === 'sell' ? [order.base, remaining] : [order.quote, multiply(remaining, order.price)];
      result.set(asset, add(result.get(asset) ?? '0', amount));
    }
    return result;
  };

  const openOrderFacts = (): OpenOrderFacts[] =>
    [...orders].flatMap(([txid, order]) => {
      const pairId = names?.pairIdOf(order.symbol) ?? null;
      const pair = pairId === null ? undefined : pairs[pairId];
      if (pair === undefined) return [];
      return [
        {
          txid,
          side: order.side === 'sell' ? 'sell' : 'buy',
          base: pair.base,
          quote: pair.quote,
          ordertype: order.orderType,
          price: order.price,
          volume: order.qty,
          volumeExecuted: order.cumQty,
        },
      ];
    });

  // ---- the connection loop ----
  const connectOnce = async (): Promise<'closed' | 'stale' | 'error'> => {
    const [assets, assetPairs] = await Promise.all([options.metadata.assets(), options.metadata.assetPairs()]);
    names = createWsNames(assets, assetPairs);
    pairs = assetPairs;
    // a fresh token for every connection: tokens are short-lived and a used one is tied to its connection
    const { token } = await options.client.webSocketsToken();
    let closeReason: (reason: 'closed' | 'stale' | 'error') => void = () => undefined;
    const closed = new Promise<'closed' | 'stale' | 'error'>((resolve) => (closeReason = resolve));
    const route = (message: WsChannelMessage) => {
      if (message.channel === 'balances') onBalances(message);
      else if (message.channel === 'executions') onExecutions(message);
      else if (message.channel === 'ticker') onTicker(message);
    };
    const common = { clock, onMessage: route, onClose: closeReason, ...(options.staleMs ? { staleMs: options.staleMs } : {}) };
    const privateConnection = await openWsConnection({ ...common, url: options.urls.private });
    stats.connections += 1;
    try {
      publicConnection = await openWsConnection({ ...common, url: options.urls.public });
      snapshots = { balances: false, executions: false };
      tickers.clear();
      for (const channel of ['balances', 'executions'] as const) {
        const ack = await privateConnection.request('subscribe', {
          channel,
          token,
          snapshot: true,
          ...(channel === 'executions' ? { snap_orders: true, snap_trades: false } : {}),
        });
        if (ack.success !== true) throw new WsRequestError(ack.error ?? 'subscription refused');
      }
      subscribeTickers([...watchedSymbols]);
      // what happened while no socket listened is read from REST before the feed counts as live
      held = [];
      await recover();
      setState('live');
      return await Promise.race([closed, stoppedPromise.then(() => 'closed' as const)]);
    } finally {
      privateConnection.close();
      publicConnection?.close();
      publicConnection = null;
    }
  };

  const run = async (): Promise<void> => {
    let failures = 0;
    while (!stopped) {
      try {
        const reason = await connectOnce();
        if (stopped) return;
        problem(`The live feed's connection ${reason === 'stale' ? 'went silent' : 'closed'}; reconnecting.`);
        failures = 0;
      } catch (error) {
        if (stopped) return;
        failures += 1;
        problem(`The live feed could not connect: ${error instanceof Error ? error.message : String(error)}`);
      }
      snapshots = { balances: false, executions: false };
      setState(failures >= ATTEMPTS_BEFORE_POLLING ? 'polling' : 'reconnecting');
      const base = Math.min(maxBackoffMs, backoffMs * 2 ** Math.max(0, failures - 1));
      await Promise.race([clock.sleep(base + random() * base * 0.5), stoppedPromise]);
    }
  };
  void run();

  return {
    state: () => state,
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    view() {
      if (state !== 'live' || !snapshots.balances || !snapshots.executions) return null;
      const held = holds();
      const result: BalanceExResult = {};
      for (const [asset, balance] of balances) result[asset] = { balance, hold_trade: held.get(asset) ?? '0' };
      return { balances: result, openOrders: openOrderFacts(), tickers: Object.fromEntries(tickers) };
    },
    watchPairs(pairIds) {
      const fresh = pairIds.flatMap((id) => {
        const symbol = names?.symbolOf(id) ?? null;
        return symbol === null || watchedSymbols.has(symbol) ? [] : [symbol];
      });
      for (const symbol of fresh) watchedSymbols.add(symbol);
      subscribeTickers(fresh);
    },
    stats: () => ({ ...stats }),
    stop() {
      stopped = true;
      stopNow();
    },
  };
}

const subtract = (a: string, b: string): string => dec(a).minus(dec(b)).toFixed();
const add = (a: string, b: string): string => dec(a).plus(dec(b)).toFixed();
const multiply = (a: string, b: string): string => dec(a).times(dec(b)).toFixed();
