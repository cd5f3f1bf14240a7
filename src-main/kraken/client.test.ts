// Every endpoint of the client against the real simulator over HTTP on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareKrakenTimes } from '../../src-shared/kraken-time';
import { callPrivate } from '@oc9/kraken-simulator/test-support';
import { createKrakenClient } from './client';
import { recordingFetch, startHarness, testKeys, type Harness } from './test-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.stop());

describe('public endpoints', () => {
  it('Time and SystemStatus', async () => {
    const client = h.client();
    expect((await client.time()).unixtime).toBe(Math.floor(h.clock.now() / 1000));
    expect((await client.systemStatus()).status).toBe('online');
  });

  it('Assets, AssetPairs and Ticker, without any key', async () => {
    const client = createKrakenClient({ baseUrl: h.sim.url, tier: 'starter', clock: h.clock });
    expect((await client.assets()).XXBT).toMatchObject({ altname: 'XBT', decimals: 10 });
    expect((await client.assetPairs()).XXBTZUSD).toMatchObject({ base: 'XXBT', quote: 'ZUSD', ordermin: '0.00005', costmin: '0.5' });
    const one = await client.ticker(['XBTUSD']);
    expect(Object.keys(one)).toEqual(['XXBTZUSD']);
    expect(one.XXBTZUSD?.b[0]).toBe('90000.0');
    expect(Object.keys(await client.ticker([]))).toContain('ADAUSD');
  });
});

describe('private reads', () => {
  it('BalanceEx keeps amounts as decimal strings', async () => {
    const client = h.client();
    const ex = await client.balanceEx();
    expect(ex.XXBT?.balance).toBe('0.5000000000');
    expect(ex.ZUSD).toMatchObject({ balance: '10000.0000', hold_trade: '0.0000' });
  });

  it('GetApiKeyInfo', async () => {
    const info = await h.client(testKeys.reader).apiKeyInfo();
    expect(info.apiKeyName).toBe('reader');
    expect(info.permissions).toEqual(testKeys.reader.permissions);
  });

  it('Ledgers pages newest first and QueryLedgers finds entries by id', async () => {
    const client = h.client();
    const page = await client.ledgers();
    expect(page.count).toBe(h.sim.account.ledger.all().length);
    const times = page.items.map((e) => e.time);
    expect(times).toEqual([...times].sort((a, b) => compareKrakenTimes(b, a)));
    const newest = h.sim.account.ledger.all().at(-1);
    expect(page.items[0]?.id).toBe(newest?.id);
    expect(page.items[0]).toMatchObject({ asset: newest?.asset, amount: expect.stringMatching(/^-?\d+\.\d+$/) as unknown });
    const ids = page.items.slice(0, 3).map((e) => e.id);
    const queried = await client.queryLedgers(ids);
    expect(queried.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect((await client.ledgers({ asset: ['XXBT'] })).items.every((e) => e.asset === 'XXBT')).toBe(true);
  });
});

describe('orders', () => {
  it('a resting limit order shows in OpenOrders and QueryOrders, then in ClosedOrders once cancelled', async () => {
    const client = h.client();
    const placed = await client.addOrder({ pair: 'XBTUSD', type: 'buy', ordertype: 'limit', volume: '0.001', price: '50000.0' });
    expect(placed.recovered).toBe(false);
    expect(placed.txid).toHaveLength(1);
    expect(placed.descr.order).toBe('buy 0.00100000 XBTUSD @ limit 50000.0');
    const txid = placed.txid[0] ?? '';
    const open = await client.openOrders();
    expect(open.map((o) => o.txid)).toEqual([txid]);
    expect(open[0]).toMatchObject({ cl_ord_id: placed.clOrdId, status: 'open', vol: '0.00100000' });
    expect((await client.balanceEx()).ZUSD?.hold_trade).not.toBe('0.0000');
    expect((await client.queryOrders([txid, 'OUNKNO-WN000-ORDER1'])).map((o) => o.txid)).toEqual([txid]);
    // the app never cancels: the operator does, on Kraken (here another key of the account, through the simulator's client)
    expect((await callPrivate(h.sim.url, testKeys.closer, 'CancelOrder', { txid })).result).toEqual({ count: 1 });
    expect(await client.openOrders()).toEqual([]);
    expect(await client.orderByClientId(placed.clOrdId)).toMatchObject({ txid, status: 'canceled', reason: 'User requested' });
  });

  it('a market order trades; TradesHistory and the ledger show it', async () => {
    const client = h.client();
    const placed = await client.addOrder({ pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.01' });
    const trades = await client.tradesHistory({ ledgers: true });
    expect(trades.count).toBe(1);
    const [trade] = trades.items;
    expect(trade).toMatchObject({ ordertxid: placed.txid[0], pair: 'XXBTZUSD', type: 'buy', vol: '0.01000000', price: '90010.0' });
    const legs = await client.queryLedgers(trade?.ledgers ?? []);
    expect(legs.map((e) => e.asset).sort()).toEqual(['XXBT', 'ZUSD']);
    expect(legs.every((e) => e.refid === trade?.id)).toBe(true);
  });

  it('validate checks the order and places nothing; validate is omitted otherwise', async () => {
    // this simulator treats ANY validate value as validate-only, as old Kraken did
    const quirky = await startHarness({ settings: { validateAnyValueQuirk: true } });
    try {
      const recorder = recordingFetch();
      const client = quirky.client(testKeys.trader, { fetch: recorder.fetch });
      const checked = await client.addOrder({
        pair: 'XBTUSD',
        type: 'buy',
        ordertype: 'limit',
        volume: '0.001',
        price: '50000.0',
        validate: true,
      });
      expect(checked.txid).toEqual([]);
      expect(checked.descr.order).toBe('buy 0.00100000 XBTUSD @ limit 50000.0');
      expect(await client.openOrders()).toEqual([]);
      const placed = await client.addOrder({
        pair: 'XBTUSD',
        type: 'buy',
        ordertype: 'limit',
        volume: '0.001',
        price: '50000.0',
        validate: false,
      });
      expect(placed.txid).toHaveLength(1);
      const bodies = recorder.requests.filter((r) => r.url.endsWith('/AddOrder')).map((r) => new URLSearchParams(r.body));
      expect(bodies.map((b) => b.get('validate'))).toEqual(['true', null]);
    } finally {
      await quirky.stop();
    }
  });
});

describe('the wire', () => {
  it('form bodies start with the nonce, carry otp when set, and every request names its User-Agent', async () => {
    const recorder = recordingFetch();
    const client = h.client(testKeys.otp, {
      fetch: recorder.fetch,
      userAgent: 'OC9-Console/test',
      credentials: { apiKey: testKeys.otp.key, secret: testKeys.otp.secret, otp: () => '246810' },
    });
    expect((await client.balanceEx()).ZUSD?.balance).toBe('10000.0000');
    await client.time();
    const [priv, pub] = recorder.requests;
    expect(priv?.body).toMatch(/^nonce=\d+&otp=246810$/);
    expect(priv?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(priv?.headers['api-key']).toBe(testKeys.otp.key);
    expect(priv?.headers['api-sign']).toHaveLength(88);
    expect([priv?.headers['user-agent'], pub?.headers['user-agent']]).toEqual(['OC9-Console/test', 'OC9-Console/test']);
  });

  it('a key with 2FA is refused without its otp', async () => {
    await expect(h.client(testKeys.otp).balanceEx()).rejects.toMatchObject({ code: 'invalid_key' });
  });

  it('JSON bodies work too', async () => {
    const recorder = recordingFetch();
    const client = h.client(testKeys.trader, { fetch: recorder.fetch, bodyFormat: 'json' });
    expect((await client.ledgers({ asset: 'XXBT' })).items.length).toBeGreaterThan(0);
    expect(JSON.parse(recorder.requests[0]?.body ?? '{}')).toMatchObject({ nonce: expect.any(String) as unknown, asset: 'XXBT' });
  });
});
