import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../src-shared/clock';
import { startSimulator, type RunningSimulator } from './server';
import { callPrivate } from './test-client';
import { CLOCK_START, makeTestScenario, testKeys } from './test-fixtures';

let sim: RunningSimulator;
let clock: ReturnType<typeof createVirtualClock>;
beforeAll(async () => {
  clock = createVirtualClock(CLOCK_START);
  sim = await startSimulator({ scenario: makeTestScenario(), clock });
});
afterAll(() => sim.stop());

async function errorOf(key: typeof testKeys.trader, method: string, params: Record<string, string> = {}): Promise<string[]> {
  clock.advance(60_000);
  return (await callPrivate(sim.url, key, method, params)).error;
}

const DENIED = ['EGeneral:Permission denied'];

describe('permissions', () => {
  it('needs query-funds for Balance and BalanceEx', async () => {
    expect(await errorOf(testKeys.reader, 'Balance')).toEqual(DENIED);
    expect(await errorOf(testKeys.reader, 'BalanceEx')).toEqual(DENIED);
    expect(await errorOf(testKeys.trader, 'BalanceEx')).toEqual([]);
  });

  it('lets a read-only key read orders, trades and the ledger', async () => {
    for (const method of ['OpenOrders', 'ClosedOrders', 'TradesHistory', 'Ledgers']) {
      expect(await errorOf(testKeys.reader, method)).toEqual([]);
    }
  });

  it('needs query-ledger for Ledgers and QueryLedgers', async () => {
    expect(await errorOf(testKeys.closer, 'Ledgers')).toEqual(DENIED);
    expect(await errorOf(testKeys.closer, 'QueryLedgers', { id: 'LXXXXX-XXXXX-XXXXXX' })).toEqual(DENIED);
  });

  it('needs modify-trades for AddOrder', async () => {
    const order = { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '50000.0', volume: '0.001' };
    expect(await errorOf(testKeys.reader, 'AddOrder', order)).toEqual(DENIED);
    expect(await errorOf(testKeys.closer, 'AddOrder', order)).toEqual(DENIED);
  });

  it('lets close-trades alone cancel orders', async () => {
    const placed = await callPrivate<{ txid: string[] }>(sim.url, testKeys.trader, 'AddOrder', {
      pair: 'XBTUSD',
      type: 'buy',
      ordertype: 'limit',
      price: '50000.0',
      volume: '0.001',
    });
    const txid = placed.result?.txid[0] ?? '';
    expect(await errorOf(testKeys.reader, 'CancelOrder', { txid })).toEqual(DENIED);
    expect(await errorOf(testKeys.closer, 'CancelOrder', { txid })).toEqual([]);
  });

  it('checks QueryOrders against the status of each order', async () => {
    const placed = await callPrivate<{ txid: string[] }>(sim.url, testKeys.trader, 'AddOrder', {
      pair: 'XBTUSD',
      type: 'buy',
      ordertype: 'limit',
      price: '50000.0',
      volume: '0.001',
    });
    const txid = placed.result?.txid[0] ?? '';
    expect(await errorOf(testKeys.closer, 'QueryOrders', { txid })).toEqual([]);
    await callPrivate(sim.url, testKeys.trader, 'CancelOrder', { txid });
    expect(await errorOf(testKeys.closer, 'QueryOrders', { txid })).toEqual(DENIED);
    expect(await errorOf(testKeys.reader, 'QueryOrders', { txid })).toEqual([]);
  });

  it('refuses everything but GetApiKeyInfo to a key without permissions', async () => {
    expect(await errorOf(testKeys.bare, 'GetApiKeyInfo')).toEqual([]);
    for (const method of ['Balance', 'OpenOrders', 'ClosedOrders', 'TradesHistory', 'Ledgers']) {
      expect(await errorOf(testKeys.bare, method)).toEqual(DENIED);
    }
  });

  it("answers unknown private methods with Kraken's error", async () => {
    expect(await errorOf(testKeys.trader, 'NoSuchThing')).toEqual(['EGeneral:Unknown method']);
  });
});
