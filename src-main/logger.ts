// JSON-lines log with a registry of secrets: every registered string (API key, private key, one-time password), in
// any of its derived forms and any long enough piece of one, is replaced by [redacted] wherever it appears (messages,
// fields, keys, error stacks) before a line is written; so are values under credential-like field names and the
// user name and password of any URL.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../src-shared/clock';
import { systemClock } from '../src-shared/clock';
import { secretForms } from './secret-forms';

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
// values under field names like these are credentials even when nobody registered them (apiSecret, x-api-sign…)
const SENSITIVE_FIELD = /secret|private.?key|api.?key|api.?sign|otp|passw|passphrase|token|authori[sz]ation|credential|signature|cookie/i;
// …except the key's last four characters, which the app shows anyway
const SHOWN_FIELD = /last4$/i;
// a run this long of any form of a secret is a piece of it (an 80-character prefix, half of it in another field)
const WINDOW = 12;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;
const MAX_DEPTH = 8;

export function createLogger(options: LoggerOptions): Logger {
  const path = join(options.dir, `${options.name ?? 'oc9-console'}.log`);
  const minRank = LEVEL_RANK[options.level ?? 'info'];
  const clock = options.clock ?? systemClock;
  mkdirSync(options.dir, { recursive: true });
  // whole forms, longest first so a secret that contains another is replaced whole; and every WINDOW-long piece
  let secrets: string[] = [];
  const pieces = new Set<string>();

  /** Marks every character covered by a known piece of a secret, then replaces each marked run. */
  const scrubPieces = (text: string): string => {
    if (pieces.size === 0 || text.length < WINDOW) return text;
    const marked = new Uint8Array(text.length);
    let any = false;
    for (let i = 0; i + WINDOW <= text.length; i++) {
      if (pieces.has(text.slice(i, i + WINDOW))) {
        marked.fill(1, i, i + WINDOW);
        any = true;
      }
    }
    if (!any) return text;
    let out = '';
    for (let i = 0; i < text.length; i++) {
      if (marked[i] === 0) out += text[i];
      else if (i === 0 || marked[i - 1] === 0) out += REDACTED;
    }
    return out;
  };

  const scrub = (text: string): string =>
    scrubPieces(secrets.reduce((out, secret) => (out.includes(secret) ? out.split(secret).join(REDACTED) : out), text)).replace(
      URL_USERINFO,
      `$1${REDACTED}@`,
    );

  const containsSecret = (line: string): boolean => scrub(line) !== line;

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
        const hidden =
          SENSITIVE_FIELD.test(key) && !SHOWN_FIELD.test(key) && field !== null && field !== undefined && typeof field !== 'boolean';
        out[scrub(key)] = hidden ? REDACTED : loggable(field, depth + 1, seen);
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
      const forms = values.filter((v) => v !== '').flatMap(secretForms);
      secrets = [...new Set([...secrets, ...forms])].sort((a, b) => b.length - a.length);
      for (const form of forms) {
        for (let i = 0; i + WINDOW <= form.length; i++) pieces.add(form.slice(i, i + WINDOW));
      }
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
