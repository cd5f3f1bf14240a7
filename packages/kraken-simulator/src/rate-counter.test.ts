import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVirtualClock, type VirtualClock } from '../../../src-shared/clock';
import { cancelPenalty, DecayingCounter } from './rate-counter';
import { startSimulator, type RunningSimulator } from './server';
import { callPrivate } from './test-client';
import { CLOCK_START, makeTestScenario, testKeys } from './test-fixtures';

describe('DecayingCounter', () => {
  it('refuses a cost that would pass the maximum, and decays continuously', () => {
    const clock = createVirtualClock(0);
    const counter = new DecayingCounter(15, 0.33, clock);
    for (let i = 0; i < 15; i += 1) expect(counter.tryAdd(1)).toBe(true);
    expect(counter.tryAdd(1)).toBe(false);
    expect(counter.value()).toBe(15);
    clock.advance(3000);
    expect(counter.tryAdd(1)).toBe(false);
    clock.advance(100);
    expect(counter.tryAdd(1)).toBe(true);
    clock.advance(1_000_000);
    expect(counter.value()).toBe(0);
  });

  it('gives cancel penalties by order age', () => {
    expect([1, 7, 12, 30, 60, 200, 400].map(cancelPenalty)).toEqual([8, 6, 5, 4, 2, 1, 0]);
  });
});

describe('the REST call counter over HTTP', () => {
  let sim: RunningSimulator;
  let clock: VirtualClock;
  beforeEach(async () => {
    clock = createVirtualClock(CLOCK_START);
    sim = await startSimulator({ scenario: makeTestScenario(), clock });
  });
  afterEach(() => sim.stop());

  const call = (method: string, key = testKeys.trader, params = {}) => callPrivate<Record<string, unknown>>(sim.url, key, method, params);

  it('allows 15 calls at Starter, refuses the 16th, and allows again as the counter decays', async () => {
    for (let i = 0; i < 15; i += 1) expect((await call('Balance')).error).toEqual([]);
    expect(await call('Balance')).toEqual({ error: ['EAPI:Rate limit exceeded'] });
    clock.advance(3100);
    expect((await call('Balance')).error).toEqual([]);
    expect((await call('Balance')).error).toEqual(['EAPI:Rate limit exceeded']);
  });

  it('charges 2 for Ledgers, QueryLedgers and TradesHistory', async () => {
    const costs: Record<string, number> = {};
    for (const method of ['Ledgers', 'QueryLedgers', 'TradesHistory', 'OpenOrders']) {
      clock.advance(60_000);
      let calls = 0;
      while ((await call(method, testKeys.trader, { id: 'LXXXXX-XXXXX-XXXXXX' })).error.length === 0) calls += 1;
      costs[method] = calls;
    }
    expect(costs).toEqual({ Ledgers: 7, QueryLedgers: 7, TradesHistory: 7, OpenOrders: 15 });
  });

  it('does not charge AddOrder or CancelOrder', async () => {
    for (let i = 0; i < 15; i += 1) await call('Balance');
    const order = await call('AddOrder', testKeys.trader, {
      pair: 'XBTUSD',
      type: 'buy',
      ordertype: 'limit',
      price: '50000.0',
      volume: '0.001',
    });
    expect(order.error).toEqual([]);
    const txid = (order.result?.txid as string[])[0] ?? '';
    expect((await call('CancelOrder', testKeys.trader, { txid })).result).toEqual({ count: 1 });
  });

  it('gives Pro keys 20 calls, and counts each key separately', async () => {
    for (let i = 0; i < 15; i += 1) await call('Balance');
    for (let i = 0; i < 20; i += 1) expect((await call('Balance', testKeys.pro)).error).toEqual([]);
    expect((await call('Balance', testKeys.pro)).error).toEqual(['EAPI:Rate limit exceeded']);
  });
});
