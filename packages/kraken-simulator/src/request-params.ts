// Kraken accepts form-encoded and JSON bodies; both become flat string parameters. The nonce is read from the raw
// text because a nanosecond nonce does not survive JSON.parse into a JS number.
import { KrakenError } from './kraken-error';

export type Params = Readonly<Record<string, string>>;

export interface ParsedBody {
  params: Params;
  /** The nonce exactly as sent, digits only, if present. */
  nonce?: string;
}

export function parseBody(raw: string, contentType: string | undefined): ParsedBody {
  const isJson = contentType?.includes('application/json') ?? raw.trimStart().startsWith('{');
  return isJson ? parseJsonBody(raw) : parseFormBody(raw);
}

export function parseFormBody(raw: string): ParsedBody {
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    if (!(name in params)) params[name] = value;
  }
  return { params, nonce: params.nonce };
}

function parseJsonBody(raw: string): ParsedBody {
  let data: unknown;
  try {
    data = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    throw new KrakenError('EGeneral:Invalid arguments');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new KrakenError('EGeneral:Invalid arguments');
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
    const text = flatten(value);
    if (text !== undefined) params[name] = text;
  }
  const exactNonce = /"nonce"\s*:\s*"?(\d+)"?/.exec(raw)?.[1];
  if (exactNonce !== undefined) params.nonce = exactNonce;
  return { params, nonce: params.nonce };
}

function flatten(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((item) => flatten(item) ?? '').join(',');
  return undefined;
}

export function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

/** A comma list parameter, blanks dropped. */
export function listParam(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
