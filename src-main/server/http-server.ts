// Browser mode: the same main-side services behind node:http on loopback, for e2e tests and headless hosts.
// Every call needs the per-run token; foreign Host/Origin headers are refused (DNS rebinding, cross-site pages).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { RENDERER_CSP } from '../../src-shared/csp';
import type { ContractHost } from '../app/contract-host';
import { BodyTooLarge, readBody } from '../http/read-body';

export interface BrowserServerOptions {
  host: ContractHost;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface RunningBrowserServer {
  /** The address to open, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function decodesCleanly(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<RunningBrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererRoot = normalize(options.rendererDir);
  const openStreams = new Set<ServerResponse>();
  let allowedHosts = new Set<string>();

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hostHeader = req.headers.host ?? '';
    if (!allowedHosts.has(hostHeader)) return sendJson(res, 403, { error: 'foreign Host header' });
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      return sendJson(res, 403, { error: 'foreign Origin header' });
    }
    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    if (!decodesCleanly(url.pathname)) return sendJson(res, 400, { error: 'malformed %-encoding in the path' });

    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
    return serveStatic(res, url.pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!tokenMatches(token, url.searchParams.get('token'))) return sendJson(res, 401, { error: 'missing or wrong token' });
      return openEventStream(req, res);
    }
    const callMatch = /^\/api\/call\/([\w.:-]+)$/.exec(url.pathname);
    if (!callMatch?.[1] || req.method !== 'POST') return sendJson(res, 404, { error: 'no such endpoint' });
    if (!tokenMatches(token, req.headers['x-oc9-token'] as string | undefined)) {
      return sendJson(res, 401, { error: 'missing or wrong token' });
    }
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      return sendJson(res, 415, { error: 'calls must be sent as content-type: application/json' });
    }
    let input: unknown;
    try {
      const text = await readBody(req, MAX_BODY_BYTES);
      input = text.length === 0 ? {} : JSON.parse(text);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        return sendJson(res, 413, { error: `the request body must be at most ${MAX_BODY_BYTES} bytes` });
      }
      return sendJson(res, 400, { error: 'the request body must be JSON' });
    }
    // a client that goes away before its answer abandons the call: its Kraken calls stop
    const abandoned = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abandoned.abort();
    });
    sendJson(res, 200, await options.host.dispatch(callMatch[1], input, abandoned.signal));
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    openStreams.add(res);
    const unsubscribe = options.host.subscribe((name, payload) => {
      res.write(`data: ${JSON.stringify({ name, payload })}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      openStreams.delete(res);
    });
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const filePath = normalize(join(rendererRoot, relative));
    if (!filePath.startsWith(rendererRoot + sep)) return sendJson(res, 404, { error: 'not found' });
    try {
      const body = await readFile(filePath);
      const headers: Record<string, string> = {
        'content-type': CONTENT_TYPES[extname(filePath)] ?? 'application/octet-stream',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      };
      if (filePath.endsWith('.html')) {
        headers['content-security-policy'] = RENDERER_CSP;
        headers['referrer-policy'] = 'no-referrer';
        headers['x-frame-options'] = 'DENY';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      sendJson(res, 404, { error: 'not found' });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    stop: async () => {
      for (const stream of openStreams) stream.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // a browser's keep-alive sockets would otherwise hold the close open
      server.closeAllConnections();
      await closed;
    },
  };
}
