// AddOrder is never placed twice: when its answer is lost, the client looks the order up by its client order id
// before any retry, against the real simulator with faults injected after (or before) the order ran.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { recordingFetch, startHarness, testKeys, type Harness } from './test-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.stop());

const restingBuy = { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', volume: '0.001', price: '50000.0' } as const;
const marketBuy = { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.001' } as const;

const ordersPlaced = (): number => h.sim.account.openOrders.size + h.sim.account.closedOrders.length;
const methodsCalled = (urls: { url: string }[]): string[] => urls.map((r) => r.url.split('/').at(-1) ?? '');

describe('a lost answer to AddOrder', () => {
  it('after the order rested on the book: found in OpenOrders, not placed again', async () => {
    const recorder = recordingFetch();
    const client = h.client(testKeys.trader, { fetch: recorder.fetch });
    await h.admin('faults', { kind: 'http-error', status: 502, afterExecution: true, endpoint: 'AddOrder' });
    const placed = await client.addOrder(restingBuy);
    expect(placed.recovered).toBe(true);
    expect(ordersPlaced()).toBe(1);
    const [order] = h.sim.account.openOrders.values();
    expect(placed.txid).toEqual([order?.txid]);
    expect(order?.cl_ord_id).toBe(placed.clOrdId);
    expect(placed.descr.order).toBe('buy 0.00100000 XBTUSD @ limit 50000.0');
    expect(methodsCalled(recorder.requests)).toEqual(['AddOrder', 'OpenOrders']);
  });

  it('after a market order filled: found in ClosedOrders, one trade only', async () => {
    const recorder = recordingFetch();
    const client = h.client(testKeys.trader, { fetch: recorder.fetch });
    await h.admin('faults', { kind: 'html', status: 520, afterExecution: true, endpoint: 'AddOrder' });
    const placed = await client.addOrder(marketBuy);
    expect(placed.recovered).toBe(true);
    expect(h.sim.account.trades).toHaveLength(1);
    expect(h.sim.account.trades[0]?.ordertxid).toBe(placed.txid[0]);
    expect(methodsCalled(recorder.requests)).toEqual(['AddOrder', 'OpenOrders', 'ClosedOrders']);
  });

  it('when the answer is too slow (timeout) but the order went through', async () => {
    const client = h.client(testKeys.trader, { timeoutMs: 150 });
    await h.admin('faults', { kind: 'latency', ms: 500, endpoint: 'AddOrder' });
    const placed = await client.addOrder(restingBuy);
    expect(placed.recovered).toBe(true);
    expect(ordersPlaced()).toBe(1);
  });

  it('before the order ran: not found, so it is sent again, once, with the same client order id', async () => {
    const recorder = recordingFetch();
    const client = h.client(testKeys.trader, { fetch: recorder.fetch });
    await h.admin('faults', { kind: 'http-error', status: 503, endpoint: 'AddOrder' });
    const placed = await client.addOrder({ ...restingBuy, clOrdId: 'oc9-test-0001' });
    expect(placed).toMatchObject({ recovered: false, clOrdId: 'oc9-test-0001' });
    expect(ordersPlaced()).toBe(1);
    expect(methodsCalled(recorder.requests)).toEqual(['AddOrder', 'OpenOrders', 'ClosedOrders', 'AddOrder']);
    const sent = recorder.requests.filter((r) => r.url.endsWith('/AddOrder')).map((r) => new URLSearchParams(r.body));
    expect(sent.map((b) => b.get('cl_ord_id'))).toEqual(['oc9-test-0001', 'oc9-test-0001']);
    expect(sent[0]?.get('nonce')).not.toBe(sent[1]?.get('nonce'));
  });

  it('Kraken busy: looked up first, then placed once', async () => {
    await h.admin('faults', { kind: 'busy', count: 2, endpoint: 'AddOrder' });
    const placed = await h.client().addOrder(marketBuy);
    expect(placed.recovered).toBe(false);
    expect(h.sim.account.trades).toHaveLength(1);
  });

  it('when the lookup fails too, the client stops and says to check on Kraken', async () => {
    await h.admin('faults', { kind: 'http-error', count: 100 });
    const client = h.client(testKeys.trader, { maxRetries: 1 });
    const error = await client.addOrder(restingBuy).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ retryable: false });
    expect((error as AppError).message).toMatch(/could not check whether the order was placed/);
    expect(ordersPlaced()).toBe(0);
  });

  it('gives up after its retries when the order never gets through', async () => {
    await h.admin('faults', { kind: 'unavailable', count: 3, endpoint: 'AddOrder' });
    const error = await h
      .client(testKeys.trader, { maxRetries: 2 })
      .addOrder(restingBuy)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ code: 'service_unavailable' });
    expect((error as AppError).message).toMatch(/was not placed/);
    expect(ordersPlaced()).toBe(0);
  });
});
