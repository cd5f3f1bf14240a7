import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../src-shared/errors';
import { createVirtualClock } from '../src-shared/clock';
import { createLogger } from './logger';

const API_KEY = 'Kx9mQ2vL7pR4tY8wZ1aB3cD5eF6gH0jN4sU7iO2kM9nV3xC1zE8bQ5wT6yR0uP3l';
const PRIVATE_KEY = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';
const OTP = '482913';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oc9-log-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const linesOf = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('createLogger', () => {
  it('writes one JSON object per line with time, level and message, at or above the chosen level', () => {
    const clock = createVirtualClock(Date.UTC(2026, 10, 1, 8, 0, 0));
    const log = createLogger({ dir: join(dir, 'logs'), level: 'info', clock });
    log.debug('hidden detail');
    log.info('ledger synced', { pages: 3, asset: 'XXBT', time: 'field named time' });
    log.warn('rate limit close', { counter: '14.5' });
    log.error('order failed', { error: new AppError('insufficient_funds', 'Not enough USD.') });

    expect(log.path).toBe(join(dir, 'logs', 'oc9-console.log'));
    const lines = linesOf(log.path);
    expect(lines.map((l) => [l['level'], l['msg']])).toEqual([
      ['info', 'ledger synced'],
      ['warn', 'rate limit close'],
      ['error', 'order failed'],
    ]);
    expect(lines[0]).toMatchObject({ time: '2026-11-01T08:00:00.000Z', pages: 3, asset: 'XXBT', 'field.time': 'field named time' });
    expect(lines[2]?.['error']).toMatchObject({ name: 'AppError', code: 'insufficient_funds', message: 'Not enough USD.' });
    expect(String((lines[2]?.['error'] as { stack: string }).stack)).toContain('logger.test.ts');
  });

  it('never lets a registered secret reach the file, wherever it hides', () => {
    const log = createLogger({ dir, name: 'app', level: 'debug' });
    log.redact([API_KEY, PRIVATE_KEY, OTP, '']);

    const failure = new Error(`signing failed for secret ${PRIVATE_KEY}`, {
      cause: new AppError('invalid_key', `key ${API_KEY} rejected`),
    });
    const looped: Record<string, unknown> = { note: `otp ${OTP}` };
    looped['self'] = looped;
    log.error(`call with key ${API_KEY} failed`, {
      error: failure,
      body: `nonce=1&otp=${OTP}&key=${encodeURIComponent(PRIVATE_KEY)}`,
      headers: { 'API-Key': API_KEY, nested: [[{ deep: `x${PRIVATE_KEY}y` }]] },
      [`by-${API_KEY}`]: 'a secret in a field name',
      otpAsNumber: Number(OTP),
      looped,
    });
    log.debug(PRIVATE_KEY);
    log.info('plain line', { fine: 'kept' });

    const text = readFileSync(log.path, 'utf8');
    for (const secret of [API_KEY, PRIVATE_KEY, OTP, encodeURIComponent(PRIVATE_KEY), PRIVATE_KEY.slice(0, 40)]) {
      expect(text).not.toContain(secret);
    }
    const [first, second, third] = linesOf(log.path);
    expect(first?.['msg']).toBe('call with key [redacted] failed');
    const error = first?.['error'] as { message: string; stack: string; cause: { message: string; code: string } };
    expect(error.message).toBe('signing failed for secret [redacted]');
    expect(error.stack).toContain('signing failed for secret [redacted]');
    expect(error.cause).toMatchObject({ code: 'invalid_key', message: 'key [redacted] rejected' });
    expect(first?.['body']).toBe('nonce=1&otp=[redacted]&key=[redacted]');
    expect(first?.['by-[redacted]']).toBe('a secret in a field name');
    expect(first?.['otpAsNumber']).toBe('[redacted]');
    expect(first?.['looped']).toEqual({ note: 'otp [redacted]', self: '[circular]' });
    expect(second?.['msg']).toBe('[redacted]');
    expect(third).toMatchObject({ msg: 'plain line', fine: 'kept' });
  });

  describe('a registered secret in each of the 21 forms it can leak in', () => {
    const url = (text: string) => text.replace(/\+/g, '-').replace(/\//g, '_');
    const lower = (text: string) => text.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
    const half = PRIVATE_KEY.length / 2;
    const forms: [string, string, Record<string, unknown>][] = [
      ['as is', PRIVATE_KEY, { v: PRIVATE_KEY }],
      ['unpadded', PRIVATE_KEY.replace(/=+$/, ''), { v: PRIVATE_KEY.replace(/=+$/, '') }],
      ['base64url', url(PRIVATE_KEY), { v: url(PRIVATE_KEY) }],
      ['base64url unpadded', url(PRIVATE_KEY).replace(/=+$/, ''), { v: `k=${url(PRIVATE_KEY).replace(/=+$/, '')}&n=1` }],
      ['%-encoded', encodeURIComponent(PRIVATE_KEY), { body: `key=${encodeURIComponent(PRIVATE_KEY)}` }],
      ['lowercase %-encoded', lower(encodeURIComponent(PRIVATE_KEY)), { body: lower(encodeURIComponent(PRIVATE_KEY)) }],
      ['a form body', new URLSearchParams({ s: PRIVATE_KEY }).toString(), { body: new URLSearchParams({ s: PRIVATE_KEY }).toString() }],
      ['%-encoded twice', encodeURIComponent(encodeURIComponent(PRIVATE_KEY)), { v: encodeURIComponent(encodeURIComponent(PRIVATE_KEY)) }],
      ['an 80-character prefix', PRIVATE_KEY.slice(0, 80), { v: `${PRIVATE_KEY.slice(0, 80)}…` }],
      ['a 40-character suffix', PRIVATE_KEY.slice(-40), { v: PRIVATE_KEY.slice(-40) }],
      ['split across two fields', PRIVATE_KEY.slice(0, half), { a: PRIVATE_KEY.slice(0, half), b: PRIVATE_KEY.slice(half) }],
      ['under an unlisted field name', PRIVATE_KEY, { apiSecret: PRIVATE_KEY }],
      ['as a header', PRIVATE_KEY, { headers: { 'X-Api-Sign': PRIVATE_KEY } }],
      ['in an error and its cause', PRIVATE_KEY, { error: new Error(`bad ${PRIVATE_KEY}`, { cause: new Error(url(PRIVATE_KEY)) }) }],
      ['JSON with escaped slashes', PRIVATE_KEY.replace(/\//g, '\\/'), { raw: `{"s":"${PRIVATE_KEY.replace(/\//g, '\\/')}"}` }],
      ['as a field name', PRIVATE_KEY, { [PRIVATE_KEY]: 1 }],
      ['as hex', Buffer.from(PRIVATE_KEY, 'base64').toString('hex'), { v: Buffer.from(PRIVATE_KEY, 'base64').toString('hex') }],
      [
        'as uppercase hex',
        Buffer.from(PRIVATE_KEY, 'base64').toString('hex').toUpperCase(),
        { v: Buffer.from(PRIVATE_KEY, 'base64').toString('hex').toUpperCase() },
      ],
      ['in a URL’s password', PRIVATE_KEY, { url: `https://bot:${encodeURIComponent(PRIVATE_KEY)}@api.kraken.com/0/private` }],
      ['the API key deep in a list', API_KEY, { list: [[{ deep: [`x${API_KEY}y`] }]] }],
      ['the 2FA password in a JSON body', OTP, { body: JSON.stringify({ nonce: '1', otp: OTP }) }],
    ];

    it.each(forms)('%s', (_name, leak, fields) => {
      const log = createLogger({ dir, level: 'debug' });
      log.redact([API_KEY, PRIVATE_KEY, OTP]);
      log.error('call failed', fields);
      const text = readFileSync(log.path, 'utf8');
      expect(text).toContain('[redacted]');
      expect(text).not.toContain(leak);
      for (let i = 0; i + 12 <= PRIVATE_KEY.length; i++) expect(text).not.toContain(PRIVATE_KEY.slice(i, i + 12));
      expect(() => linesOf(log.path)).not.toThrow();
    });

    it('counts 21 forms', () => expect(forms).toHaveLength(21));
  });

  it('never writes the user name and password of a URL, registered or not', () => {
    const log = createLogger({ dir });
    log.warn('check failed', { baseUrl: 'https://ops:hunter2@api.kraken.com', note: 'see http://a@b.example/x' });
    const text = readFileSync(log.path, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(linesOf(log.path)[0]).toMatchObject({ baseUrl: 'https://[redacted]@api.kraken.com', note: 'see http://[redacted]@b.example/x' });
  });

  it('redacts values under credential field names even when nobody registered them', () => {
    const log = createLogger({ dir });
    log.info('connect', {
      apiKey: 'unregistered-key',
      secret: 'unregistered-secret',
      otp: '123456',
      keyName: 'bot-1',
      apiSecret: 'x1',
      'x-api-sign': 'x2',
      userPassword: 'x3',
      sessionToken: { value: 'x4' },
      apiKeyLast4: 'AB12',
      hasOtp: true,
    });
    expect(linesOf(log.path)[0]).toMatchObject({
      apiKey: '[redacted]',
      secret: '[redacted]',
      otp: '[redacted]',
      keyName: 'bot-1',
      apiSecret: '[redacted]',
      'x-api-sign': '[redacted]',
      userPassword: '[redacted]',
      sessionToken: '[redacted]',
      apiKeyLast4: 'AB12',
      hasOtp: true,
    });
  });

  it('applies secrets registered later to every later line', () => {
    const log = createLogger({ dir });
    log.info('before', { v: 'tok-123456789' });
    log.redact(['tok-123456789']);
    log.info('after', { v: 'tok-123456789' });
    expect(linesOf(log.path).map((l) => l['v'])).toEqual(['tok-123456789', '[redacted]']);
  });

  it('keeps every line valid JSON and free of any secret, whatever the secret and the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.string(), fc.string(), (secret, before, after) => {
        rmSync(join(dir, 'prop.log'), { force: true });
        const log = createLogger({ dir, name: 'prop', level: 'debug' });
        log.redact([secret]);
        log.warn(`${before}${secret}${after}`, { [secret]: [secret, `${after}${secret}`], error: new Error(secret) });
        if (!existsSync(log.path)) return;
        const text = readFileSync(log.path, 'utf8');
        expect(text).not.toContain(secret);
        expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
        for (const line of text.split('\n').filter((l) => l !== '')) expect(() => JSON.parse(line) as unknown).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
