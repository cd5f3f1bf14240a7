import { Agent } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVirtualClock, type VirtualClock } from '../../../src-shared/clock';
import { startSimulator, type RunningSimulator } from './server';
import { callPrivate, httpCall, nextNonce, postPrivate } from './test-client';
import { CLOCK_START, makeTestScenario, testKeys } from './test-fixtures';

let sim: RunningSimulator;
let clock: VirtualClock;

async function start(settings = {}): Promise<void> {
  clock = createVirtualClock(CLOCK_START);
  sim = await startSimulator({ scenario: makeTestScenario(), clock, settings });
}

beforeEach(() => start());
afterEach(() => sim.stop());

const balance = (key = testKeys.trader, options = {}) => callPrivate<Record<string, string>>(sim.url, key, 'Balance', {}, options);
const wrongSecret = testKeys.pro.secret;

describe('signatures', () => {
  it('answers a correctly signed form request with the balances', async () => {
    const answer = await balance();
    expect(answer.error).toEqual([]);
    expect(answer.result?.ZUSD).toBe('10000.0000');
  });

  it('accepts a JSON body signed over its exact bytes, with a nonce too large for a JS number', async () => {
    const nonce = '1799999999999999999';
    const answer = await callPrivate(sim.url, testKeys.trader, 'Balance', {}, { json: true, nonce });
    expect(answer.error).toEqual([]);
    const info = await callPrivate<{ nonce: string }>(
      sim.url,
      testKeys.trader,
      'GetApiKeyInfo',
      {},
      { json: true, nonce: '1800000000000000000' },
    );
    expect(info.result?.nonce).toBe('1800000000000000000');
  });

  it('refuses a bad signature with "EAPI:Invalid key" and omits result', async () => {
    const answer = await postPrivate(sim.url, testKeys.trader, 'Balance', {}, { signWith: wrongSecret });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ error: ['EAPI:Invalid key'] });
  });

  it('can answer a bad signature with "EAPI:Invalid signature" instead', async () => {
    await sim.stop();
    await start({ badSignatureError: 'EAPI:Invalid signature' });
    expect((await balance(testKeys.trader, { signWith: wrongSecret })).error).toEqual(['EAPI:Invalid signature']);
  });

  it('refuses a body changed after signing', async () => {
    const nonce = nextNonce();
    const signed = await postPrivate(sim.url, testKeys.trader, 'Balance', {}, { nonce });
    expect(JSON.parse(signed.text)).toMatchObject({ error: [] });
    const answer = await httpCall(`${sim.url}/0/private/Balance`, {
      method: 'POST',
      headers: { 'api-key': testKeys.trader.key, 'api-sign': 'AAAA', 'content-type': 'application/x-www-form-urlencoded' },
      body: `nonce=${nextNonce()}&asset=ZUSD`,
    });
    expect(JSON.parse(answer.text)).toEqual({ error: ['EAPI:Invalid key'] });
  });

  it('refuses an unknown key', async () => {
    const answer = await balance({ ...testKeys.trader, key: 'no-such-key' });
    expect(answer.error).toEqual(['EAPI:Invalid key']);
  });
});

describe('lockout', () => {
  it('locks a key after 5 consecutive failures, for 15 minutes of clock time', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await balance(testKeys.trader, { signWith: wrongSecret })).error).toEqual(['EAPI:Invalid key']);
    }
    expect((await balance()).error).toEqual(['EGeneral:Temporary lockout']);
    clock.advance(14 * 60 * 1000);
    expect((await balance()).error).toEqual(['EGeneral:Temporary lockout']);
    clock.advance(61 * 1000);
    expect((await balance()).error).toEqual([]);
  });

  it('counts only consecutive failures', async () => {
    for (let i = 0; i < 4; i += 1) await balance(testKeys.trader, { signWith: wrongSecret });
    expect((await balance()).error).toEqual([]);
    for (let i = 0; i < 4; i += 1) await balance(testKeys.trader, { signWith: wrongSecret });
    expect((await balance()).error).toEqual([]);
  });

  it('does not lock other keys', async () => {
    for (let i = 0; i < 5; i += 1) await balance(testKeys.trader, { signWith: wrongSecret });
    expect((await balance(testKeys.pro)).error).toEqual([]);
  });
});

describe('nonce', () => {
  it('refuses a replayed or lower nonce', async () => {
    const nonce = nextNonce();
    expect((await balance(testKeys.trader, { nonce })).error).toEqual([]);
    expect((await balance(testKeys.trader, { nonce })).error).toEqual(['EAPI:Invalid nonce']);
    expect((await balance(testKeys.trader, { nonce: (BigInt(nonce) - 5n).toString() })).error).toEqual(['EAPI:Invalid nonce']);
    expect((await balance()).error).toEqual([]);
  });

  it('refuses a missing or non-numeric nonce', async () => {
    expect((await balance(testKeys.trader, { nonce: '' })).error).toEqual(['EAPI:Invalid nonce']);
    expect((await balance(testKeys.trader, { nonce: '12ab' })).error).toEqual(['EAPI:Invalid nonce']);
  });

  it('keeps nonces per key', async () => {
    const nonce = nextNonce();
    expect((await balance(testKeys.trader, { nonce })).error).toEqual([]);
    expect((await balance(testKeys.pro, { nonce })).error).toEqual([]);
  });

  it('serves concurrent calls whose nonces increase in the order they are sent', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => balance(testKeys.pro, { agent })));
    agent.destroy();
    expect(answers.map((a) => a.error)).toEqual(Array.from({ length: 10 }, () => []));
  });

  it("accepts out-of-order nonces inside the key's nonce window, never twice", async () => {
    const nonces = Array.from({ length: 5 }, () => nextNonce());
    for (const nonce of [...nonces].reverse()) expect((await balance(testKeys.windowed, { nonce })).error).toEqual([]);
    expect((await balance(testKeys.windowed, { nonce: nonces[3] })).error).toEqual(['EAPI:Invalid nonce']);
    const belowWindow = (BigInt(nonces[4] ?? '0') - 1000n).toString();
    expect((await balance(testKeys.windowed, { nonce: belowWindow })).error).toEqual(['EAPI:Invalid nonce']);
  });
});

describe('otp', () => {
  it("needs the key's one-time password when it has one", async () => {
    expect((await balance(testKeys.otp)).error).toEqual(['EAPI:Invalid key']);
    expect((await callPrivate(sim.url, testKeys.otp, 'Balance', { otp: '000000' })).error).toEqual(['EAPI:Invalid key']);
    expect((await callPrivate(sim.url, testKeys.otp, 'Balance', { otp: '246810' })).error).toEqual([]);
  });

  it('uses the configured error for a wrong otp', async () => {
    await sim.stop();
    await start({ otpError: 'EAPI:Invalid otp' });
    expect((await balance(testKeys.otp)).error).toEqual(['EAPI:Invalid otp']);
  });
});

describe('GetApiKeyInfo', () => {
  it('describes the key without needing any permission', async () => {
    const answer = await callPrivate<Record<string, unknown>>(sim.url, testKeys.bare, 'GetApiKeyInfo');
    expect(answer.error).toEqual([]);
    expect(answer.result).toMatchObject({ apiKeyName: 'bare', apiKey: testKeys.bare.key, permissions: [], nonceWindow: 0 });
    expect(JSON.stringify(answer.result)).not.toContain(testKeys.bare.secret);
  });
});
