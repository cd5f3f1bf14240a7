import { afterEach, describe, expect, it } from 'vitest';
import { krakenTimeCeilMs } from '../../../src-shared/kraken-time';
import { D, dec, sum } from '../../../src-shared/money';
import { createVirtualClock, type VirtualClock } from '../../../src-shared/clock';
import { startSimulator, type RunningSimulator } from './server';
import type { SimulatorSettings } from './simulator-settings';
import { callAdmin, callPrivate, httpCall } from './test-client';
import { CLOCK_START, makeTestScenario, testKeys, type Movement } from './test-fixtures';

interface Leg {
  id: string;
  refid: string;
  /** Kraken's text, as a lossless client reads it. */
  time: string;
  type: string;
  subtype: string;
  aclass: string;
  asset: string;
  amount: string;
  fee: string;
  balance: string;
}
interface Swept {
  refid: string;
  time: string;
  target: string;
  feeLeg: string;
  legs: Leg[];
}
interface Refused {
  error: string;
  reason: string;
  availableAt?: string;
}

/** Every fixture balance under 1 USD, by route: direct (ADA, DOT, XDG, USDT), via XBT (KAVA), EUR (ACA), USDT (TKN). */
const DUST = ['ADA', 'DOT', 'XXDG', 'KAVA', 'ACA', 'TKN', 'USDT'];
const DUST_USD = dec('3.729875');

let sim: RunningSimulator;
let clock: VirtualClock;
async function start(settings: Partial<SimulatorSettings> = {}, history: Movement[] = []): Promise<void> {
  clock = createVirtualClock(CLOCK_START);
  sim = await startSimulator({ scenario: makeTestScenario(history), clock, admin: true, settings });
}
afterEach(() => sim.stop());

const sweep = <T = Swept>(target = 'ZUSD') => callAdmin<T>(sim.url, 'convert-small-balances', { target });
const balances = async (): Promise<Record<string, string>> => {
  clock.advance(5_000);
  return (await callPrivate<Record<string, string>>(sim.url, testKeys.trader, 'Balance')).result ?? {};
};

describe('Convert small balances', () => {
  it('sweeps every spot balance under 1 USD (by any route) into the target, with the fee on the receive leg', async () => {
    await start();
    const { status, body } = await sweep();
    expect(status).toBe(200);
    const spends = body.legs.filter((leg) => leg.type === 'spend');
    const receives = body.legs.filter((leg) => leg.type === 'receive');
    expect(spends.map((leg) => leg.asset).sort()).toEqual([...DUST].sort());
    expect(receives).toHaveLength(1);
    for (const leg of body.legs) {
      expect(leg).toMatchObject({ refid: body.refid, time: body.time, subtype: 'dustsweeping', aclass: 'currency' });
    }
    expect(body.refid).toMatch(/^T[A-Z2-7]{6}-[A-Z2-7]{5}-[A-Z2-7]{6}$/);
    expect(spends.every((leg) => dec(leg.amount).isNegative() && dec(leg.balance).isZero() && dec(leg.fee).isZero())).toBe(true);
    expect(receives[0]).toMatchObject({ asset: 'ZUSD', amount: '3.7298', fee: '0.1119', balance: '10003.6179' });

    const after = await balances();
    for (const asset of DUST) expect(dec(after[asset] ?? '1').isZero()).toBe(true);
    expect(after).toMatchObject({ ZUSD: '10003.6179', LUNA: '5.00000000', 'DOT.F': '20.0000000000', XETC: '0.2000000000' });
  });

  it('books no trade and shows the group in Ledgers', async () => {
    await start();
    const { body } = await sweep();
    const trades = await callPrivate<{ count: number }>(sim.url, testKeys.trader, 'TradesHistory');
    expect(trades.result?.count).toBe(0);
    const ledger = await callPrivate<{ ledger: Record<string, Leg> }>(sim.url, testKeys.trader, 'Ledgers', { ofs: '0' });
    const group = Object.entries(ledger.result?.ledger ?? {}).filter(([, entry]) => entry.refid === body.refid);
    expect(group.map(([id]) => id).sort()).toEqual(body.legs.map((leg) => leg.id).sort());
  });

  it('honours the threshold setting', async () => {
    await start({ dustThresholdUsd: '0.5' });
    const { body } = await sweep();
    expect(
      body.legs
        .filter((l) => l.type === 'spend')
        .map((l) => l.asset)
        .sort(),
    ).toEqual(['DOT', 'USDT', 'XXDG']);
  });

  it('can take the fee from the spend legs, each share at its asset’s decimals, still clearing every balance', async () => {
    // a balance so small that its share of the fee rounds to nothing at its asset's 4 decimals
    await start({ sweepFeeLeg: 'spend' }, [{ asset: 'ZEUR', amount: '-499.9988' }]);
    const { body } = await sweep();
    const spends = body.legs.filter((leg) => leg.type === 'spend');
    for (const leg of spends) {
      const held = dec(leg.fee).minus(dec(leg.amount));
      const decimals = leg.fee.split('.')[1]?.length ?? 0;
      expect(leg.fee, leg.asset).toBe(held.times('0.03').toDecimalPlaces(decimals, D.ROUND_HALF_UP).toFixed(decimals));
      expect(dec(leg.balance).isZero(), leg.asset).toBe(true);
    }
    expect(spends.find((leg) => leg.asset === 'ZEUR')).toMatchObject({ amount: '-0.0012', fee: '0.0000' });
    expect(spends.filter((leg) => !dec(leg.fee).isZero()).length).toBeGreaterThan(1);
    const receive = body.legs.find((leg) => leg.type === 'receive');
    expect(receive?.fee).toBe('0.0000');
    const swept = DUST_USD.plus(dec('0.0012').times('1.0800'));
    const feeUsd = swept.minus(dec(receive?.amount ?? '0'));
    expect(feeUsd.minus(swept.times('0.03')).abs().lt('0.001')).toBe(true);
  });

  it('writes times with seven decimals and refids shaped like Kraken’s', async () => {
    await start();
    clock.advance(1234);
    const { body } = await sweep();
    expect(body.refid).toMatch(/^T[A-Z2-7]{6}-[A-Z2-7]{5}-[A-Z2-7]{6}$/);
    expect(body.time).toMatch(/^\d{10}\.\d{1,7}$/);
    expect(body.time.startsWith(String((CLOCK_START + 1234) / 1000))).toBe(true);
    const wire = await callPrivate<{ ledger: Record<string, Leg> }>(sim.url, testKeys.trader, 'Ledgers', { ofs: '0' });
    expect(
      Object.values(wire.result?.ledger ?? {})
        .filter((leg) => leg.refid === body.refid)
        .map((leg) => leg.time),
    ).toEqual(body.legs.map(() => body.time));
  });

  it('converts into EUR through the best routes', async () => {
    await start();
    const { body } = await sweep('EUR');
    const receive = body.legs.find((leg) => leg.type === 'receive');
    expect(receive?.asset).toBe('ZEUR');
    const expected = DUST_USD.div('1.0801');
    expect(
      dec(receive?.amount ?? '0')
        .minus(expected)
        .abs()
        .lt('0.001'),
    ).toBe(true);
  });

  it('sweeps only what open orders do not hold', async () => {
    await start();
    await callAdmin(sim.url, 'deposit', { asset: 'ADA', amount: '20' });
    const order = await callPrivate(sim.url, testKeys.trader, 'AddOrder', {
      pair: 'ADAUSD',
      type: 'sell',
      ordertype: 'limit',
      price: '1.000000',
      volume: '20',
    });
    expect(order.error).toEqual([]);
    const { body } = await sweep();
    expect(body.legs.find((leg) => leg.asset === 'ADA')).toMatchObject({ amount: '-1.50000000', balance: '20.00000000' });
  });

  it('works once per 24 hours of clock time, and says when it is next available', async () => {
    await start();
    const first = await sweep();
    await callAdmin(sim.url, 'deposit', { asset: 'DOT', amount: '0.05' });
    clock.advance(23 * 3600 * 1000);
    const refused = await sweep<Refused>();
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe('cooldown');
    expect(refused.body.availableAt).toBe(new Date(krakenTimeCeilMs(first.body.time) + 24 * 3600 * 1000).toISOString());
    // at the very millisecond it names, not one before
    clock.advance(Date.parse(refused.body.availableAt ?? '') - clock.now() - 1);
    expect((await sweep<Refused>()).status).toBe(409);
    clock.advance(1);
    const second = await sweep();
    expect(second.status).toBe(200);
    expect(second.body.legs.filter((l) => l.type === 'spend').map((l) => l.asset)).toEqual(['DOT']);
  });

  it("counts a sweep from the scenario's history toward the cooldown", async () => {
    await start({}, [
      { asset: 'XXDG', amount: '-3', type: 'spend', subtype: 'dustsweeping', refid: 'TOLDSWP-AAAAA-AAAAAA' },
      { asset: 'ZUSD', amount: '0.4656', fee: '0.0140', type: 'receive', subtype: 'dustsweeping', refid: 'TOLDSWP-AAAAA-AAAAAA' },
    ]);
    expect((await sweep<Refused>()).status).toBe(409);
  });

  it('refuses when nothing is small enough, and refuses non-cash targets', async () => {
    await start({ dustThresholdUsd: '0.1' });
    const nothing = await sweep<Refused>();
    expect(nothing).toMatchObject({ status: 409, body: { reason: 'nothing-to-convert' } });
    const crypto = await sweep<Refused>('XBT');
    expect(crypto).toMatchObject({ status: 400, body: { reason: 'bad-target' } });
  });

  it('keeps the ledger and balances in agreement', async () => {
    await start();
    const { body } = await sweep();
    const received = body.legs.find((leg) => leg.type === 'receive');
    expect(
      sum([dec('10000'), dec(received?.amount ?? '0')])
        .minus(dec(received?.fee ?? '0'))
        .toFixed(4),
    ).toBe((await balances()).ZUSD);
  });
});

describe('the Kraken Pro stand-in page', () => {
  it('lists balances and offers Convert small balances with a "Convert to" picker, using no outside resources', async () => {
    await start();
    const page = await httpCall(`${sim.url}/__sim/pro/portfolio/spot`);
    expect(page.status).toBe(200);
    expect(page.contentType).toContain('text/html');
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toMatch(/<button[^>]*id="open-convert"[^>]*>Convert small balances<\/button>/);
    expect(page.text).toContain('<label for="convert-target">Convert to</label>');
    expect(page.text).toMatch(
      /<select id="convert-target"><option value="ZUSD">USD<\/option><option value="ZEUR">EUR<\/option><option value="USDT">USDT<\/option><\/select>/,
    );
    expect(page.text).toContain('>DOGE</th>');
    expect(page.text).toContain('role="status"');
    expect(page.text).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('exists only when the admin API is on', async () => {
    clock = createVirtualClock(CLOCK_START);
    sim = await startSimulator({ scenario: makeTestScenario(), clock });
    expect((await httpCall(`${sim.url}/__sim/pro/portfolio/spot`)).status).toBe(404);
    expect((await httpCall(`${sim.url}/__sim/state`)).status).toBe(404);
  });
});
