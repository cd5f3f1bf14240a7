// One WebSocket v2 connection to Kraken (framing by `ws`): requests answered by req_id, messages parsed with every
// number kept as text, an application ping while idle, and a watchdog that calls a silent connection dead.
import WebSocket from 'ws';
import type { Clock } from '../../src-shared/clock';
import { parseKrakenWsJson } from './kraken-json';

/** A channel message (snapshot or update), numbers as text. */
export interface WsChannelMessage {
  channel: string;
  type?: string;
  data?: unknown;
  sequence?: string;
}

export interface WsAck {
  method: string;
  success?: boolean;
  error?: string;
  result?: Record<string, unknown>;
  req_id?: string;
  symbol?: string;
}

export interface WsConnectionOptions {
  url: string;
  clock: Clock;
  onMessage(message: WsChannelMessage): void;
  /** Once, however it ended: closed by either side, failed, or silent past `staleMs`. */
  onClose(reason: 'closed' | 'stale' | 'error'): void;
  /** Nothing heard for this long (heartbeats come every second): the connection is dead. Default 10 s. */
  staleMs?: number;
  /** Waiting longer than this for the socket to open fails the attempt. Default 10 s. */
  openTimeoutMs?: number;
}

export interface WsConnection {
  /** Sends a request and waits for its acknowledgement (the first, for a request Kraken answers per symbol). */
  request(method: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<WsAck>;
  close(): void;
}

export class WsRequestError extends Error {
  constructor(readonly krakenError: string) {
    super(krakenError);
  }
}

/** A received frame's text (ws hands over a Buffer, or its fragments). */
function textOf(data: WebSocket.RawData): string {
  return Buffer.isBuffer(data)
    ? data.toString('utf8')
    : Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(new Uint8Array(data)).toString('utf8');
}

/** Waits `ms` on the clock, or less once `done` settles. */
function pause(clock: Clock, ms: number, done: Promise<void>): Promise<void> {
  return Promise.race([clock.sleep(ms), done]);
}

export function openWsConnection(options: WsConnectionOptions): Promise<WsConnection> {
  const { clock } = options;
  const staleMs = options.staleMs ?? 10_000;
  const socket = new WebSocket(options.url, { handshakeTimeout: options.openTimeoutMs ?? 10_000 });
  const waiting = new Map<string, { resolve: (ack: WsAck) => void; reject: (error: Error) => void }>();
  let nextReqId = 1;
  let lastHeard = clock.now();
  let ended = false;
  let markEnded: () => void = () => undefined;
  const endedPromise = new Promise<void>((resolve) => (markEnded = resolve));

  const end = (reason: 'closed' | 'stale' | 'error'): void => {
    if (ended) return;
    ended = true;
    markEnded();
    socket.terminate();
    for (const { reject } of waiting.values())
      reject(new Error(`The live feed's connection ${reason === 'stale' ? 'went silent' : 'closed'}.`));
    waiting.clear();
    options.onClose(reason);
  };

  socket.on('message', (data) => {
    lastHeard = clock.now();
    let message: Record<string, unknown>;
    try {
      message = parseKrakenWsJson(textOf(data)) as Record<string, unknown>;
    } catch {
      return; // not JSON: nothing a reader can use
    }
    if (typeof message['method'] === 'string') {
      const ack = message as unknown as WsAck;
      const id = ack.req_id;
      const pending = id === undefined ? undefined : waiting.get(id);
      if (pending && id !== undefined) {
        waiting.delete(id);
        pending.resolve(ack);
      }
      return;
    }
    if (typeof message['channel'] === 'string' && message['channel'] !== 'heartbeat') {
      options.onMessage(message as unknown as WsChannelMessage);
    }
  });
  socket.on('close', () => end('closed'));
  socket.on('error', () => end('error'));

  const connection: WsConnection = {
    request(method, params, timeoutMs = 10_000) {
      if (ended || socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error('The live feed is not connected.'));
      const reqId = nextReqId++;
      return new Promise<WsAck>((resolve, reject) => {
        waiting.set(String(reqId), { resolve, reject });
        socket.send(JSON.stringify({ method, ...(params ? { params } : {}), req_id: reqId }));
        void pause(clock, timeoutMs, endedPromise).then(() => {
          if (!waiting.delete(String(reqId))) return;
          reject(new Error(`Kraken did not answer the live feed's ${method} in time.`));
        });
      });
    },
    close: () => end('closed'),
  };

  // Kraken's heartbeats prove the line alive; a ping asks for a pong when nothing else came for a while
  const watch = async (): Promise<void> => {
    while (!ended) {
      await pause(clock, staleMs / 4, endedPromise);
      if (ended) return;
      const silent = clock.now() - lastHeard;
      if (silent >= staleMs) return end('stale');
      if (silent >= staleMs / 5) socket.send(JSON.stringify({ method: 'ping' }));
    }
  };

  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      lastHeard = clock.now();
      void watch();
      resolve(connection);
    });
    socket.once('error', (error) => reject(error));
    socket.once('close', () => reject(new Error('The live feed closed before it opened.')));
  });
}
