// One HTTP exchange with Kraken: a real-time timeout, then the answer checked layer by layer (status, web page,
// cut-off or foreign body, envelope, Kraken's error strings), each failure becoming a KrakenCallError.
import type { Clock } from '../../src-shared/clock';
import { cancelledCall, fromKrakenErrors, transportFailure } from './kraken-errors';
import { parseKrakenJson } from './kraken-json';
import { Envelope, validateResult } from './schemas';

export interface TransportOptions {
  fetch: typeof fetch;
  /** Real milliseconds: a network wait is not virtual time. */
  timeoutMs: number;
  clock: Clock;
}

export interface HttpRequest {
  /** Kraken's method name, for messages. */
  method: string;
  url: string;
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string };
  /** The abandoned call's signal: the exchange stops, and nothing more is sent. */
  signal?: AbortSignal | undefined;
}

/** The `result` of a successful answer (not yet checked against the method's schema). */
export async function exchange(request: HttpRequest, options: TransportOptions): Promise<unknown> {
  const { method } = request;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  let status: number;
  let contentType: string;
  let text: string;
  try {
    // a redirect would re-send API-Key, API-Sign and the body (2FA password included) to wherever it points
    const signal = request.signal ? AbortSignal.any([controller.signal, request.signal]) : controller.signal;
    const response = await options.fetch(request.url, { ...request.init, redirect: 'manual', signal });
    status = response.status;
    contentType = response.headers.get('content-type') ?? '';
    text = await response.text();
  } catch {
    if (request.signal?.aborted) throw cancelledCall(method);
    throw controller.signal.aborted
      ? transportFailure(method, { kind: 'timeout', timeoutMs: options.timeoutMs })
      : transportFailure(method, { kind: 'network' });
  } finally {
    clearTimeout(timer);
  }
  if (status >= 300 && status <= 399) throw transportFailure(method, { kind: 'redirect', status });
  if (isHtml(contentType, text)) throw transportFailure(method, { kind: 'html', status });
  if (status < 200 || status > 299) throw transportFailure(method, { kind: 'http-status', status });
  const envelope = validateResult(method, Envelope, parseJson(method, text));
  if (envelope.error.some((e) => e.startsWith('E'))) throw fromKrakenErrors(method, envelope.error, options.clock.now());
  return envelope.result;
}

function isHtml(contentType: string, text: string): boolean {
  return contentType.includes('text/html') || /^\s*<(!doctype|html|head|body)/i.test(text);
}

function parseJson(method: string, text: string): unknown {
  try {
    return parseKrakenJson(text);
  } catch {
    const trimmed = text.trim();
    // JSON that starts well but does not parse was cut off on the way
    const cutOff = trimmed === '' || trimmed.startsWith('{') || trimmed.startsWith('[');
    throw transportFailure(method, { kind: cutOff ? 'truncated' : 'not-json' });
  }
}
