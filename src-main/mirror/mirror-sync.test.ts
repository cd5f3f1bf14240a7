// The account mirror and its sync engine against the real simulator over HTTP, in a real SQLite file, on a virtual
// clock: every entry kept as Kraken wrote it, incremental reads, a resumable backfill, a sweep never half-seen, one
// call counter shared across restarts, and running balances checked and mended.
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { compareKrakenTimes } from '../../src-shared/kraken-time';
import { dec } from '../../src-shared/money';
import { oldestFirst, type LedgerEntry } from '../../src-shared/ledger';
import { ledgerMovements, recordingFetch, refusalCounter, startHarness, testKeys, type Harness } from '../kraken/test-harness';
import { loadDemoScenario, demoKeys } from '@oc9/kraken-simulator';
import { ledgerWire } from '@oc9/kraken-simulator/test-support';
import type { SyncRun } from './mirror-sync';
import { mirrorFolder, type MirrorFolder } from './test-mirror';

let h: Harness | undefined;
let folder: MirrorFolder | undefined;
afterEach(async () => {
  await folder?.remove();
  await h?.stop();
  folder = undefined;
  h = undefined;
});

const foreground = { priority: 'foreground' } as const;

async function start(options: Parameters<typeof startHarness>[0] = {}): Promise<{ harness: Harness; dir: MirrorFolder }> {
  h = await startHarness(options);
  folder = await mirrorFolder(h);
  return { harness: h, dir: folder };
}

/** Every entry the simulator holds, as ids newest first (Kraken's order). */
const simIdsNewestFirst = (harness: Harness): string[] =>
  harness.sim.account.ledger
    .all()
    .map((e) => e.id)
    .reverse();
/** Every entry the simulator holds, as ids in the order readers get them: by time, then id. */
const simIdsByTime = (harness: Harness): string[] => oldestFirst(harness.sim.account.ledger.all()).map((e) => e.id);

describe('the account mirror', () => {
  it('keeps every demo ledger entry and trade exactly as Kraken wrote it', async () => {
    const { harness, dir } = await start({ scenario: loadDemoScenario() });
    const run = dir.open({ key: { ...demoKeys.full, permissions: [...demoKeys.full.permissions] } });
    await run.sync.catchUp('ledger', foreground);
    await run.sync.backfill('ledger', null, foreground);
    await run.sync.catchUp('trades', foreground);
    await run.sync.backfill('trades', null, foreground);
    run.close();

    // read back through a second connection, as text, straight from the file
    const db = new DatabaseSync(dir.file, { readOnly: true });
    try {
      const rows = db.prepare('SELECT id, refid, time, type, subtype, aclass, asset, amount, fee, balance FROM ledger ORDER BY id').all();
      const { account } = harness.sim;
      const wire = account.ledger
        .all()
        .map((entry) => ({ id: entry.id, ...ledgerWire(entry, account.market), time: entry.time }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(wire.length).toBeGreaterThan(2300);
      expect(rows).toEqual(wire.map((e) => ({ ...e })));
      const types = db
        .prepare('SELECT DISTINCT typeof(amount) AS a, typeof(fee) AS f, typeof(balance) AS b, typeof(time) AS t FROM ledger')
        .all();
      expect(types).toEqual([{ a: 'text', f: 'text', b: 'text', t: 'text' }]);
      expect(rows.some((r) => /^\d+\.\d{7}$/.test(String(r['time'])))).toBe(true);
      const trades = db.prepare('SELECT id, time, price, cost, fee, vol FROM trades ORDER BY id').all();
      expect(trades).toHaveLength(account.trades.length);
      const traded = new Map(account.trades.map((t) => [t.txid, t]));
      for (const row of trades) {
        const trade = traded.get(String(row['id']));
        const pair = account.market.pair(trade?.pair ?? '');
        expect(row).toEqual({
          id: trade?.txid,
          time: trade?.time,
          price: trade?.price.toFixed(pair.pair_decimals),
          cost: trade?.cost.toFixed(pair.cost_decimals),
          fee: trade?.fee.toFixed(pair.cost_decimals),
          vol: trade?.vol.toFixed(pair.lot_decimals),
        });
      }
    } finally {
      db.close();
    }
  });

  it('reads a 2,000-entry ledger at Starter within Kraken’s counter, page by page, and then only what is new', async () => {
    const { harness, dir } = await start({ movements: ledgerMovements(2000) });
    const recorder = recordingFetch();
    // no retries: a single EAPI:Rate limit exceeded would fail the sync
    const run = dir.open({ client: { fetch: recorder.fetch, maxRetries: 0 } });
    const pages: SyncRun[] = [];
    await run.sync.catchUp('ledger', { ...foreground, onPage: (p) => pages.push(p) });
    const backfilled = await run.sync.backfill('ledger', null, { ...foreground, onPage: (p) => pages.push(p) });
    const expected = simIdsNewestFirst(harness);
    expect(run.mirror.ledgerAfter(null).map((e) => e.id)).toEqual(simIdsByTime(harness));
    expect(recorder.requests).toHaveLength(Math.ceil(expected.length / 50));
    // backfill pages are bounded by the first page's newest entry, so arrivals cannot shift them
    const second = new URLSearchParams(recorder.requests[1]?.body);
    expect([second.get('end'), second.get('ofs')]).toEqual([expected[0], '50']);
    expect(backfilled.rateWaits).toBeGreaterThan(0);
    expect(pages.at(-1)?.total).toBe(expected.length);
    expect(run.mirror.state('ledger')).toMatchObject({ complete: true, head: { id: expected[0] }, catchUp: null });

    harness.clock.advance(60_000);
    await harness.admin('deposit', { asset: 'ZUSD', amount: '5' });
    await harness.admin('trade', { pair: 'XBTUSD', type: 'sell', volume: '0.01' });
    recorder.requests.length = 0;
    const next = await run.sync.catchUp('ledger', foreground);
    expect(next).toMatchObject({ pages: 1, records: 3 });
    expect(new URLSearchParams(recorder.requests[0]?.body).get('start')).toBe(expected[0]);
    expect(
      run.mirror
        .ledgerAfter({ id: expected[0] ?? '', time: harness.sim.account.ledger.get(expected[0] ?? '')?.time ?? '0' })
        .map((e) => e.id),
    ).toEqual(oldestFirst(harness.sim.account.ledger.all().slice(-3)).map((e) => e.id));
    // an empty range keeps the head
    const nothing = await run.sync.catchUp('ledger', foreground);
    expect(nothing).toMatchObject({ pages: 1, records: 0 });
    expect(run.mirror.state('ledger').head?.id).toBe(simIdsNewestFirst(harness)[0]);
  });

  it('misses nothing and repeats nothing when entries arrive during a long catch-up, and shows them only when it is whole', async () => {
    const { harness, dir } = await start({ movements: ledgerMovements(20) });
    const run = dir.open();
    await run.sync.catchUp('ledger', foreground);
    for (let i = 0; i < 180; i++) harness.sim.account.deposit('ZUSD', dec('1'));
    const held = run.mirror.count('ledger');
    let arrived = 0;
    const seenMidway: number[] = [];
    await run.sync.catchUp('ledger', {
      ...foreground,
      // booked in-process, so each lands between two pages for sure
      onPage: () => {
        seenMidway.push(run.mirror.count('ledger'));
        if (arrived >= 3) return;
        arrived += 1;
        harness.clock.advance(1000);
        harness.sim.account.deposit('ZUSD', dec('1'));
      },
    });
    // readers saw nothing of the catch-up until its last page
    expect(seenMidway.slice(0, -1).every((n) => n === held)).toBe(true);
    expect(run.mirror.count('ledger')).toBe(held + 180);
    await run.sync.catchUp('ledger', foreground);
    const all = run.mirror.ledgerAfter(null).map((e) => e.id);
    expect(all).toEqual(simIdsByTime(harness));
    expect(new Set(all).size).toBe(all.length);
  });

  it('falls back to the head’s time when Kraken does not know its id', async () => {
    const { harness, dir } = await start({ movements: ledgerMovements(10) });
    const run = dir.open();
    await run.sync.catchUp('ledger', foreground);
    const all = harness.sim.account.ledger.all();
    const cut = all[all.length - 4];
    // the head names an entry Kraken no longer knows, at the time of the fourth newest
    run.mirror.writePage('ledger', {
      records: [],
      seqs: [],
      pending: () => 0,
      state: (current) => ({ ...current, head: { id: 'LGONE0-AAAAA-BBBBBB', time: cut?.time ?? '0', seq: 0 } }),
    });
    const caught = await run.sync.catchUp('ledger', foreground);
    expect(caught.records).toBe(3);
  });

  it('goes on with the backfill where a stopped start left it, and a sweep split across pages is never seen half', async () => {
    const { harness, dir } = await start({ movements: ledgerMovements(40), settings: { ledgerPageSize: 4 } });
    const sweep = await harness.admin<{ refid: string; legs: unknown[] }>('convert-small-balances', { target: 'ZUSD' });
    for (let i = 0; i < 10; i++) await harness.admin('deposit', { asset: 'ZUSD', amount: '1' });
    expect(sweep.legs.length).toBeGreaterThan(4);
    const first = dir.open();
    const legsSeen: number[] = [];
    const watchSweep = () => legsSeen.push(first.mirror.sweepEntries().filter((e) => e.refid === sweep.refid).length);
    first.mirror.onChange(watchSweep);
    let pages = 0;
    await first.sync.catchUp('ledger', foreground);
    await expect(
      first.sync.backfill('ledger', null, {
        ...foreground,
        onPage: () => {
          pages += 1;
          if (pages === 3) first.sync.stop();
        },
      }),
    ).rejects.toThrow(/closed/);
    first.close();
    const held = first.mirror;
    expect(held).toBeDefined();

    const second = dir.open();
    second.mirror.onChange(() => legsSeen.push(second.mirror.sweepEntries().filter((e) => e.refid === sweep.refid).length));
    const rest = await second.sync.backfill('ledger', null, foreground);
    const total = harness.sim.account.ledger.all().length;
    // the second start did not begin again from the newest entry
    expect(rest.pages).toBe(Math.ceil((total - 4 * 4) / 4));
    expect(second.mirror.ledgerAfter(null).map((e) => e.id)).toEqual(simIdsByTime(harness));
    expect(new Set(legsSeen)).toEqual(new Set([0, sweep.legs.length]));
    expect(legsSeen.at(-1)).toBe(sweep.legs.length);
  });

  it('answers a caller who waits (a review’s last day) before a background read of the whole ledger ends', async () => {
    const { harness, dir } = await start({ movements: ledgerMovements(1000) });
    const run = dir.open();
    await run.sync.catchUp('ledger', foreground);
    const whole = run.sync.backfill('ledger', null, { priority: 'background' });
    const all = harness.sim.account.ledger.all();
    const dayBack = all[all.length - 120]?.time ?? '0';
    const recent = await run.sync.backfill('ledger', dayBack, foreground);
    // the caller went on once its stretch was held; the whole read was still going on
    expect(run.mirror.count('ledger')).toBeLessThan(all.length / 2);
    expect(recent.pages).toBeLessThanOrEqual(3);
    expect(run.mirror.ledgerSince(dayBack).length).toBe(119);
    await whole;
    expect(run.mirror.count('ledger')).toBe(all.length);
  });

  it('keeps the call counter’s estimate: a restart mid-sync goes on without one refusal from Kraken', async () => {
    const { harness, dir } = await start({ movements: ledgerMovements(600) });
    const counter = refusalCounter();
    const first = dir.open({ client: { fetch: counter.fetch, maxRetries: 0 } });
    await first.sync.catchUp('ledger', foreground);
    let pages = 0;
    await expect(
      first.sync.backfill('ledger', null, { ...foreground, onPage: () => void (++pages === 5 && first.sync.stop()) }),
    ).rejects.toThrow(/closed/);
    first.close();
    // the app starts again at once: its new client learns from the file how full Kraken's counter is
    const second = dir.open({ client: { fetch: counter.fetch, maxRetries: 0 } });
    await second.sync.backfill('ledger', null, foreground);
    expect(counter.refusals()).toBe(0);
    expect(second.mirror.count('ledger')).toBe(harness.sim.account.ledger.all().length);
  });

  it('learns from Kraken’s first refusal when another tool uses the same key', async () => {
    const { harness, dir } = await start({ movements: ledgerMovements(400) });
    const counter = refusalCounter();
    const run = dir.open({ client: { fetch: counter.fetch } });
    await run.sync.catchUp('ledger', foreground);
    // another tool on the key fills Kraken's counter behind the app's back
    const tool = harness.client(testKeys.trader);
    for (let i = 0; i < 7; i++) await tool.ledgers({ ofs: 0 });
    await run.sync.backfill('ledger', null, foreground);
    expect(counter.refusals()).toBe(1);
    expect(run.mirror.counter.load()?.learnedMargin).toBe(1);
    expect(run.mirror.count('ledger')).toBe(harness.sim.account.ledger.all().length);
  });

  it('reads trade history once, then only newer trades, and answers the trades of one asset', async () => {
    const { harness, dir } = await start();
    await harness.admin('trade', { pair: 'XBTUSD', type: 'buy', volume: '0.01' });
    await harness.admin('trade', { pair: 'ETHUSD', type: 'buy', volume: '0.1' });
    const run = dir.open();
    await run.sync.catchUp('trades', foreground);
    await run.sync.backfill('trades', null, foreground);
    await run.sync.catchUp('ledger', foreground);
    await run.sync.backfill('ledger', null, foreground);
    expect(run.mirror.trades().map((t) => t.id)).toEqual(
      oldestFirst(harness.sim.account.trades.map((t) => ({ id: t.txid, time: t.time }))).map((t) => t.id),
    );
    // what the app does not use is kept too
    expect(
      run.mirror
        .trades()
        .map((t) => t.extra?.['trade_id'])
        .sort(),
    ).toEqual([1, 2]);
    expect(run.mirror.trades()[0]?.extra).toMatchObject({ maker: false, postxid: expect.stringMatching(/^T/) as unknown });
    harness.clock.advance(60_000);
    await harness.admin('trade', { pair: 'XBTUSD', type: 'sell', volume: '0.005' });
    expect(await run.sync.catchUp('trades', foreground)).toMatchObject({ pages: 1, records: 1 });
    await run.sync.catchUp('ledger', foreground);
    expect(run.mirror.tradesOfAsset('XXBT').map((t) => t.type)).toEqual(['buy', 'sell']);
    expect(run.mirror.tradesOfAsset('XETH')).toHaveLength(1);
  });

  it('reads every page of TradesHistory', async () => {
    const { harness, dir } = await start();
    for (let i = 0; i < 120; i += 1) await harness.admin('trade', { pair: 'XBTUSD', type: i % 2 ? 'sell' : 'buy', volume: '0.001' });
    const run = dir.open();
    const pages: number[] = [];
    const first = await run.sync.catchUp('trades', { ...foreground, onPage: (p) => pages.push(p.pages) });
    const rest = await run.sync.backfill('trades', null, { ...foreground, onPage: (p) => pages.push(p.pages) });
    expect([first.pages, rest.pages, first.records + rest.records]).toEqual([1, 2, 120]);
    expect(pages).toEqual([1, 1, 2]);
    const ids = run.mirror.trades().map((t) => t.id);
    expect(new Set(ids)).toEqual(new Set(harness.sim.account.trades.map((t) => t.txid)));
    expect(ids).toHaveLength(120);
  });

  it('mends a running balance broken by a lost entry by reading that range again', async () => {
    const { harness, dir } = await start({ movements: ledgerMovements(30) });
    const run = dir.open();
    await run.sync.catchUp('ledger', foreground);
    await run.sync.backfill('ledger', null, foreground);
    expect(await run.sync.verifyAll(foreground)).toEqual([]);
    const zusd = harness.sim.account.ledger.all().filter((e) => e.asset === 'ZUSD');
    const lost = zusd[10];
    // an entry goes missing from the file (a write lost outside the app)
    const other = new DatabaseSync(dir.file);
    other.prepare('DELETE FROM ledger WHERE id = ?').run(lost?.id ?? '');
    other.close();
    expect(run.mirror.entry(lost?.id ?? '')).toBeNull();
    const recorder = recordingFetch();
    const mended = dir.open({ client: { fetch: recorder.fetch } });
    expect(await mended.sync.verifyAll(foreground)).toEqual([]);
    expect(mended.mirror.entry(lost?.id ?? '')).toMatchObject({ id: lost?.id, balance: lost?.balance.toFixed(4) });
    const asked = new URLSearchParams(recorder.requests[0]?.body);
    expect([asked.get('asset'), asked.get('start'), asked.get('end')]).toEqual(['ZUSD', zusd[9]?.id, zusd[11]?.id]);
  });

  it('keeps entries of a new shape whole: a type and subtype it has not seen, and fields it does not know', async () => {
    const { harness, dir } = await start();
    const run = dir.open();
    await run.sync.catchUp('ledger', foreground);
    const [booked] = harness.sim.account.reward('DOT', dec('0.25'));
    const wire = { ...ledgerWire(booked!, harness.sim.account.market), time: booked!.time };
    const entry: LedgerEntry = {
      id: booked!.id,
      ...wire,
      type: 'earn',
      subtype: 'autoallocation',
      extra: { wallet: 'earn / flexible', amountusd: '0.80' },
    };
    run.mirror.ingestLedger([entry], { followsHead: true });
    run.close();
    const again = dir.open();
    expect(again.mirror.entry(entry.id)).toEqual(entry);
  });

  it('takes entries from any source once, tells its listeners, and shows unconfirmed ones only once Kraken confirms them', async () => {
    const { harness, dir } = await start();
    const run = dir.open();
    await run.sync.catchUp('ledger', foreground);
    await run.sync.backfill('ledger', null, foreground);
    const changes: number[] = [];
    run.mirror.onChange((change) => changes.push(change.written));
    const booked = harness.sim.account.deposit('ZUSD', dec('7'));
    const fed: LedgerEntry[] = booked.map((e) => ({ ...e, ...ledgerWire(e, harness.sim.account.market), time: e.time }));
    // a feed that saw a gap cannot vouch for the head: unseen until a read confirms
    run.mirror.ingestLedger(fed, { followsHead: false });
    expect(run.mirror.entry(fed[0]?.id ?? '')).toBeNull();
    await run.sync.catchUp('ledger', foreground);
    expect(run.mirror.entry(fed[0]?.id ?? '')).toMatchObject({ amount: '7.0000' });
    const again = harness.sim.account.deposit('ZUSD', dec('3'));
    const next = again.map((e) => ({ ...e, ...ledgerWire(e, harness.sim.account.market), time: e.time })) as LedgerEntry[];
    run.mirror.ingestLedger(next, { followsHead: true });
    run.mirror.ingestLedger(next, { followsHead: true });
    expect(run.mirror.entry(next[0]?.id ?? '')).not.toBeNull();
    expect(run.mirror.state('ledger').head?.id).toBe(next[0]?.id);
    expect(changes.length).toBeGreaterThanOrEqual(4);
    const all = run.mirror.ledgerAfter(null);
    expect(all.map((e) => e.id)).toEqual(simIdsByTime(harness));
    expect([...all].sort((a, b) => compareKrakenTimes(a.time, b.time))).toEqual(all);
  });
});
