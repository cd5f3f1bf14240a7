// JSON-lines log with a registry of secrets: every registered string (API key, private key, one-time password) is
// replaced by [redacted] wherever it appears, in messages, fields, keys and error stacks, before a line is written.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../src-shared/clock';
import { systemClock } from './clock';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  readonly path: string;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Registers strings that must never reach the log; empty strings are ignored. */
  redact(values: string[]): void;
}

export interface LoggerOptions {
  /** Absolute folder; created when missing. */
  dir: string;
  /** File name without extension; the default is oc9-console. */
  name?: string;
  /** Lowest level written; the default is info. */
  level?: LogLevel;
  clock?: Pick<Clock, 'now'>;
}

export const REDACTED = '[redacted]';

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// values under these field names are credentials even when nobody registered them
const SENSITIVE_FIELD = /^(secret|private[-_]?key|api[-_]?key|api[-_]?sign|otp|password|authorization)$/i;
const MAX_DEPTH = 8;

export function createLogger(options: LoggerOptions): Logger {
  const path = join(options.dir, `${options.name ?? 'oc9-console'}.log`);
  const minRank = LEVEL_RANK[options.level ?? 'info'];
  const clock = options.clock ?? systemClock;
  mkdirSync(options.dir, { recursive: true });
  // each secret with the forms it takes inside a JSON line or a URL-encoded body; longest first so a secret that
  // contains another is replaced whole
  let secrets: string[] = [];

  const scrub = (text: string): string =>
    secrets.reduce((out, secret) => (out.includes(secret) ? out.split(secret).join(REDACTED) : out), text);

  const containsSecret = (line: string): boolean => secrets.some((secret) => line.includes(secret));

  const loggable = (value: unknown, depth: number, seen: WeakSet<object>): unknown => {
    if (typeof value === 'string') return scrub(value);
    if (typeof value === 'number' || typeof value === 'bigint') {
      const text = String(value);
      return scrub(text) === text ? (typeof value === 'number' ? value : text) : REDACTED;
    }
    if (value === null || value === undefined || typeof value === 'boolean') return value;
    if (typeof value === 'symbol') return scrub(value.toString());
    if (typeof value === 'function') return '[function]';
    if (seen.has(value)) return '[circular]';
    if (depth >= MAX_DEPTH) return '[too deep]';
    seen.add(value);
    try {
      if (value instanceof Error) {
        const { name, message, stack, cause } = value;
        const own = loggable({ ...value }, depth + 1, seen) as Record<string, unknown>;
        const shape: Record<string, unknown> = { ...own, name: scrub(name), message: scrub(message), stack: scrub(stack ?? '') };
        if (cause !== undefined) shape['cause'] = loggable(cause, depth + 1, seen);
        return shape;
      }
      if (Array.isArray(value)) return value.map((item) => loggable(item, depth + 1, seen));
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return loggable(toJSON.call(value), depth + 1, seen);
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(value)) {
        out[scrub(key)] = SENSITIVE_FIELD.test(key) && typeof field === 'string' ? REDACTED : loggable(field, depth + 1, seen);
      }
      return out;
    } finally {
      seen.delete(value);
    }
  };

  const write = (level: LogLevel, message: string, fields: LogFields | undefined) => {
    if (LEVEL_RANK[level] < minRank) return;
    const head = { time: new Date(clock.now()).toISOString(), level, msg: message };
    const line = JSON.stringify(loggable({ ...head, ...renameReserved(fields ?? {}) }, 0, new WeakSet()));
    // a secret can still surface where JSON escaping meets structure; then the line is withheld, never written
    const safe = [line, JSON.stringify(loggable({ ...head, msg: REDACTED, withheld: true }, 0, new WeakSet()))].find(
      (candidate) => !containsSecret(candidate),
    );
    if (safe === undefined) return;
    try {
      appendFileSync(path, `${safe}\n`, { mode: 0o600 });
    } catch {
      // a full disk or a removed folder must not turn logging into a crash of the operation being logged
    }
  };

  return {
    path,
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    redact(values) {
      const forms = values
        .filter((v) => v !== '')
        .flatMap((v) => [v, JSON.stringify(v).slice(1, -1), encodeURIComponentSafe(v)]);
      secrets = [...new Set([...secrets, ...forms])].sort((a, b) => b.length - a.length);
    },
  };
}

function renameReserved(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key === 'time' || key === 'level' || key === 'msg' ? `field.${key}` : key] = value;
  }
  return out;
}

function encodeURIComponentSafe(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // lone surrogates cannot be URI-encoded; the raw and JSON forms still cover them
    return value;
  }
}
