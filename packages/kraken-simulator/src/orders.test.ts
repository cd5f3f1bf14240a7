import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVirtualClock, type VirtualClock } from '../../../src-shared/clock';
import { startSimulator, type RunningSimulator } from './server';
import { callAdmin, callPrivate, type Envelope } from './test-client';
import { CLOCK_START, makeTestScenario, testKeys } from './test-fixtures';

interface AddOrderResult {
  descr: { order: string };
  txid?: string[];
}
interface WireTrade {
  ordertxid: string;
  pair: string;
  type: string;
  ordertype: string;
  price: string;
  cost: string;
  fee: string;
  vol: string;
  maker: boolean;
  ledgers?: string[];
}
interface WireEntry {
  refid: string;
  type: string;
  asset: string;
  amount: string;
  fee: string;
  balance: string;
}
type Orders = Record<
  string,
  { status: string; reason?: string | null; vol_exec: string; cl_ord_id?: string; descr: { order: string }; trades?: string[] }
>;

let sim: RunningSimulator;
let clock: VirtualClock;
beforeEach(async () => {
  clock = createVirtualClock(CLOCK_START);
  sim = await startSimulator({ scenario: makeTestScenario(), clock, admin: true });
});
afterEach(() => sim.stop());

function call<T>(method: string, params: Record<string, string> = {}): Promise<Envelope<T>> {
  clock.advance(5_000);
  return callPrivate<T>(sim.url, testKeys.trader, method, params);
}
const addOrder = (params: Record<string, string>) => call<AddOrderResult>('AddOrder', params);
const balances = async () => (await call<Record<string, string>>('Balance')).result ?? {};

describe('market orders', () => {
  it("buy at the ask with the pair's taker fee, booking balances, a trade and two ledger legs under one refid", async () => {
    const placed = await addOrder({ pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.01' });
    expect(placed.error).toEqual([]);
    expect(placed.result?.descr.order).toBe('buy 0.01000000 XBTUSD @ market');
    expect(placed.result?.txid?.[0]).toMatch(/^O[A-Z2-7]{5}-[A-Z2-7]{5}-[A-Z2-7]{6}$/);
    expect(await balances()).toMatchObject({ ZUSD: '9096.2996', XXBT: '0.5100000000' });

    const history = await call<{ trades: Record<string, WireTrade>; count: number }>('TradesHistory', { ledgers: 'true' });
    const [[tradeId, trade]] = Object.entries(history.result?.trades ?? {}) as [[string, WireTrade]];
    expect(history.result?.count).toBe(1);
    expect(trade).toMatchObject({
      ordertxid: placed.result?.txid?.[0],
      pair: 'XXBTZUSD',
      type: 'buy',
      ordertype: 'market',
      price: '90010.0',
      cost: '900.100',
      fee: '3.600',
      vol: '0.01000000',
      maker: false,
    });
    const legs = await call<Record<string, WireEntry>>('QueryLedgers', { id: (trade.ledgers ?? []).join(',') });
    expect(Object.values(legs.result ?? {})).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ refid: tradeId, type: 'trade', asset: 'ZUSD', amount: '-900.1000', fee: '3.6004', balance: '9096.2996' }),
        expect.objectContaining({ refid: tradeId, type: 'trade', asset: 'XXBT', amount: '0.0100000000', fee: '0.0000000000' }),
      ]),
    );
    const closed = await call<{ closed: Orders }>('ClosedOrders', { trades: 'true' });
    expect(closed.result?.closed[placed.result?.txid?.[0] ?? '']).toMatchObject({
      status: 'closed',
      vol_exec: '0.01000000',
      trades: [tradeId],
    });
  });

  it('sell at the bid, the fee taken from the quote proceeds', async () => {
    expect((await addOrder({ pair: 'XETHZUSD', type: 'sell', ordertype: 'market', volume: '0.1' })).error).toEqual([]);
    expect(await balances()).toMatchObject({ ZUSD: '10308.7600', XETH: '1.9000000000' });
  });

  it('takes the fee in the base asset with fcib', async () => {
    expect((await addOrder({ pair: 'ADAUSD', type: 'buy', ordertype: 'market', volume: '20', oflags: 'fcib' })).error).toEqual([]);
    expect(await balances()).toMatchObject({ ADA: '21.42000000', ZUSD: '9990.9980' });
  });

  it('reads the volume in quote currency with viqc', async () => {
    const placed = await addOrder({ pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '100', oflags: 'viqc' });
    expect(placed.result?.descr.order).toBe('buy 0.00111098 XBTUSD @ market');
    expect((await addOrder({ pair: 'XBTUSD', type: 'sell', ordertype: 'market', volume: '100', oflags: 'viqc' })).error).toEqual([
      'EGeneral:Invalid arguments:viqc',
    ]);
  });
});

describe('limit orders', () => {
  it('rest as open orders and hold their cost plus the taker fee', async () => {
    const placed = await addOrder({ pair: 'XXBTZUSD', type: 'buy', ordertype: 'limit', price: '50000.0', volume: '0.001' });
    expect(placed.result?.descr.order).toBe('buy 0.00100000 XBTUSD @ limit 50000.0');
    const open = await call<{ open: Orders }>('OpenOrders');
    expect(open.result?.open[placed.result?.txid?.[0] ?? '']).toMatchObject({ status: 'open', vol_exec: '0.00000000' });
    const extended = await call<Record<string, { balance: string; hold_trade: string }>>('BalanceEx');
    expect(extended.result?.ZUSD).toEqual({ balance: '10000.0000', hold_trade: '50.2000' });
  });

  it('fill at once when they cross the book', async () => {
    await addOrder({ pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '95000.0', volume: '0.01' });
    expect(await balances()).toMatchObject({ ZUSD: '9096.2996' });
    expect(Object.keys((await call<{ open: Orders }>('OpenOrders')).result?.open ?? {})).toEqual([]);
  });

  it('fill as maker when the price comes to them', async () => {
    await addOrder({ pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '50000.0', volume: '0.01' });
    const moved = await callAdmin<{ filledOrders: string[] }>(sim.url, 'ticker', { pair: 'XBTUSD', bid: '49990.0', ask: '50000.0' });
    expect(moved.body.filledOrders).toHaveLength(1);
    const trades = await call<{ trades: Record<string, WireTrade> }>('TradesHistory');
    expect(Object.values(trades.result?.trades ?? {})[0]).toMatchObject({ price: '50000.0', maker: true, fee: '1.250' });
    expect(await balances()).toMatchObject({ ZUSD: '9498.7500' });
  });

  it('validate=true describes the order without placing it', async () => {
    const checked = await addOrder({
      pair: 'XBTUSD',
      type: 'buy',
      ordertype: 'limit',
      price: '50000.0',
      volume: '0.001',
      validate: 'true',
    });
    expect(checked).toEqual({ error: [], result: { descr: { order: 'buy 0.00100000 XBTUSD @ limit 50000.0' } } });
    expect((await call<{ open: Orders }>('OpenOrders')).result?.open).toEqual({});
  });
});

describe('time in force and a thin book', () => {
  const ioc = (volume: string, price: string) =>
    addOrder({ pair: 'XBTUSD', type: 'sell', ordertype: 'limit', price, volume, timeinforce: 'IOC' });
  const order = async (txid: string | undefined) =>
    (await call<Record<string, Orders[string]>>('QueryOrders', { txid: txid ?? '' })).result?.[txid ?? ''];

  it('IOC fills what the touch holds at once and cancels the rest', async () => {
    await callAdmin(sim.url, 'liquidity', { pair: 'XBTUSD', volume: '0.004' });
    const placed = await ioc('0.01', '89990.0');
    expect(placed.error).toEqual([]);
    expect(await order(placed.result?.txid?.[0])).toMatchObject({
      status: 'canceled',
      vol_exec: '0.00400000',
      reason: 'Immediate or cancel: not filled at once',
    });
    expect(await balances()).toMatchObject({ XXBT: '0.4960000000' });
    expect(Object.keys((await call<{ open: Orders }>('OpenOrders')).result?.open ?? {})).toEqual([]);
  });

  it('IOC that does not cross is cancelled with nothing filled; FOK fills whole or not at all', async () => {
    const away = await ioc('0.01', '95000.0');
    expect(await order(away.result?.txid?.[0])).toMatchObject({ status: 'canceled', vol_exec: '0.00000000' });
    await callAdmin(sim.url, 'liquidity', { pair: 'XBTUSD', volume: '0.004' });
    const fok = await addOrder({ pair: 'XBTUSD', type: 'sell', ordertype: 'limit', price: '89990.0', volume: '0.01', timeinforce: 'FOK' });
    expect(await order(fok.result?.txid?.[0])).toMatchObject({
      status: 'canceled',
      vol_exec: '0.00000000',
      reason: 'Fill or kill: could not fill whole at once',
    });
    await callAdmin(sim.url, 'liquidity', { pair: 'XBTUSD', volume: null });
    const whole = await ioc('0.01', '89990.0');
    expect(await order(whole.result?.txid?.[0])).toMatchObject({ status: 'closed', vol_exec: '0.01000000' });
    expect(
      (await addOrder({ pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '1.0', volume: '0.01', timeinforce: 'GTD' })).error,
    ).toEqual(['EGeneral:Invalid arguments:timeinforce']);
  });
});

describe('TradeVolume', () => {
  it('gives the fee schedule of the pairs asked for, taker in fees and maker in fees_maker', async () => {
    const volume = await call<{
      currency: string;
      fees: Record<string, { fee: string; next_fee: string | null }>;
      fees_maker: Record<string, { fee: string }>;
    }>('TradeVolume', { pair: 'XBTUSD,ADAUSD' });
    expect(volume.error).toEqual([]);
    expect(volume.result?.currency).toBe('ZUSD');
    expect(volume.result?.fees['XXBTZUSD']).toMatchObject({ fee: '0.4000', next_fee: '0.3500' });
    expect(volume.result?.fees_maker['XXBTZUSD']).toMatchObject({ fee: '0.2500' });
    expect(Object.keys(volume.result?.fees ?? {})).toEqual(['XXBTZUSD', 'ADAUSD']);
    expect((await call('TradeVolume', { pair: 'NOPEUSD' })).error).toEqual(['EQuery:Unknown asset pair']);
  });
});

describe('order checks', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['ordermin', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.00001' }, 'EOrder:Order minimum not met'],
    ['costmin', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '1000.0', volume: '0.0001' }, 'EOrder:Cost minimum not met'],
    ['tick size', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '50000.05', volume: '0.001' }, 'EOrder:Tick size check failed'],
    ['lot decimals', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.000100001' }, 'EGeneral:Invalid arguments:volume'],
    ['quote funds', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '1' }, 'EOrder:Insufficient funds'],
    ['base funds', { pair: 'ETHUSD', type: 'sell', ordertype: 'market', volume: '3' }, 'EOrder:Insufficient funds'],
    ['unknown pair', { pair: 'NOPEUSD', type: 'buy', ordertype: 'market', volume: '1' }, 'EQuery:Unknown asset pair'],
    ['bad side', { pair: 'XBTUSD', type: 'hold', ordertype: 'market', volume: '1' }, 'EGeneral:Invalid arguments:type'],
    ['missing price', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', volume: '0.001' }, 'EGeneral:Invalid arguments:price'],
  ];
  it.each(cases)('refuses an order that fails %s', async (_name, params, error) => {
    expect(await addOrder(params)).toEqual({ error: [error] });
    expect(await balances()).toMatchObject({ ZUSD: '10000.0000', XXBT: '0.5000000000' });
  });

  it('does not let an order spend funds held by another', async () => {
    await addOrder({ pair: 'XBTUSD', type: 'sell', ordertype: 'limit', price: '99000.0', volume: '0.5' });
    expect((await addOrder({ pair: 'XBTUSD', type: 'sell', ordertype: 'market', volume: '0.001' })).error).toEqual([
      'EOrder:Insufficient funds',
    ]);
  });

  it('keeps cl_ord_id unique among open orders', async () => {
    const order = { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '50000.0', volume: '0.001', cl_ord_id: 'oc9-test-1' };
    expect((await addOrder(order)).error).toEqual([]);
    expect((await addOrder(order)).error).toEqual(['EGeneral:Invalid arguments:cl_ord_id']);
    expect((await call('CancelOrder', { cl_ord_id: 'oc9-test-1' })).result).toEqual({ count: 1 });
    expect((await addOrder(order)).error).toEqual([]);
  });

  it('limits how fast one key may add orders on one pair', async () => {
    const errors: string[][] = [];
    for (let i = 0; i < 61; i += 1) {
      errors.push(
        (await callPrivate(sim.url, testKeys.trader, 'AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.0001' }))
          .error,
      );
    }
    expect(errors.slice(0, 60).every((e) => e.length === 0)).toBe(true);
    expect(errors[60]).toEqual(['EOrder:Rate limit exceeded']);
  });
});

describe('CancelOrder', () => {
  it('cancels by txid, releasing the hold, and reports it closed as user requested', async () => {
    const placed = await addOrder({ pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '50000.0', volume: '0.001' });
    const txid = placed.result?.txid?.[0] ?? '';
    expect(await call('CancelOrder', { txid })).toEqual({ error: [], result: { count: 1 } });
    const extended = await call<Record<string, { hold_trade: string }>>('BalanceEx');
    expect(extended.result?.ZUSD?.hold_trade).toBe('0.0000');
    const closed = await call<{ closed: Orders }>('ClosedOrders');
    expect(closed.result?.closed[txid]).toMatchObject({ status: 'canceled', reason: 'User requested' });
    const queried = await call<Orders>('QueryOrders', { txid });
    expect(queried.result?.[txid]?.status).toBe('canceled');
  });

  it('refuses an unknown order', async () => {
    expect(await call('CancelOrder', { txid: 'OAAAAA-BBBBB-CCCCCC' })).toEqual({ error: ['EOrder:Unknown order'] });
    expect(await call('CancelOrder', { cl_ord_id: 'nobody' })).toEqual({ error: ['EOrder:Unknown order'] });
  });
});
