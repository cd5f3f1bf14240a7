// Kraken's envelope — always HTTP 200 with {"error":[...],"result":...}, `result` omitted on error — and the raw
// HTTP writers the router and the admin share.
import type { ServerResponse } from 'node:http';

export function resultBody(result: unknown): string {
  return JSON.stringify({ error: [], result });
}

export function errorBody(errors: readonly string[]): string {
  return JSON.stringify({ error: errors });
}

export function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
