// Kraken's WebSocket v2 on the simulator's own port: public (`/ws/v2`: ticker) and private (`/ws-auth/v2`: balances
// and executions with a GetWebSocketsToken token), with the message shapes, acknowledgements, errors, heartbeats,
// ping/pong and per-channel sequence numbers of Kraken's documentation, and the admin faults of ws-faults.ts.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { createWsNames, type WsNames } from '../../../src-shared/ws-names';
import { rfc3339OfKrakenTime } from '../../../src-shared/kraken-time';
import type { SimContext } from './context';
import { jsonNumber } from './json-number';
import type { LedgerEntry } from './ledger-book';
import type { Order } from './order-records';

export const WS_PUBLIC_PATH = '/ws/v2';
export const WS_PRIVATE_PATH = '/ws-auth/v2';

type Channel = 'balances' | 'executions' | 'ticker';

interface Connection {
  socket: WebSocket;
  private: boolean;
  /** Subscribed channels and the last sequence number sent on each. */
  sequences: Map<Channel, number>;
  symbols: Set<string>;
  /** Stalled: open, but nothing is sent any more (the admin's `stall`). */
  stalled: boolean;
  sentSinceTick: boolean;
}

export interface WsFeedServer {
  close(): void;
}

const now = (ctx: SimContext): string => new Date(ctx.clock.now()).toISOString();
const num = (text: string): unknown => jsonNumber(text);

/** Serves the feed on `server`'s upgrade requests; `tickMs` (real time) paces heartbeats and order and price checks. */
export function attachWsFeed(server: Server, ctx: SimContext, tickMs = 1000): WsFeedServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const connections = new Set<Connection>();
  const { account } = ctx;
  const names = (): WsNames =>
    createWsNames(
      Object.fromEntries(account.market.assetList().map((a) => [a.id, a])),
      Object.fromEntries(account.market.pairList().map((p) => [p.id, p])),
    );

  const send = (conn: Connection, message: Record<string, unknown>): void => {
    if (conn.stalled || conn.socket.readyState !== conn.socket.OPEN) return;
    conn.sentSinceTick = true;
    conn.socket.send(JSON.stringify(message));
  };
  const ack = (conn: Connection, method: string, reqId: unknown, timeIn: string, body: Record<string, unknown>): void =>
    send(conn, { method, ...body, time_in: timeIn, time_out: now(ctx), ...(reqId === undefined ? {} : { req_id: reqId }) });
  /** Sends a channel message with the channel's next sequence number, unless a skip fault loses it. */
  const sequenced = (conn: Connection, channel: Channel, message: Record<string, unknown>, faults: boolean): void => {
    const sequence = (conn.sequences.get(channel) ?? 0) + 1;
    conn.sequences.set(channel, sequence);
    if (faults && ctx.wsFaults.take('skip-sequence')) return;
    send(conn, { ...message, sequence });
    if (faults && ctx.wsFaults.take('duplicate')) send(conn, { ...message, sequence });
  };

  const balancesSnapshot = (): Record<string, unknown>[] => {
    const ws = names();
    const byAsset = new Map<string, { wallets: Record<string, unknown>[]; total: ReturnType<typeof account.balance> }>();
    for (const id of account.ledger.assets()) {
      const wallet = ws.walletOf(id);
      if (wallet === null) continue;
      const balance = account.balance(id);
      const held = byAsset.get(wallet.asset) ?? { wallets: [], total: balance.minus(balance) };
      held.wallets.push({ type: wallet.walletType, id: wallet.walletId, balance: num(account.market.format(id, balance)) });
      held.total = held.total.plus(balance);
      byAsset.set(wallet.asset, held);
    }
    return [...byAsset].map(([asset, { wallets, total }]) => ({ asset, asset_class: 'currency', balance: num(total.toFixed()), wallets }));
  };

  const ledgerUpdate = (entry: LedgerEntry, ws: WsNames): Record<string, unknown> | null => {
    const wallet = ws.walletOf(entry.asset);
    if (wallet === null) return null;
    const { market } = account;
    return {
      ledger_id: entry.id,
      ref_id: entry.refid,
      timestamp: rfc3339OfKrakenTime(entry.time),
      type: entry.type,
      subtype: entry.subtype,
      asset: wallet.asset,
      asset_class: entry.aclass,
      category: entry.subtype === '' ? entry.type : entry.subtype,
      wallet_type: wallet.walletType,
      wallet_id: wallet.walletId,
      amount: num(market.format(entry.asset, entry.amount)),
      fee: num(market.format(entry.asset, entry.fee)),
      balance: num(market.format(entry.asset, entry.balance)),
    };
  };

  const orderReport = (order: Order, ws: WsNames, execType: string, status: string): Record<string, unknown> => {
    const pair = account.market.pair(order.pair);
    return {
      order_id: order.txid,
      ...(order.cl_ord_id === undefined ? {} : { cl_ord_id: order.cl_ord_id }),
      order_userref: order.userref ?? 0,
      exec_type: execType,
      order_status: status,
      symbol: ws.symbolOf(order.pair) ?? pair.wsname,
      side: order.type,
      order_type: order.ordertype,
      order_qty: num(order.volume.toFixed(pair.lot_decimals)),
      cum_qty: num(order.volExec.toFixed(pair.lot_decimals)),
      cum_cost: num(order.cost.toFixed(pair.cost_decimals)),
      limit_price: num(order.price.toFixed(pair.pair_decimals)),
      time_in_force: 'GTC',
      timestamp: new Date((order.closetm ?? order.opentm) * 1000).toISOString(),
    };
  };

  const tickerData = (pairId: string, symbol: string): Record<string, unknown> => {
    const pair = account.market.pair(pairId);
    const quote = account.market.quote(pairId);
    const fixed = (value: typeof quote.bid) => num(value.toFixed(pair.pair_decimals));
    const change = quote.last.minus(quote.open);
    return {
      symbol,
      bid: fixed(quote.bid),
      bid_qty: num(quote.bidLot[1]),
      ask: fixed(quote.ask),
      ask_qty: num(quote.askLot[1]),
      last: fixed(quote.last),
      volume: num(quote.v[1]),
      vwap: num(quote.p[1]),
      low: fixed(quote.l[1]),
      high: fixed(quote.h[1]),
      change: fixed(change),
      change_pct: num(quote.open.isZero() ? '0' : change.div(quote.open).times(100).toFixed(2)),
    };
  };

  // what each connection was last told, so the tick sends only what changed
  const lastOrders = new Map<Connection, Map<string, string>>();
  const lastPrices = new Map<Connection, Map<string, string>>();

  const orderState = (order: Order): string => `${order.status}|${order.volExec.toFixed()}`;
  const checkOrders = (conn: Connection, ws: WsNames): void => {
    const seen = lastOrders.get(conn);
    if (seen === undefined) return;
    const reports: Record<string, unknown>[] = [];
    for (const order of account.openOrders.values()) {
      const before = seen.get(order.txid);
      if (before === orderState(order)) continue;
      reports.push(before === undefined ? orderReport(order, ws, 'new', 'new') : orderReport(order, ws, 'trade', 'partially_filled'));
      seen.set(order.txid, orderState(order));
    }
    for (const txid of [...seen.keys()]) {
      if (account.openOrders.has(txid)) continue;
      seen.delete(txid);
      const closed = account.closedOrders.find((o) => o.txid === txid);
      if (closed === undefined) continue;
      const status = closed.status === 'canceled' ? 'canceled' : 'filled';
      reports.push(orderReport(closed, ws, status, status));
    }
    if (reports.length > 0) sequenced(conn, 'executions', { channel: 'executions', type: 'update', data: reports }, false);
  };
  const checkPrices = (conn: Connection, ws: WsNames): void => {
    const seen = lastPrices.get(conn);
    if (seen === undefined) return;
    for (const symbol of conn.symbols) {
      const pairId = ws.pairIdOf(symbol);
      if (pairId === null) continue;
      const data = tickerData(pairId, symbol);
      const text = JSON.stringify(data);
      if (seen.get(symbol) === text) continue;
      seen.set(symbol, text);
      send(conn, { channel: 'ticker', type: 'update', data: [data] });
    }
  };

  const subscribe = (conn: Connection, params: Record<string, unknown>, reqId: unknown, timeIn: string): void => {
    const channel = params['channel'];
    const fail = (error: string, extra: Record<string, unknown> = {}) =>
      ack(conn, 'subscribe', reqId, timeIn, { success: false, error, ...extra });
    const ws = names();
    if (channel === 'balances' || channel === 'executions') {
      if (!conn.private) return fail('EGeneral:Invalid arguments:channel not supported on this endpoint');
      const token = params['token'];
      if (typeof token !== 'string' || ctx.wsFaults.take('reject-token') || ctx.wsTokens.keyOf(token) === undefined) {
        return fail('ESession:Invalid session');
      }
      const snapshot = params['snapshot'] !== false && params['snap_orders'] !== false;
      ack(conn, 'subscribe', reqId, timeIn, { success: true, result: { channel, snapshot } });
      conn.sequences.set(channel, conn.sequences.get(channel) ?? 0);
      if (channel === 'balances') {
        if (snapshot) sequenced(conn, 'balances', { channel, type: 'snapshot', data: balancesSnapshot() }, false);
      } else {
        const open = [...account.openOrders.values()];
        lastOrders.set(conn, new Map(open.map((o) => [o.txid, orderState(o)])));
        if (snapshot)
          sequenced(conn, 'executions', { channel, type: 'snapshot', data: open.map((o) => orderReport(o, ws, 'new', 'new')) }, false);
      }
      return;
    }
    if (channel === 'ticker') {
      const symbols = params['symbol'];
      if (!Array.isArray(symbols) || symbols.length === 0) return fail('EGeneral:Invalid arguments:symbol');
      const prices = lastPrices.get(conn) ?? new Map<string, string>();
      lastPrices.set(conn, prices);
      for (const symbol of symbols) {
        const pairId = typeof symbol === 'string' ? ws.pairIdOf(symbol) : null;
        if (pairId === null) {
          fail(`Currency pair not supported ${String(symbol)}`, { symbol });
          continue;
        }
        const name = symbol as string;
        conn.symbols.add(name);
        ack(conn, 'subscribe', reqId, timeIn, {
          success: true,
          result: { channel: 'ticker', symbol: name, snapshot: params['snapshot'] !== false, event_trigger: 'trades' },
        });
        const data = tickerData(pairId, name);
        prices.set(name, JSON.stringify(data));
        if (params['snapshot'] !== false) send(conn, { channel: 'ticker', type: 'snapshot', data: [data] });
      }
      return;
    }
    fail('EGeneral:Invalid arguments:channel');
  };

  const onMessage = (conn: Connection, raw: string): void => {
    const timeIn = now(ctx);
    let request: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      request = parsed as Record<string, unknown>;
    } catch {
      return ack(conn, 'error', undefined, timeIn, { success: false, error: 'Malformed request' });
    }
    const reqId = request['req_id'];
    const params = (request['params'] ?? {}) as Record<string, unknown>;
    if (request['method'] === 'ping') return ack(conn, 'pong', reqId, timeIn, {});
    if (request['method'] === 'subscribe') return subscribe(conn, params, reqId, timeIn);
    if (request['method'] === 'unsubscribe') {
      const channel = params['channel'] as Channel;
      conn.sequences.delete(channel);
      if (channel === 'ticker') conn.symbols.clear();
      return ack(conn, 'unsubscribe', reqId, timeIn, { success: true, result: { channel } });
    }
    ack(conn, typeof request['method'] === 'string' ? request['method'] : 'error', reqId, timeIn, {
      success: false,
      error: 'EGeneral:Invalid arguments:method',
    });
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    if (path !== WS_PUBLIC_PATH && path !== WS_PRIVATE_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (socket) => {
      const conn: Connection = {
        socket,
        private: path === WS_PRIVATE_PATH,
        sequences: new Map(),
        symbols: new Set(),
        stalled: false,
        sentSinceTick: false,
      };
      connections.add(conn);
      socket.on('message', (data) => {
        if (!conn.stalled)
          onMessage(
            conn,
            Buffer.isBuffer(data)
              ? data.toString('utf8')
              : Array.isArray(data)
                ? Buffer.concat(data).toString('utf8')
                : Buffer.from(new Uint8Array(data)).toString('utf8'),
          );
      });
      socket.on('close', () => {
        connections.delete(conn);
        lastOrders.delete(conn);
        lastPrices.delete(conn);
      });
      socket.on('error', () => socket.terminate());
    });
  };
  server.on('upgrade', onUpgrade);

  // every booked group goes out at once, one update per leg (a dust sweep's legs share their ref_id)
  const stopLedger = account.ledger.onPost((entries) => {
    const ws = names();
    for (const conn of connections) {
      if (!conn.sequences.has('balances')) continue;
      for (const entry of entries) {
        const update = ledgerUpdate(entry, ws);
        if (update !== null) sequenced(conn, 'balances', { channel: 'balances', type: 'update', data: [update] }, true);
      }
      if (conn.sequences.has('executions')) checkOrders(conn, ws);
    }
  });
  const stopFaults = ctx.wsFaults.onImmediate((kind) => {
    for (const conn of connections) {
      if (kind === 'drop') conn.socket.terminate();
      else conn.stalled = true;
    }
  });
  const timer = setInterval(() => {
    const ws = names();
    for (const conn of connections) {
      if (conn.sequences.has('executions')) checkOrders(conn, ws);
      if (conn.symbols.size > 0) checkPrices(conn, ws);
      // heartbeats come about once a second while subscribed, when nothing else was sent
      if (!conn.sentSinceTick && (conn.sequences.size > 0 || conn.symbols.size > 0)) send(conn, { channel: 'heartbeat' });
      conn.sentSinceTick = false;
    }
  }, tickMs);

  return {
    close() {
      clearInterval(timer);
      stopLedger();
      stopFaults();
      server.off('upgrade', onUpgrade);
      for (const conn of connections) conn.socket.terminate();
      wss.close();
    },
  };
}
