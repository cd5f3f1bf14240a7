// Dispatches HTTP requests: Kraken's /0/public and /0/private paths (with injected faults), and the admin prefix.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buffer } from 'node:stream/consumers';
import { ADMIN_PREFIX, handleAdmin } from './admin';
import type { SimContext } from './context';
import { CLOUDFLARE_PAGE, type FaultSpec } from './faults';
import { KrakenError } from './kraken-error';
import { privateMethods } from './private-api';
import { publicMethods } from './public-api';
import { REST_LIMITS } from './rate-counter';
import { parseBody, parseFormBody } from './request-params';
import { driftBody, isDrift } from './schema-drift';
import { errorBody, resultBody, send } from './responses';

const MAX_BODY_BYTES = 1024 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';
const KRAKEN_PATH = /^\/0\/(public|private)\/([A-Za-z]+)$/;

export function createRequestHandler(ctx: SimContext, admin: boolean): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res, ctx, admin).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'simulator failure');
      else res.destroy();
    });
  };
}

/** The request's body; a body over the cap fails the request (answered 500, as a misbehaving front end would). */
async function bodyOf(req: IncomingMessage): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw new RangeError('request body too large');
  const body = await buffer(req);
  if (body.length > MAX_BODY_BYTES) throw new RangeError('request body too large');
  return body.toString('utf8');
}

function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host);
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: SimContext, admin: boolean): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const raw = await bodyOf(req);
  if (url.pathname.startsWith(ADMIN_PREFIX) && admin) {
    // a page on another site can make the browser reach loopback (DNS rebinding); admin answers only loopback names
    if (!isLoopbackHost(req.headers.host)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
    handleAdmin(req, res, url.pathname, raw, ctx);
    return;
  }
  const match = KRAKEN_PATH.exec(url.pathname);
  if (!match) {
    send(res, 404, 'text/plain; charset=utf-8', 'Not Found');
    return;
  }
  const [, kind, method = ''] = match;
  ctx.requestCounts.set(method, (ctx.requestCounts.get(method) ?? 0) + 1);
  const fault = ctx.faults.take(method);
  if (fault?.kind === 'busy') return send(res, 200, JSON_TYPE, errorBody(['EService:Busy']));
  if (fault?.kind === 'unavailable') return send(res, 200, JSON_TYPE, errorBody(['EService:Unavailable']));
  if (fault && isBrokenAnswer(fault) && !fault.afterExecution) return sendBroken(res, fault);
  const answered = kind === 'public' ? runPublic(method, url, raw, ctx) : runPrivate(method, url.pathname, req, raw, ctx, fault);
  const body = fault && isDrift(fault.kind) ? driftBody(answered, fault.kind, method) : answered;
  if (fault && isBrokenAnswer(fault)) return sendBroken(res, fault);
  // Latency delays the answer, not the work: a slow answer to AddOrder still placed the order.
  if (fault?.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.ms));
  send(res, 200, JSON_TYPE, fault?.kind === 'truncated' ? body.slice(0, Math.max(1, Math.floor(body.length / 2))) : body);
}

function runPublic(method: string, url: URL, raw: string, ctx: SimContext): string {
  const run = publicMethods[method];
  if (!run) return errorBody(['EGeneral:Unknown method']);
  const params = { ...Object.fromEntries(url.searchParams), ...parseFormBody(raw).params };
  return answer(() => run(params, ctx));
}

function runPrivate(method: string, path: string, req: IncomingMessage, raw: string, ctx: SimContext, fault?: FaultSpec): string {
  const endpoint = privateMethods[method];
  if (!endpoint) return errorBody(['EGeneral:Unknown method']);
  if (req.method !== 'POST') return errorBody(['EGeneral:Invalid arguments']);
  return answer(() => {
    const { params, nonce } = parseBody(raw, req.headers['content-type']);
    if (fault) otherClientOnSameKey(fault, header(req, 'api-key'), nonce, ctx);
    const auth = ctx.gatekeeper.authenticate({
      path,
      apiKey: header(req, 'api-key'),
      apiSign: header(req, 'api-sign'),
      rawBody: raw,
      nonce,
      otp: params.otp,
    });
    if (!auth.ok) throw new KrakenError(auth.error);
    const { key } = auth;
    if (ctx.settings.systemStatus === 'maintenance') throw new KrakenError('EService:Unavailable');
    if (endpoint.anyOf.length > 0 && !endpoint.anyOf.some((p) => key.config.permissions.includes(p))) {
      throw new KrakenError('EGeneral:Permission denied');
    }
    const counter = ctx.restCounters.get(key.config.key, REST_LIMITS[key.config.tier]);
    if (!counter.tryAdd(endpoint.cost(ctx.settings))) throw new KrakenError('EAPI:Rate limit exceeded');
    return endpoint.run(params, key, ctx);
  });
}

/** Another program using the same key just before this call: its higher nonce landed first, or it spent the counter. */
function otherClientOnSameKey(fault: FaultSpec, apiKey: string | undefined, nonce: string | undefined, ctx: SimContext): void {
  const key = apiKey === undefined ? undefined : ctx.gatekeeper.find(apiKey);
  if (!key) return;
  // the other program's call, one nonce above this one, reached Kraken first
  if (fault.kind === 'other-client-nonce' && nonce !== undefined && /^\d+$/.test(nonce)) {
    key.lastNonce = BigInt(nonce) + 1n > key.lastNonce ? BigInt(nonce) + 1n : key.lastNonce;
  }
  if (fault.kind === 'other-client-rate') {
    const counter = ctx.restCounters.get(key.config.key, REST_LIMITS[key.config.tier]);
    counter.add(Math.max(0, REST_LIMITS[key.config.tier].max - counter.value()));
  }
}

function answer(run: () => unknown): string {
  try {
    return resultBody(run());
  } catch (error) {
    if (error instanceof KrakenError) return errorBody([error.code]);
    return errorBody(['EGeneral:Internal error']);
  }
}

function isBrokenAnswer(fault: FaultSpec): boolean {
  return fault.kind === 'http-error' || fault.kind === 'html';
}

function sendBroken(res: ServerResponse, fault: FaultSpec): void {
  if (fault.kind === 'html') send(res, fault.status ?? 200, 'text/html; charset=utf-8', CLOUDFLARE_PAGE);
  else send(res, fault.status ?? 500, 'text/plain; charset=utf-8', `${fault.status ?? 500} Server Error`);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
