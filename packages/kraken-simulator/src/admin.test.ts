import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock, createVirtualClock, type VirtualClock } from '../../../src-shared/clock';
import { startSimulator, type RunningSimulator } from './server';
import { callAdmin, callPrivate, callPublic, httpCall, postPrivate } from './test-client';
import { CLOCK_START, makeTestScenario, testKeys } from './test-fixtures';

interface Leg {
  type: string;
  subtype: string;
  asset: string;
  amount: string;
  fee: string;
  balance: string;
  refid: string;
}

let sim: RunningSimulator;
let clock: VirtualClock;
beforeEach(async () => {
  clock = createVirtualClock(CLOCK_START);
  sim = await startSimulator({ scenario: makeTestScenario(), clock, admin: true });
});
afterEach(() => sim.stop());

const balance = async (key = testKeys.trader) => {
  clock.advance(5_000);
  return callPrivate<Record<string, string>>(sim.url, key, 'Balance');
};

describe('faults', () => {
  it('answers the next N calls with an HTTP error, then recovers', async () => {
    await callAdmin(sim.url, 'faults', { kind: 'http-error', status: 502, count: 2 });
    for (let i = 0; i < 2; i += 1) {
      const answer = await httpCall(`${sim.url}/0/public/Time`);
      expect(answer.status).toBe(502);
    }
    expect((await httpCall(`${sim.url}/0/public/Time`)).status).toBe(200);
  });

  it('hits only the named endpoint', async () => {
    await callAdmin(sim.url, 'faults', { kind: 'busy', endpoint: 'Ledgers' });
    expect((await balance()).error).toEqual([]);
    clock.advance(10_000);
    expect((await callPrivate(sim.url, testKeys.trader, 'Ledgers')).error).toEqual(['EService:Busy']);
    clock.advance(10_000);
    expect((await callPrivate(sim.url, testKeys.trader, 'Ledgers')).error).toEqual([]);
  });

  it('serves Kraken service errors, an HTML page and truncated JSON', async () => {
    await callAdmin(sim.url, 'faults', { kind: 'unavailable' });
    expect((await balance()).error).toEqual(['EService:Unavailable']);
    await callAdmin(sim.url, 'faults', { kind: 'html' });
    const html = await httpCall(`${sim.url}/0/public/Time`);
    expect([html.status, html.contentType]).toEqual([200, 'text/html; charset=utf-8']);
    expect(html.text).toContain('<!DOCTYPE html>');
    await callAdmin(sim.url, 'faults', { kind: 'truncated' });
    const cut = await httpCall(`${sim.url}/0/public/Time`);
    expect(() => JSON.parse(cut.text) as unknown).toThrow();
    expect(cut.text.startsWith('{"error":[]')).toBe(true);
  });

  it('can lose the answer after running the call, as when an order went through but the reply did not', async () => {
    await callAdmin(sim.url, 'faults', { kind: 'http-error', status: 504, endpoint: 'AddOrder', afterExecution: true });
    const lost = await postPrivate(sim.url, testKeys.trader, 'AddOrder', {
      pair: 'XBTUSD',
      type: 'buy',
      ordertype: 'limit',
      price: '50000.0',
      volume: '0.001',
      cl_ord_id: 'retry-me',
    });
    expect(lost.status).toBe(504);
    const open = await callPrivate<{ open: Record<string, unknown> }>(sim.url, testKeys.trader, 'OpenOrders', { cl_ord_id: 'retry-me' });
    expect(Object.keys(open.result?.open ?? {})).toHaveLength(1);
  });

  it('delays answers by real milliseconds', async () => {
    await callAdmin(sim.url, 'faults', { kind: 'latency', ms: 150 });
    const started = systemClock.now();
    expect((await callPublic(sim.url, 'Time')).error).toEqual([]);
    expect(systemClock.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('locks a key out on demand', async () => {
    await callAdmin(sim.url, 'faults', { kind: 'lockout', key: 'trader', ms: 60_000 });
    expect((await balance()).error).toEqual(['EGeneral:Temporary lockout']);
    clock.advance(60_000);
    expect((await balance()).error).toEqual([]);
  });

  it('clears pending faults', async () => {
    await callAdmin(sim.url, 'faults', { kind: 'busy', count: 5 });
    await httpCall(`${sim.url}/__sim/faults`, { method: 'DELETE' });
    expect((await balance()).error).toEqual([]);
  });

  it('refuses malformed admin requests with a reason', async () => {
    const bad = await callAdmin<{ error: string }>(sim.url, 'faults', { kind: 'meteor' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('kind');
    const plain = await httpCall(`${sim.url}/__sim/deposit`, {
      method: 'POST',
      body: '{"asset":"ZUSD","amount":"1"}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
  });
});

describe('clock', () => {
  it('moves a virtual clock forward', async () => {
    const moved = await callAdmin<{ now: number }>(sim.url, 'clock', { advanceMs: 3_600_000 });
    expect(moved.body.now).toBe(CLOCK_START + 3_600_000);
    expect((await callPublic<{ unixtime: number }>(sim.url, 'Time')).result?.unixtime).toBe(CLOCK_START / 1000 + 3600);
  });

  it('refuses to move a clock that cannot move', async () => {
    const fixed = await startSimulator({ scenario: makeTestScenario(), clock: systemClock, admin: true });
    const refused = await callAdmin(fixed.url, 'clock', { advanceMs: 1000 });
    await fixed.stop();
    expect(refused.status).toBe(409);
  });
});

describe("actions on Kraken's side", () => {
  it('books a manual trade like a website market order', async () => {
    const traded = await callAdmin<{ txid: string; ledger: Leg[] }>(sim.url, 'trade', { pair: 'ETHUSD', type: 'sell', volume: '0.001' });
    expect(traded.status).toBe(200);
    expect(traded.body.ledger.map((leg) => [leg.asset, leg.amount, leg.fee, leg.refid])).toEqual([
      ['XETH', '-0.0010000000', '0.0000000000', traded.body.txid],
      ['ZUSD', '3.1000', '0.0124', traded.body.txid],
    ]);
    const trades = await callPrivate<{ count: number }>(sim.url, testKeys.trader, 'TradesHistory');
    expect(trades.result?.count).toBe(1);
  });

  it('books deposits, withdrawals and adjustments with their fees', async () => {
    const deposit = await callAdmin<{ ledger: Leg[] }>(sim.url, 'deposit', { asset: 'XBT', amount: '0.1', fee: '0.0001' });
    expect(deposit.body.ledger[0]).toMatchObject({
      type: 'deposit',
      asset: 'XXBT',
      amount: '0.1000000000',
      fee: '0.0001000000',
      balance: '0.5999000000',
    });
    const withdrawal = await callAdmin<{ ledger: Leg[] }>(sim.url, 'withdraw', { asset: 'ZUSD', amount: '100', fee: '5' });
    expect(withdrawal.body.ledger[0]).toMatchObject({ type: 'withdrawal', amount: '-100.0000', fee: '5.0000', balance: '9895.0000' });
    const adjustment = await callAdmin<{ ledger: Leg[] }>(sim.url, 'adjustment', { asset: 'ZUSD', amount: '-0.0100' });
    expect(adjustment.body.ledger[0]).toMatchObject({ type: 'adjustment', balance: '9894.9900' });
    const tooMuch = await callAdmin<{ error: string }>(sim.url, 'withdraw', { asset: 'ZUSD', amount: '100000' });
    expect(tooMuch).toEqual({ status: 400, body: { error: 'EFunding:Insufficient funds' } });
  });

  it('moves funds to and from earn with two transfer legs under one refid', async () => {
    const moved = await callAdmin<{ ledger: Leg[] }>(sim.url, 'earn', { asset: 'XBT', amount: '0.2', direction: 'to-earn' });
    expect(moved.body.ledger.map((leg) => [leg.type, leg.subtype, leg.asset, leg.amount])).toEqual([
      ['transfer', 'spottostaking', 'XXBT', '-0.2000000000'],
      ['transfer', 'stakingfromspot', 'XBT.F', '0.2000000000'],
    ]);
    expect(moved.body.ledger[0]?.refid).toBe(moved.body.ledger[1]?.refid);
    const back = await callAdmin<{ ledger: Leg[] }>(sim.url, 'earn', { asset: 'DOT', amount: '5', direction: 'from-earn' });
    expect(back.body.ledger.map((leg) => [leg.subtype, leg.asset, leg.balance])).toEqual([
      ['stakingtospot', 'DOT.F', '15.0000000000'],
      ['spotfromstaking', 'DOT', '5.1000000000'],
    ]);
    expect((await balance()).result).toMatchObject({ XXBT: '0.3000000000', 'XBT.F': '0.2000000000' });
  });

  it('reports the state: balances as strings, holds, the clock and the sweep cooldown', async () => {
    const state = await callAdmin<{ now: number; balances: Record<string, string>; sweepAvailableAt: string }>(sim.url, 'state');
    expect(state.body.now).toBe(CLOCK_START);
    expect(state.body.balances.ZUSD).toBe('10000.0000');
    expect(state.body.sweepAvailableAt).toBe(new Date(CLOCK_START).toISOString());
  });

  it('switches the exchange into cancel-only mode', async () => {
    await callAdmin(sim.url, 'system-status', { status: 'cancel_only' });
    expect((await callPublic<{ status: string }>(sim.url, 'SystemStatus')).result?.status).toBe('cancel_only');
    const refused = await callPrivate(sim.url, testKeys.trader, 'AddOrder', {
      pair: 'XBTUSD',
      type: 'buy',
      ordertype: 'market',
      volume: '0.001',
    });
    expect(refused.error).toEqual(['EService:Market in cancel_only mode']);
  });
});

describe('admin access', () => {
  it('refuses a foreign Host header, so a rebound DNS name cannot drive the simulator', async () => {
    const { request } = await import('node:http');
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: sim.port, method: 'GET', path: '/__sim/state', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status(`attacker.example:${sim.port}`)).toBe(403);
    expect(await status(`127.0.0.1:${sim.port}`)).toBe(200);
    expect(await status(`localhost:${sim.port}`)).toBe(200);
  });
});

describe('request counts', () => {
  it('counts Kraken calls by method until reset', async () => {
    await callPublic(sim.url, 'Time');
    await callPublic(sim.url, 'Time');
    await callPublic(sim.url, 'Assets');
    const counts = await httpCall(`${sim.url}/__sim/requests`, { method: 'GET' });
    expect(JSON.parse(counts.text)).toEqual({ counts: { Time: 2, Assets: 1 }, total: 3 });
    await httpCall(`${sim.url}/__sim/requests`, { method: 'DELETE' });
    expect(JSON.parse((await httpCall(`${sim.url}/__sim/requests`, { method: 'GET' })).text)).toEqual({ counts: {}, total: 0 });
  });
});
