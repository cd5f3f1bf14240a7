// A minimal Kraken caller for the simulator's own tests (the app's real client lives in src-main/kraken/): signs
// exactly as Kraken documents and can be told to get things wrong on purpose.
import { request, type Agent } from 'node:http';
import { expectedSignature } from './signature';

/** Kraken's JSON, with each `time` kept as the text Kraken wrote (more digits than a double holds). */
function parseAnswer(text: string): unknown {
  return JSON.parse(text, (key, value: unknown, context?: { source?: string }) =>
    key === 'time' && typeof value === 'number' ? (context?.source ?? String(value)) : value,
  );
}

export interface Envelope<T> {
  error: string[];
  result?: T;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
}

export interface Credentials {
  key: string;
  secret: string;
}

export interface PrivateCallOptions {
  json?: boolean;
  nonce?: string;
  /** Sign with this secret instead (a wrong one makes a bad signature). */
  signWith?: string;
  agent?: Agent;
}

type ParamValue = string | number | boolean;

let lastNonce = BigInt(Date.now()) * 1000n;
export function nextNonce(): string {
  lastNonce += 1n;
  return lastNonce.toString();
}

export function httpCall(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; agent?: Agent } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'] ?? '',
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export async function callPublic<T>(baseUrl: string, method: string, query: Record<string, string> = {}): Promise<Envelope<T>> {
  const search = new URLSearchParams(query).toString();
  const answer = await httpCall(`${baseUrl}/0/public/${method}${search ? `?${search}` : ''}`);
  return parseAnswer(answer.text) as Envelope<T>;
}

export async function postPrivate(
  baseUrl: string,
  credentials: Credentials,
  method: string,
  params: Record<string, ParamValue> = {},
  options: PrivateCallOptions = {},
): Promise<HttpAnswer> {
  const path = `/0/private/${method}`;
  const nonce = options.nonce ?? nextNonce();
  const body = options.json
    ? JSON.stringify({ nonce, ...params })
    : new URLSearchParams({ nonce, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) }).toString();
  return httpCall(`${baseUrl}${path}`, {
    method: 'POST',
    agent: options.agent,
    body,
    headers: {
      'content-type': options.json ? 'application/json' : 'application/x-www-form-urlencoded',
      'user-agent': 'oc9-simulator-tests',
      'api-key': credentials.key,
      'api-sign': expectedSignature(path, nonce, body, options.signWith ?? credentials.secret),
    },
  });
}

export async function callPrivate<T>(
  baseUrl: string,
  credentials: Credentials,
  method: string,
  params: Record<string, ParamValue> = {},
  options: PrivateCallOptions = {},
): Promise<Envelope<T>> {
  const answer = await postPrivate(baseUrl, credentials, method, params, options);
  return parseAnswer(answer.text) as Envelope<T>;
}

export async function callAdmin<T>(baseUrl: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const answer = await httpCall(`${baseUrl}/__sim/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: answer.status, body: parseAnswer(answer.text) as T };
}
