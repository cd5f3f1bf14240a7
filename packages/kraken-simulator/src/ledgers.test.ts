import { compareKrakenTimes } from '../../../src-shared/kraken-time';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dec, ZERO } from '../../../src-shared/money';
import { createVirtualClock, type VirtualClock } from '../../../src-shared/clock';
import { startSimulator, type RunningSimulator } from './server';
import { callPrivate, type Envelope } from './test-client';
import { CLOCK_START, FIXTURE_FUNDING, makeTestScenario, testKeys, type Movement } from './test-fixtures';

interface WireEntry {
  refid: string;
  time: string;
  type: string;
  subtype: string;
  aclass: string;
  asset: string;
  amount: string;
  fee: string;
  balance: string;
}
interface LedgersResult {
  ledger: Record<string, WireEntry>;
  count?: number;
}

const HISTORY: Movement[] = [
  ...Array.from({ length: 100 }, (_, i): Movement => ({
    asset: 'ZUSD',
    amount: i % 2 === 0 ? '25.5' : '-10',
    fee: i % 2 === 0 ? '0' : '0.5',
  })),
  ...Array.from({ length: 10 }, (): Movement => ({ asset: 'DOT.F', amount: '0.0125', type: 'staking' })),
];
const TOTAL = FIXTURE_FUNDING.length + HISTORY.length;

let sim: RunningSimulator;
let clock: VirtualClock;
beforeAll(async () => {
  clock = createVirtualClock(CLOCK_START);
  sim = await startSimulator({ scenario: makeTestScenario(HISTORY), clock });
});
afterAll(() => sim.stop());
beforeEach(() => clock.advance(60_000));

const ledgers = (params: Record<string, string> = {}): Promise<Envelope<LedgersResult>> =>
  callPrivate<LedgersResult>(sim.url, testKeys.trader, 'Ledgers', params);

async function page(params: Record<string, string> = {}): Promise<[string, WireEntry][]> {
  const answer = await ledgers(params);
  expect(answer.error).toEqual([]);
  return Object.entries(answer.result?.ledger ?? {});
}

describe('Ledgers', () => {
  it('returns 50 entries newest first with the count of all matches', async () => {
    const answer = await ledgers();
    const entries = Object.values(answer.result?.ledger ?? {});
    expect(entries).toHaveLength(50);
    expect(answer.result?.count).toBe(TOTAL);
    const times = entries.map((e) => e.time);
    expect([...times].sort((a, b) => compareKrakenTimes(b, a))).toEqual(times);
    expect(Number(times[0])).toBeLessThan(CLOCK_START / 1000);
    expect(Number(times[0])).toBeGreaterThan(CLOCK_START / 1000 - 3601);
  });

  it("has Kraken-shaped ids and amounts at the asset's decimals", async () => {
    const [[id, entry] = ['', undefined]] = await page({ asset: 'ZUSD' });
    expect(id).toMatch(/^L[A-Z2-7]{5}-[A-Z2-7]{5}-[A-Z2-7]{6}$/);
    expect(entry).toMatchObject({ asset: 'ZUSD', aclass: 'currency', amount: '-10.0000', fee: '0.5000' });
  });

  it('pages with ofs until every entry was seen once', async () => {
    const seen = new Set<string>();
    for (let ofs = 0; ofs < TOTAL; ofs += 50) {
      for (const [id] of await page({ ofs: String(ofs) })) seen.add(id);
    }
    expect(seen.size).toBe(TOTAL);
    expect(await page({ ofs: String(TOTAL) })).toEqual([]);
  });

  it('treats start as exclusive and end as inclusive, by time or by ledger id', async () => {
    const newest = await page();
    const [pivotId, pivot] = newest[10] ?? ['', { time: 0 }];
    const after = await page({ start: String(pivot.time) });
    expect(after.map(([id]) => id)).toEqual(newest.slice(0, 10).map(([id]) => id));
    expect((await page({ start: pivotId })).map(([id]) => id)).toEqual(newest.slice(0, 10).map(([id]) => id));
    const upTo = await page({ end: pivotId });
    expect(upTo[0]?.[0]).toBe(pivotId);
    expect((await page({ end: String(pivot.time) }))[0]?.[0]).toBe(pivotId);
    const [olderId] = newest[12] ?? [''];
    expect((await page({ start: olderId, end: pivotId })).map(([id]) => id)).toEqual(newest.slice(10, 12).map(([id]) => id));
  });

  it('refuses an unknown ledger id as a bound', async () => {
    expect((await ledgers({ start: 'LNOPE0-NOPE0-NOPE00' })).error).toEqual(['EGeneral:Invalid arguments:start']);
  });

  it('filters by asset (ids or altnames, comma list) and by type', async () => {
    const zusd = await ledgers({ asset: 'USD' });
    expect(zusd.result?.count).toBe(101);
    expect(Object.values(zusd.result?.ledger ?? {}).every((e) => e.asset === 'ZUSD')).toBe(true);
    expect((await ledgers({ asset: 'DOT.F,XBT' })).result?.count).toBe(12);
    expect((await ledgers({ type: 'staking' })).result?.count).toBe(10);
    expect((await ledgers({ type: 'withdrawal', asset: 'ZUSD' })).result?.count).toBe(50);
  });

  it('does not accept spend or receive as a type filter', async () => {
    expect((await ledgers({ type: 'spend' })).error).toEqual(['EGeneral:Invalid arguments:type']);
    expect((await ledgers({ type: 'receive' })).error).toEqual(['EGeneral:Invalid arguments:type']);
  });

  it('refuses an unknown asset', async () => {
    expect((await ledgers({ asset: 'NOPE' })).error).toEqual(['EQuery:Unknown asset']);
  });

  it('omits count when asked', async () => {
    const answer = await ledgers({ without_count: 'true' });
    expect(answer.result && 'count' in answer.result).toBe(false);
    expect(Object.keys(answer.result?.ledger ?? {})).toHaveLength(50);
  });

  it('keeps every running balance equal to previous + amount − fee, ending at the balance', async () => {
    const all: WireEntry[] = [];
    for (let ofs = 0; ofs < TOTAL; ofs += 50) all.push(...(await page({ ofs: String(ofs) })).map(([, e]) => e));
    const running = new Map<string, ReturnType<typeof dec>>();
    for (const entry of all.reverse()) {
      const expected = (running.get(entry.asset) ?? ZERO).plus(dec(entry.amount)).minus(dec(entry.fee));
      expect(dec(entry.balance).eq(expected)).toBe(true);
      running.set(entry.asset, expected);
    }
    const balances = await callPrivate<Record<string, string>>(sim.url, testKeys.trader, 'Balance');
    for (const [asset, amount] of Object.entries(balances.result ?? {})) {
      expect(dec(amount).eq(running.get(asset) ?? ZERO)).toBe(true);
    }
  });
});

describe('QueryLedgers', () => {
  it('returns the asked entries keyed by id, without a wrapper', async () => {
    const [[first], [second]] = (await page()) as [[string, WireEntry], [string, WireEntry]];
    const answer = await callPrivate<Record<string, WireEntry>>(sim.url, testKeys.trader, 'QueryLedgers', {
      id: `${first},${second},LNOPE0-NOPE0-NOPE00`,
    });
    expect(Object.keys(answer.result ?? {})).toEqual([first, second]);
  });

  it('refuses more than 20 ids', async () => {
    const ids = Array.from({ length: 21 }, (_, i) => `LAAAAA-AAAAA-AAAA${String(i).padStart(2, '0')}`).join(',');
    expect((await callPrivate(sim.url, testKeys.trader, 'QueryLedgers', { id: ids })).error).toEqual(['EGeneral:Invalid arguments:id']);
  });
});
