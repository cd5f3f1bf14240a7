// Selling small balances and freeing stranded ones, against the real simulator over HTTP (one virtual clock for
// both): Kraken's minimums, tick and lot rounding, a refusal from `validate`, an IOC that fills in part, Kraken's
// trading limit waited out, a top-up that fills in part, a restart between the two orders of a top-up, and the
// second confirmation of a live account.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BookView } from '../../../src-shared/conversion-plan';
import type { SaleRun, TopUpReview } from '../../../src-shared/contract/sale';
import { DEFAULT_SETTINGS } from '../../../src-shared/contract/settings';
import { dec } from '../../../src-shared/money';
import type { Emit } from '../../app/contract-host';
import type { KrakenClient } from '../../kraken/client';
import { startHarness, testKeys, type Harness } from '../../kraken/test-harness';
import { sharedNonceSource } from '../../kraken/nonce';
import { callPrivate } from '@oc9/kraken-simulator/test-support';
import { connectionOf, type Connection } from '../../connection/connection-manager';
import { createPortfolioService } from '../portfolio/portfolio-service';
import { createAccountMirrors, type AccountMirrors } from '../../mirror/account-mirrors';
import { createSaleService, type SaleService } from './sale-service';

interface Setup {
  h: Harness;
  dataDir: string;
  mirrors: AccountMirrors;
  client: KrakenClient;
  service: SaleService;
  changes: SaleRun[];
  /** A second app on the same saved files and account, as after a restart. */
  restart(client?: Pick<KrakenClient, keyof KrakenClient>): SaleService;
}

const started: Setup[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) {
    s.service.stop();
    s.mirrors.close();
    await s.h.stop();
    await rm(s.dataDir, { recursive: true, force: true });
  }
});

// DOT 2.600000005 (8.32 USD) and ADA 21.5 (9.68 USD): under the 10 USD small-balance limit, above their pairs'
// minimums; KAVA 22 (9.90 USD) trades only into XBT; ETC 0.2 (3 USD) is below ETC/USD's 0.5 minimum: stranded.
const MOVEMENTS = [
  { asset: 'DOT', amount: '2.500000005' },
  { asset: 'ADA', amount: '20' },
  { asset: 'KAVA', amount: '20' },
];

async function setup(options: { mode?: Connection['mode']; book?: BookView } = {}): Promise<Setup> {
  const h = await startHarness({ movements: MOVEMENTS });
  const dataDir = await mkdtemp(join(tmpdir(), 'oc9-sale-'));
  const client = h.client();
  const changes: SaleRun[] = [];
  const mirrors = createAccountMirrors({ dataDir, clock: h.clock });
  const emit: Emit = (name, payload) => {
    if (name === 'sale.changed') changes.push(payload as SaleRun);
  };
  const make = (orderClient: Pick<KrakenClient, keyof KrakenClient> = client): SaleService => {
    const connection: Connection = connectionOf(
      { mode: options.mode ?? 'demo', baseUrl: h.sim.url, label: 'Test account', accountId: null },
      orderClient,
      h.clock,
    );
    const connections = { current: () => connection, externalOrigins: () => [h.sim.url] };
    const settings = { current: () => DEFAULT_SETTINGS, handlers: {} as never };
    return createSaleService({
      dataDir,
      connections,
      mirrors,
      settings,
      portfolio: createPortfolioService({ connections, settings, clock: h.clock }),
      book: () => options.book ?? { loaded: false, positions: [] },
      clock: h.clock,
      emit,
      operator: 'tester',
    });
  };
  const s: Setup = { h, dataDir, mirrors, client, service: make(), changes, restart: (c) => make(c) };
  started.push(s);
  return s;
}

/** Waits (in real time: the orders run in the background) until the run is no longer running. */
async function untilSettled(service: SaleService, id: string): Promise<SaleRun> {
  for (let i = 0; i < 500; i++) {
    const run = (await service.handlers['sale.runs']({})).find((r) => r.id === id);
    if (run !== undefined && run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the run never finished');
}

async function balance(s: Setup, asset: string): Promise<string> {
  return dec((await s.client.balanceEx())[asset]?.balance ?? '0').toFixed();
}

interface KrakenOrderWire {
  cl_ord_id?: string;
  status: string;
  vol_exec: string;
  oflags?: string;
  descr: { ordertype: string; type: string };
}

async function ordersBy(s: Setup, clOrdId: string) {
  // every order Kraken has with this client id, open or closed: an order placed twice would show twice
  const open = await callPrivate<{ open: Record<string, KrakenOrderWire> }>(s.h.sim.url, testKeys.reader, 'OpenOrders');
  const closed = await callPrivate<{ closed: Record<string, KrakenOrderWire> }>(s.h.sim.url, testKeys.reader, 'ClosedOrders');
  return [...Object.entries(closed.result?.closed ?? {}), ...Object.entries(open.result?.open ?? {})]
    .map(([txid, order]) => ({ ...order, txid }))
    .filter((order) => order.cl_ord_id === clOrdId);
}

/** Kraken's closed orders, read with another key of the account through the simulator's client (the app has no use for them). */
async function closedOrders(s: Setup): Promise<Record<string, unknown>> {
  const answer = await callPrivate<{ closed: Record<string, unknown> }>(s.h.sim.url, testKeys.reader, 'ClosedOrders');
  return answer.result?.closed ?? {};
}

describe('selling small balances', () => {
  it('reviews each chosen balance: pair, volume in lots, a limit at the bid, proceeds after the tier fee, what stays behind', async () => {
    const s = await setup();
    const r = await s.service.handlers['sale.review']({ assets: ['DOT', 'ADA'], target: 'ZUSD', acknowledged: [] });
    expect(r.candidates.map((c) => c.asset.code).sort()).toEqual(['ADA', 'DOT', 'KAVA']);
    expect(r.target.code).toBe('USD');
    expect(r.takerFeePercent).toMatchObject({ DOTUSD: '0.4000', ADAUSD: '0.4000' });
    const dot = r.lines.find((line) => line.asset.code === 'DOT');
    expect(dot).toMatchObject({
      pair: { id: 'DOTUSD', name: 'DOT/USD' },
      available: '2.600000005',
      // 8 lot decimals: the last 0.000000005 stays behind
      sell: { side: 'sell', volume: '2.6', price: '3.2', gross: '8.32', fee: '0.0333', validation: { status: 'accepted' } },
      proceeds: '8.2867',
      leftover: '0.000000005',
      problem: null,
    });
    expect(dot?.sell?.validation).toMatchObject({ order: 'sell 2.60000000 DOTUSD @ limit 3.2000' });
    expect(r.lines.find((line) => line.asset.code === 'ADA')).toMatchObject({
      sell: { volume: '21.5', price: '0.45', fee: '0.0387' },
      proceeds: '9.6363',
    });
    expect(r).toMatchObject({ proceeds: '17.923', fees: '0.072', canPlace: true, blockers: [], permission: { granted: true } });
    // validation placed nothing
    expect(await s.client.openOrders()).toEqual([]);
    expect(await closedOrders(s)).toEqual({});
  });

  it('offers only currencies a pair trades the asset into, and says which when the chosen one has none', async () => {
    const s = await setup();
    const r = await s.service.handlers['sale.review']({ assets: ['KAVA', 'DOT'], target: 'XXBT', acknowledged: [] });
    expect(r.targets.map((t) => t.code)).toEqual(['USD', 'BTC']);
    expect(r.target.code).toBe('BTC');
    expect(r.lines.find((line) => line.asset.code === 'DOT')?.problem).toMatch(/no DOT\/BTC pair.*trades on DOT\/USD.*Choose one of those/);
    expect(r.canPlace).toBe(false);
    expect(r.lines.find((line) => line.asset.code === 'KAVA')?.pair?.name).toBe('KAVA/BTC');
    await expect(s.service.handlers['sale.review']({ assets: ['XETC'], acknowledged: [] })).rejects.toThrow(/ETC cannot be sold here/);
  });

  it('shows Kraken’s refusal from validate in its own words and places nothing', async () => {
    const s = await setup();
    await s.h.admin('system-status', { status: 'post_only' });
    const r = await s.service.handlers['sale.review']({ assets: ['DOT'], target: 'ZUSD', acknowledged: [] });
    expect(r.lines[0]?.sell?.validation).toMatchObject({ status: 'refused', krakenError: 'EService:Market in post_only mode' });
    expect(r.canPlace).toBe(false);
    expect(r.blockers[0]).toMatch(/^DOT: Kraken refused the order — /);
    await expect(
      s.service.handlers['sale.place']({ assets: ['DOT'], target: 'ZUSD', acknowledged: [], liveConfirmed: false }),
    ).rejects.toThrow(/Nothing was placed/);
    expect(await closedOrders(s)).toEqual({});
  });

  it('says at the point of use that the key needs the permission to create orders', async () => {
    const s = await setup();
    // a key that reads everything but may not create orders (the test's reader key cannot read balances)
    const reader = s.h.client(testKeys.reader);
    const r = await s
      .restart({ ...s.client, addOrder: (params) => reader.addOrder(params) })
      .handlers['sale.review']({ assets: ['DOT'], target: 'ZUSD', acknowledged: [] });
    expect(r.permission.granted).toBe(false);
    expect(r.permission.advice).toMatch(/Create & modify orders/);
    expect(r.lines[0]?.sell?.validation).toMatchObject({ status: 'refused', krakenError: 'EGeneral:Permission denied' });
  });

  it('sells each chosen balance with one IOC limit order of its own client id and proves the receipt against the ledger', async () => {
    const s = await setup();
    const usdBefore = dec(await balance(s, 'ZUSD'));
    const run = await s.service.handlers['sale.place']({ assets: ['DOT', 'ADA'], target: 'ZUSD', acknowledged: [], liveConfirmed: false });
    expect(run.steps.map((step) => step.status)).toEqual(['planned', 'planned']);
    const done = await untilSettled(s.service, run.id);
    expect(done.status).toBe('done');
    expect(done.steps.map((step) => [step.asset, step.status, step.filled]).sort()).toEqual([
      ['ADA', 'filled', '21.5'],
      ['DOT', 'filled', '2.6'],
    ]);
    for (const step of done.steps) {
      const [order] = await ordersBy(s, step.clOrdId);
      expect(order).toMatchObject({ txid: step.txid, status: 'closed', descr: { ordertype: 'limit', type: 'sell' } });
      expect(order?.oflags).toBeDefined();
    }
    expect(done.receipt).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          asset: 'DOT',
          sold: '2.6',
          bought: '0',
          proceeds: '8.2867',
          fee: '0.0333',
          leftover: '0.000000005',
          matched: true,
        }),
        expect.objectContaining({ asset: 'ADA', sold: '21.5', proceeds: '9.6363', fee: '0.0387', leftover: '0', matched: true }),
      ]),
    );
    expect(
      dec(await balance(s, 'ZUSD'))
        .minus(usdBefore)
        .toFixed(),
    ).toBe('17.923');
    expect(done).toMatchObject({ who: 'tester', mode: 'demo', kind: 'sell' });
    // the screens heard of every order as it happened
    expect(s.changes.some((c) => c.steps[0]?.status === 'placed')).toBe(true);
  });

  it('reports an IOC that fills in part: what sold, what stays, and Kraken’s reason for the rest', async () => {
    const s = await setup();
    await s.h.admin('liquidity', { pair: 'DOTUSD', volume: '1' });
    const run = await s.service.handlers['sale.place']({ assets: ['DOT', 'ADA'], target: 'ZUSD', acknowledged: [], liveConfirmed: false });
    const done = await untilSettled(s.service, run.id);
    const step = (asset: string) => done.steps.find((x) => x.asset === asset);
    expect(step('DOT')).toMatchObject({ status: 'partly-filled', filled: '1', volume: '2.6' });
    expect(step('DOT')?.krakenMessage).toBeTruthy();
    // a partial fill of one sale does not stop the others
    expect(step('ADA')?.status).toBe('filled');
    expect(done.receipt?.find((line) => line.asset === 'DOT')).toMatchObject({ sold: '1', leftover: '1.600000005', matched: true });
    expect(await balance(s, 'DOT')).toBe('1.600000005');
  });

  it('waits out Kraken’s trading limit on the pair and then places the order once', async () => {
    const s = await setup();
    // another program on the key fills the pair's counter: orders placed and cancelled at once cost 9 each
    for (let i = 0; i < 7; i++) {
      const placed = await s.client.addOrder({ pair: 'DOTUSD', type: 'buy', ordertype: 'limit', volume: '1', price: '1.0000' });
      // the same key, so the same pair counter; its nonce from the key's one sequence, as two well-behaved programs would
      const nonce = sharedNonceSource(testKeys.trader.key, () => s.h.clock.now()).next();
      await callPrivate(s.h.sim.url, testKeys.trader, 'CancelOrder', { txid: placed.txid[0] ?? '' }, { nonce });
    }
    const run = await s.service.handlers['sale.place']({ assets: ['DOT'], target: 'ZUSD', acknowledged: [], liveConfirmed: false });
    const done = await untilSettled(s.service, run.id);
    expect(s.changes.some((c) => /trading limit on DOT\/USD is full/.test(c.waiting ?? ''))).toBe(true);
    expect(done).toMatchObject({ status: 'done', waiting: null });
    expect(done.steps[0]?.status).toBe('filled');
    expect(await ordersBy(s, done.steps[0]?.clOrdId ?? '')).toHaveLength(1);
  });

  it('waits for room on the key’s call counter and says so on the run', async () => {
    const s = await setup();
    // the bot's reads on the same key have all but spent the Starter counter (15, falling by 0.33 a second)
    for (let i = 0; i < 14; i++) await s.client.balanceEx();
    const run = await s.service.handlers['sale.place']({ assets: ['DOT', 'ADA'], target: 'ZUSD', acknowledged: [], liveConfirmed: false });
    const done = await untilSettled(s.service, run.id);
    expect(s.changes.some((c) => /Waiting \d+ s for room on this key's Kraken call counter/.test(c.waiting ?? ''))).toBe(true);
    expect(done).toMatchObject({ status: 'done', waiting: null });
    expect(done.steps.map((step) => step.status)).toEqual(['filled', 'filled']);
    expect(done.receipt?.every((line) => line.matched)).toBe(true);
  });

  it('needs the operator’s word for an asset OC9 holds a position in', async () => {
    const s = await setup({ book: { loaded: true, positions: [{ asset: 'DOT', quantity: '2' }] } });
    const r = await s.service.handlers['sale.review']({ assets: ['DOT'], target: 'ZUSD', acknowledged: [] });
    expect(r.lines[0]?.inUse).toEqual({ position: true, openOrders: false });
    expect(r.blockers).toEqual(['DOT: OC9 holds a position in it; acknowledge it to sell it anyway.']);
    await expect(
      s.service.handlers['sale.place']({ assets: ['DOT'], target: 'ZUSD', acknowledged: [], liveConfirmed: false }),
    ).rejects.toThrow(/OC9 holds a position/);
    const acknowledged = await s.service.handlers['sale.review']({ assets: ['DOT'], target: 'ZUSD', acknowledged: ['DOT'] });
    expect(acknowledged.canPlace).toBe(true);
  });

  it('asks a live account to confirm once more before its first order, and only the first time', async () => {
    const s = await setup({ mode: 'live' });
    expect((await s.service.handlers['sale.review']({ assets: ['DOT'], target: 'ZUSD', acknowledged: [] })).liveConfirmationNeeded).toBe(
      true,
    );
    await expect(
      s.service.handlers['sale.place']({ assets: ['DOT'], target: 'ZUSD', acknowledged: [], liveConfirmed: false }),
    ).rejects.toThrow(/real orders on your Kraken account/);
    expect(await closedOrders(s)).toEqual({});
    const run = await s.service.handlers['sale.place']({ assets: ['DOT'], target: 'ZUSD', acknowledged: [], liveConfirmed: true });
    await untilSettled(s.service, run.id);
    expect((await s.service.handlers['sale.review']({ assets: ['ADA'], target: 'ZUSD', acknowledged: [] })).liveConfirmationNeeded).toBe(
      false,
    );
  });

  it('refuses a second run while one is still placing orders', async () => {
    const s = await setup();
    const first = s.service.handlers['sale.place']({ assets: ['DOT'], target: 'ZUSD', acknowledged: [], liveConfirmed: false });
    const run = await first;
    await expect(
      s.service.handlers['sale.place']({ assets: ['ADA'], target: 'ZUSD', acknowledged: [], liveConfirmed: false }),
    ).rejects.toThrow(/still being placed/);
    await untilSettled(s.service, run.id);
  });
});

describe('freeing a stranded balance', () => {
  async function freeReview(s: Setup): Promise<TopUpReview> {
    return s.service.handlers['sale.freeReview']({ asset: 'XETC', acknowledged: false });
  }

  it('plans the cheapest exact way out: just enough at the ask to reach the minimums, then the whole balance at the bid', async () => {
    const s = await setup();
    const r = await freeReview(s);
    expect(r).toMatchObject({
      pair: { name: 'ETC/USD' },
      available: '0.2',
      // ordermin 0.5: the buy itself must reach it
      buy: { side: 'buy', volume: '0.5', price: '15.01', gross: '7.505', fee: '0.0301', validation: { status: 'accepted' } },
      sell: { side: 'sell', volume: '0.7', price: '15', gross: '10.5', fee: '0.042', validation: { status: 'not-sent' } },
      cost: '7.5351',
      proceeds: '10.458',
      net: '2.9229',
      leftover: '0',
      canPlace: true,
    });
    // 3 USD is above the 1 USD sweep limit: Kraken sweeps it only after a fall of two thirds
    expect(r.waiting).toMatchObject({ fallNeededPercent: '66.7', cheaper: false });
    expect(r.waiting?.words).toMatch(/falls 67\u00a0%.*Freeing it now is the better deal/);
    await expect(s.service.handlers['sale.freeReview']({ asset: 'DOT', acknowledged: false })).rejects.toThrow(
      /DOT is not a stranded balance/,
    );
  });

  it('buys, then sells the whole balance, and proves both legs against the ledger', async () => {
    const s = await setup();
    const usdBefore = dec(await balance(s, 'ZUSD'));
    const run = await s.service.handlers['sale.free']({ asset: 'XETC', acknowledged: false, liveConfirmed: false });
    const done = await untilSettled(s.service, run.id);
    expect(done.steps.map((step) => [step.side, step.status])).toEqual([
      ['buy', 'filled'],
      ['sell', 'filled'],
    ]);
    // the review's fee estimate rounds up; Kraken's fee on the 7.505 USD buy was 0.0300, not 0.0301
    expect(done.receipt).toEqual([
      expect.objectContaining({ asset: 'XETC', bought: '0.5', sold: '0.7', fee: '0.072', proceeds: '2.923', leftover: '0', matched: true }),
    ]);
    expect(await balance(s, 'XETC')).toBe('0');
    expect(
      dec(await balance(s, 'ZUSD'))
        .minus(usdBefore)
        .toFixed(),
    ).toBe('2.923');
  });

  it('stops when the top-up fills in part and never sells what was not bought', async () => {
    const s = await setup();
    await s.h.admin('liquidity', { pair: 'XETCZUSD', volume: '0.3' });
    const run = await s.service.handlers['sale.free']({ asset: 'XETC', acknowledged: false, liveConfirmed: false });
    const done = await untilSettled(s.service, run.id);
    expect(done.status).toBe('stopped');
    expect(done.steps.map((step) => step.status)).toEqual(['partly-filled', 'skipped']);
    expect(done.stopReason).toMatch(/filled only 0.3 of 0.5 ETC, so nothing was sold/);
    expect(await ordersBy(s, done.steps[1]?.clOrdId ?? '')).toEqual([]);
    expect(await balance(s, 'XETC')).toBe('0.5');
  });

  it('after a restart between the two orders, places the sale once and never the top-up again', async () => {
    const s = await setup();
    // the first app sends the sale, then dies before it hears Kraken's answer
    const dying = {
      ...s.client,
      addOrder: async (params: Parameters<KrakenClient['addOrder']>[0]) => {
        if (params.type === 'sell') {
          await s.client.addOrder(params);
          return new Promise<never>(() => {});
        }
        return s.client.addOrder(params);
      },
    };
    const first = s.restart(dying);
    const run = await first.handlers['sale.free']({ asset: 'XETC', acknowledged: false, liveConfirmed: false });
    for (let i = 0; i < 500 && (await ordersBy(s, run.steps[1]?.clOrdId ?? '')).length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const saved = (await first.handlers['sale.runs']({})).find((r) => r.id === run.id);
    expect(saved?.steps.map((step) => step.status)).toEqual(['filled', 'planned']);
    first.stop();

    const second = s.restart();
    second.resume();
    const done = await untilSettled(second, run.id);
    expect(done.steps.map((step) => step.status)).toEqual(['filled', 'filled']);
    expect(await ordersBy(s, run.steps[0]?.clOrdId ?? '')).toHaveLength(1);
    expect(await ordersBy(s, run.steps[1]?.clOrdId ?? '')).toHaveLength(1);
    expect(await balance(s, 'XETC')).toBe('0');
    expect(done.receipt?.[0]).toMatchObject({ bought: '0.5', sold: '0.7', matched: true });
    second.stop();
  });
});
