// Every failure path of the client against the real simulator: Kraken's refusals, injected faults, and transport
// trouble, each as the AppError a trader reads, retried only when a retry can help.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { runWithSignal } from '../call-signal';
import { callPrivate } from '@oc9/kraken-simulator/test-support';
import { createKrakenClient } from './client';
import { createNonceSource } from './nonce';
import { DEFAULT_RETRY_POLICY } from './retry';
import { recordingFetch, startHarness, testKeys, type Harness } from './test-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.stop());

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const wrongSecret = Buffer.alloc(64, 9).toString('base64');

describe('credentials and signing', () => {
  it('an unknown key is invalid_key, never retried, and no message holds the secret or signature', async () => {
    const recorder = recordingFetch();
    const client = h.client(testKeys.trader, {
      fetch: recorder.fetch,
      credentials: { apiKey: testKeys.trader.key, secret: wrongSecret },
    });
    const error = await failure(client.balanceEx());
    expect(error).toMatchObject({ code: 'invalid_key', retryable: false });
    expect(error.message).toMatch(/same key pair/);
    expect(recorder.requests).toHaveLength(1);
    const sign = recorder.requests[0]?.headers['api-sign'] ?? '';
    expect(sign).not.toBe('');
    for (const text of [error.message, JSON.stringify(error.toShape()), String(error.stack)]) {
      expect(text).not.toContain(wrongSecret);
      expect(text).not.toContain(sign);
    }
  });

  it('a bad signature is invalid_signature where Kraken says so', async () => {
    const strict = await startHarness({ settings: { badSignatureError: 'EAPI:Invalid signature' } });
    try {
      const client = strict.client(testKeys.trader, { credentials: { apiKey: testKeys.trader.key, secret: wrongSecret } });
      expect(await failure(client.balanceEx())).toMatchObject({ code: 'invalid_signature', retryable: false });
    } finally {
      await strict.stop();
    }
  });

  it('a private key that is not base64 of 64 bytes, or no key at all, fails before any request', async () => {
    const recorder = recordingFetch();
    const malformed = h.client(testKeys.trader, { fetch: recorder.fetch, credentials: { apiKey: 'k', secret: 'not-a-key' } });
    expect(await failure(malformed.balanceEx())).toMatchObject({ code: 'invalid_key' });
    const none = createKrakenClient({ baseUrl: h.sim.url, tier: 'starter', clock: h.clock, fetch: recorder.fetch });
    expect(await failure(none.ledgers())).toMatchObject({ code: 'unauthorized' });
    expect(recorder.requests).toHaveLength(0);
  });

  it('a key is never sent to plain http off this machine or to an address with a user name', async () => {
    const recorder = recordingFetch();
    for (const baseUrl of ['http://api.kraken.example', 'https://me:pw@api.kraken.example', 'http://me:pw@127.0.0.1:9']) {
      const client = createKrakenClient({
        baseUrl,
        tier: 'starter',
        clock: h.clock,
        fetch: recorder.fetch,
        credentials: { apiKey: testKeys.trader.key, secret: testKeys.trader.secret },
      });
      const error = await failure(client.balanceEx());
      expect(error).toMatchObject({ code: 'invalid_input', retryable: false });
      expect(error.message).not.toContain('pw');
    }
    expect(recorder.requests).toHaveLength(0);
  });

  it('repeated failures lock the key out; the lockout ends after its time', async () => {
    const bad = h.client(testKeys.trader, { credentials: { apiKey: testKeys.trader.key, secret: wrongSecret } });
    for (let i = 0; i < 5; i += 1) expect((await failure(bad.balanceEx())).code).toBe('invalid_key');
    const good = h.client();
    const locked = await failure(good.balanceEx());
    expect(locked).toMatchObject({ code: 'locked_out', retryable: true });
    expect(locked.message).toMatch(/about 15 minutes/);
    h.clock.advance(15 * 60 * 1000);
    expect((await good.balanceEx()).ZUSD?.balance).toBe('10000.0000');
  });

  it('an injected lockout is reported without retrying, and lifts when the simulator’s clock moves on', async () => {
    await h.admin('faults', { kind: 'lockout', key: 'trader', ms: 10 * 60 * 1000 });
    const client = h.client();
    expect(await failure(client.ledgers())).toMatchObject({ code: 'locked_out' });
    await h.admin('clock', { advanceMs: 10 * 60 * 1000 });
    expect((await client.ledgers()).items.length).toBeGreaterThan(0);
  });
});

describe('nonces', () => {
  it('20 concurrent calls all pass, in nonce order', async () => {
    const recorder = recordingFetch();
    const client = h.client(testKeys.trader, { fetch: recorder.fetch });
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 ? client.balanceEx() : client.openOrders()));
    await Promise.all(calls);
    const nonces = recorder.requests.map((r) => BigInt(new URLSearchParams(r.body).get('nonce') ?? '0'));
    expect(nonces).toHaveLength(20);
    expect(nonces.every((n, i) => i === 0 || n > (nonces[i - 1] ?? 0n))).toBe(true);
    expect(BigInt((await client.apiKeyInfo()).nonce)).toBeGreaterThan(nonces.at(-1) ?? 0n);
  });

  it('two clients of one key in this process never collide', async () => {
    const [a, b] = [h.client(), h.client()];
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a.balanceEx() : b.balanceEx())));
  });

  it('an invalid nonce is retried once with a fresh nonce', async () => {
    const recorder = recordingFetch();
    const client = h.client(testKeys.trader, { fetch: recorder.fetch, nonceSource: createNonceSource(() => h.clock.now()) });
    const last = BigInt((await client.apiKeyInfo()).nonce);
    // another program uses the key with a nonce just ahead of ours
    const other = await callPrivate(h.sim.url, testKeys.trader, 'Balance', {}, { nonce: String(last + 1000n) });
    expect(other.error).toEqual([]);
    expect((await client.balanceEx()).ZUSD?.balance).toBe('10000.0000');
    expect(recorder.requests.filter((r) => r.url.endsWith('/BalanceEx'))).toHaveLength(2);
  });

  it('a nonce that stays invalid is reported after one retry, with what to do', async () => {
    const recorder = recordingFetch();
    const client = h.client(testKeys.trader, { fetch: recorder.fetch });
    await callPrivate(h.sim.url, testKeys.trader, 'Balance', {}, { nonce: '9000000000000000000' });
    const error = await failure(client.balanceEx());
    expect(error).toMatchObject({ code: 'invalid_nonce', retryable: true });
    expect(error.message).toMatch(/another program/);
    expect(recorder.requests).toHaveLength(2);
  });
});

describe('permissions', () => {
  it('a refusal names the missing Kraken permission', async () => {
    const reader = await failure(h.client(testKeys.reader).balanceEx());
    expect(reader).toMatchObject({ code: 'permission_denied', retryable: false });
    expect(reader.message).toContain('“Query Funds”');
    expect((await failure(h.client(testKeys.bare).ledgers())).message).toContain('“Query Ledger Entries”');
    const order = failure(h.client(testKeys.reader).addOrder({ pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.001' }));
    expect((await order).message).toContain('“Create & Modify Orders”');
  });
});

describe('the rate limit', () => {
  /** Seven Ledgers and a Balance fill the Starter counter (15); small nonces stay below the client's. */
  async function fillCounterFromAnotherProgram(): Promise<void> {
    for (let i = 1; i <= 7; i += 1) await callPrivate(h.sim.url, testKeys.trader, 'Ledgers', {}, { nonce: String(i) });
    await callPrivate(h.sim.url, testKeys.trader, 'Balance', {}, { nonce: '8' });
  }

  it('hit by another program: the client waits for the counter to decay and the read succeeds', async () => {
    await fillCounterFromAnotherProgram();
    const waits: number[] = [];
    const recorder = recordingFetch();
    const client = h.client(testKeys.trader, { fetch: recorder.fetch, onRateWait: (ms) => waits.push(ms) });
    const before = h.clock.now();
    expect((await client.balanceEx()).ZUSD?.balance).toBe('10000.0000');
    expect(recorder.requests).toHaveLength(2);
    expect(waits.length).toBeGreaterThan(0);
    expect(h.clock.now() - before).toBeGreaterThanOrEqual(waits[0] ?? 0);
  });

  it('if it persists, rate_limited says to wait', async () => {
    await fillCounterFromAnotherProgram();
    const error = await failure(h.client(testKeys.trader, { maxRetries: 0 }).balanceEx());
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true });
  });
});

describe('service errors and broken answers are retried for reads', () => {
  it.each([
    ['unavailable', 'service_unavailable', /offline/],
    ['busy', 'busy', /busy/],
    ['html', 'bad_response', /web page/],
    ['truncated', 'bad_response', /cut off/],
    ['http-error', 'service_unavailable', /HTTP 500/],
  ] as const)('%s: passes after two failures, else %s', async (kind, code, words) => {
    const recorder = recordingFetch();
    const client = h.client(testKeys.trader, { fetch: recorder.fetch, maxRetries: 2 });
    await h.admin('faults', { kind, count: 2, endpoint: 'BalanceEx' });
    expect((await client.balanceEx()).ZUSD?.balance).toBe('10000.0000');
    expect(recorder.requests).toHaveLength(3);
    await h.admin('faults', { kind, count: 3, endpoint: 'BalanceEx' });
    const error = await failure(client.balanceEx());
    expect(error).toMatchObject({ code, retryable: true });
    expect(error.message).toMatch(words);
  });

  it('under a sustained fault: says "retrying (n of 3)" before each retry, and gives up inside the time budget', async () => {
    const notices: string[] = [];
    const ended: string[] = [];
    const client = h.client(testKeys.trader, {
      onRetry: ({ method, attempt, of }) => notices.push(`${method} ${attempt} of ${of}`),
      onRetryEnd: (method) => ended.push(method),
    });
    await h.admin('faults', { kind: 'unavailable', count: 100, endpoint: 'BalanceEx' });
    const start = h.clock.now();
    expect(await failure(client.balanceEx())).toMatchObject({ code: 'service_unavailable', retryable: true });
    expect(notices).toEqual(['BalanceEx 1 of 3', 'BalanceEx 2 of 3', 'BalanceEx 3 of 3']);
    expect(ended).toEqual(['BalanceEx']);
    // virtual time: what the retries waited, not how fast this machine is
    expect(h.clock.now() - start).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.budgetMs);
    // a fault that passes: one notice, then the answer
    notices.length = 0;
    await h.admin('faults', { kind: 'busy', count: 1, endpoint: 'OpenOrders' });
    expect(await client.openOrders()).toEqual(expect.any(Array));
    expect(notices).toEqual(['OpenOrders 1 of 3']);
  });

  it('public reads too', async () => {
    await h.admin('faults', { kind: 'html', count: 1, endpoint: 'Assets', status: 520 });
    expect((await h.client().assets()).XXBT?.altname).toBe('XBT');
  });

  it('maintenance makes private calls service_unavailable', async () => {
    await h.admin('system-status', { status: 'maintenance' });
    expect(await failure(h.client(testKeys.trader, { maxRetries: 0 }).balanceEx())).toMatchObject({ code: 'service_unavailable' });
  });

  it('a body that is not JSON is bad_response', async () => {
    await h.admin('faults', { kind: 'http-error', status: 200, count: 1, endpoint: 'Time' });
    const error = await failure(h.client(testKeys.trader, { maxRetries: 0 }).time());
    expect(error).toMatchObject({ code: 'bad_response', retryable: true });
    expect(error.message).toMatch(/not data/);
  });
});

describe('transport', () => {
  it('a slow answer times out, and the retry gets through', async () => {
    const client = h.client(testKeys.trader, { timeoutMs: 150, maxRetries: 1 });
    await h.admin('faults', { kind: 'latency', ms: 600, count: 1, endpoint: 'BalanceEx' });
    expect((await client.balanceEx()).ZUSD?.balance).toBe('10000.0000');
    await h.admin('faults', { kind: 'latency', ms: 600, count: 2, endpoint: 'BalanceEx' });
    const error = await failure(client.balanceEx());
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(error.message).toMatch(/did not answer within/);
  });

  it('nobody listening is a network failure', async () => {
    const gone = await startHarness();
    await gone.stop();
    const client = gone.client(testKeys.trader, { maxRetries: 1 });
    const error = await failure(client.balanceEx());
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect(error.message).toMatch(/Could not reach Kraken/);
  });

  it('an answer in the wrong shape is a non-retryable bad_response naming the field', async () => {
    // Kraken changing its format cannot be provoked in the faithful simulator: a server that answers oddly can
    const odd: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: [], result: { unixtime: 'soon', rfc1123: 'x' } }));
    });
    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = odd.address() as AddressInfo;
      const client = createKrakenClient({ baseUrl: `http://127.0.0.1:${port}`, tier: 'starter', clock: h.clock });
      const error = await failure(client.time());
      expect(error).toMatchObject({ code: 'bad_response', retryable: false });
      expect(error.message).toContain('“unixtime”');
    } finally {
      await new Promise((resolve) => odd.close(resolve));
    }
  });
});

describe('abandoned calls', () => {
  it('calls queued for a caller who went away leave the queue unsent; other callers’ calls still run', async () => {
    const recorder = recordingFetch();
    const client = h.client(testKeys.trader, { fetch: recorder.fetch });
    const caller = new AbortController();
    const abandoned = runWithSignal(caller.signal, () => Promise.allSettled(Array.from({ length: 5 }, () => client.balanceEx())));
    const kept = client.openOrders();
    caller.abort();
    const results = await abandoned;
    expect(results.map((r) => r.status === 'rejected' && (r.reason as AppError).code)).toEqual(Array(5).fill('cancelled'));
    await kept;
    expect(recorder.requests.map((r) => r.url.split('/').pop())).toEqual(['OpenOrders']);
  });
});

describe('redirects', () => {
  it('a redirect to another origin is a bad_response; the key, signature and 2FA password never follow it', async () => {
    const elsewhere: { headers: Record<string, unknown>; body: string }[] = [];
    const thief: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        elsewhere.push({ headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: [], result: { ZUSD: '1.0' } }));
      });
    });
    await new Promise<void>((resolve) => thief.listen(0, '127.0.0.1', resolve));
    const thiefUrl = `http://127.0.0.1:${(thief.address() as AddressInfo).port}`;
    const redirector: Server = createServer((req, res) => {
      res.writeHead(307, { location: `${thiefUrl}${req.url ?? '/'}` });
      res.end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      const client = createKrakenClient({
        baseUrl: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`,
        credentials: { apiKey: testKeys.trader.key, secret: testKeys.trader.secret, otp: () => 'otp-246810' },
        tier: 'starter',
        clock: h.clock,
      });
      for (const call of [() => client.balanceEx(), () => client.time()]) {
        const error = await failure(call());
        expect(error).toMatchObject({ code: 'bad_response', retryable: false });
        expect(error.message).toMatch(/redirect/i);
      }
      expect(elsewhere).toEqual([]);
    } finally {
      await Promise.all([thief, redirector].map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});

describe('Kraken refusing an order or a query', () => {
  const order = { pair: 'XBTUSD', type: 'buy', ordertype: 'limit' } as const;
  it.each([
    [{ ...order, volume: '1000', price: '90000.0' }, 'insufficient_funds'],
    [{ ...order, volume: '0.00001', price: '90000.0' }, 'order_minimum'],
    [{ ...order, volume: '0.00005', price: '100.0' }, 'cost_minimum'],
    [{ ...order, volume: '0.001', price: '90000.05' }, 'tick_size'],
    [{ ...order, pair: 'NOPEUSD', volume: '1', price: '1' }, 'unknown_pair'],
    [{ ...order, ordertype: 'stop-loss', volume: '0.001', price: '80000.0' }, 'invalid_arguments'],
  ] as const)('%o → %s, not retried', async (params, code) => {
    const recorder = recordingFetch();
    const error = await failure(h.client(testKeys.trader, { fetch: recorder.fetch }).addOrder(params));
    expect(error).toMatchObject({ code, retryable: false });
    expect(recorder.requests).toHaveLength(1);
  });

  it('an unknown pair in Ticker, an unknown asset in Ledgers', async () => {
    expect(await failure(h.client().ticker(['NOPEUSD']))).toMatchObject({ code: 'unknown_pair' });
    expect(await failure(h.client().ledgers({ asset: 'NOPE' }))).toMatchObject({ code: 'unknown_asset' });
  });

  it('an amount that is not a decimal never leaves the app', async () => {
    const recorder = recordingFetch();
    const error = await failure(
      h.client(testKeys.trader, { fetch: recorder.fetch }).addOrder({ ...order, volume: '1e-3', price: '90000.0' }),
    );
    expect(error.code).toBe('invalid_input');
    expect(recorder.requests).toHaveLength(0);
  });
});
