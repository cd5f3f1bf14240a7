// Ledger sync against the real simulator on a virtual clock: a long history within Kraken's call counter, an
// incremental sync from a checkpoint, and entries that arrive while paging.
import { afterEach, describe, expect, it } from 'vitest';
import { dec } from '../../src-shared/money';
import { syncLedgers, type LedgerSyncProgress } from './ledger-sync';
import { ledgerMovements, recordingFetch, startHarness, testKeys, type Harness } from './test-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const simLedgerIdsNewestFirst = (harness: Harness): string[] => harness.sim.account.ledger.all().map((e) => e.id).reverse();

describe('syncLedgers', () => {
  it('reads a 2,000-entry history at Starter without ever tripping Kraken’s counter', async () => {
    h = await startHarness({ movements: ledgerMovements(2000) });
    const recorder = recordingFetch();
    // no retries: a single EAPI:Rate limit exceeded would fail the sync
    const client = h.client(testKeys.trader, { fetch: recorder.fetch, maxRetries: 0 });
    const progress: LedgerSyncProgress[] = [];
    const waits: number[] = [];
    const result = await syncLedgers(client, { onPage: (p) => progress.push(p), onRateWait: (ms) => waits.push(ms) });

    const expected = simLedgerIdsNewestFirst(h);
    expect(expected.length).toBeGreaterThan(2000);
    expect(result.entries.map((e) => e.id)).toEqual(expected);
    const pages = Math.ceil(expected.length / 50);
    expect(result.pages).toBe(pages);
    expect(recorder.requests).toHaveLength(pages);
    // pages after the first are bounded by the first page's newest entry, so arrivals cannot shift them
    const second = new URLSearchParams(recorder.requests[1]?.body);
    expect([second.get('end'), second.get('ofs')]).toEqual([expected[0], '50']);
    expect(progress.map((p) => p.pages)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    expect(progress.at(-1)).toMatchObject({ entries: expected.length, total: expected.length });
    expect(result.rateWaits).toBe(waits.length);
    expect(result.rateWaits).toBeGreaterThan(0);
    expect(result.rateWaitMs).toBe(waits.reduce((a, b) => a + b, 0));
    const newest = h.sim.account.ledger.all().at(-1);
    expect(result.checkpoint).toEqual({ id: newest?.id, time: newest?.time });
  });

  it('from a checkpoint fetches only the entries that came after it', async () => {
    h = await startHarness({ movements: ledgerMovements(120) });
    const client = h.client();
    const first = await syncLedgers(client);
    expect(first.pages).toBe(3);
    h.clock.advance(60_000);
    await h.admin('deposit', { asset: 'ZUSD', amount: '5' });
    await h.admin('trade', { pair: 'XBTUSD', type: 'sell', volume: '0.01' });
    const recorder = recordingFetch();
    const next = await syncLedgers(h.client(testKeys.trader, { fetch: recorder.fetch }), { since: first.checkpoint });
    expect(next.entries.map((e) => e.id)).toEqual(simLedgerIdsNewestFirst(h).slice(0, 3));
    expect(next.pages).toBe(1);
    expect(new URLSearchParams(recorder.requests[0]?.body).get('start')).toBe(first.checkpoint?.id);
    expect(next.checkpoint?.id).toBe(next.entries[0]?.id);

    const nothing = await syncLedgers(client, { since: next.checkpoint });
    expect(nothing.entries).toEqual([]);
    expect(nothing.checkpoint).toEqual(next.checkpoint);
  });

  it('misses nothing and repeats nothing when entries arrive while it pages', async () => {
    h = await startHarness({ movements: ledgerMovements(200) });
    const harness = h;
    const before = simLedgerIdsNewestFirst(harness);
    let arrived = 0;
    const result = await syncLedgers(harness.client(), {
      // booked in-process, so each lands between two pages for sure
      onPage: () => {
        if (arrived >= 3) return;
        arrived += 1;
        harness.clock.advance(1000);
        harness.sim.account.deposit('ZUSD', dec('1'));
      },
    });
    expect(arrived).toBe(3);
    expect(result.entries.map((e) => e.id)).toEqual(before);
    const rest = await syncLedgers(harness.client(), { since: result.checkpoint });
    expect(rest.entries.map((e) => e.id)).toEqual(simLedgerIdsNewestFirst(harness).slice(0, 3));
  });

  it('falls back to the checkpoint’s time when Kraken does not know its id', async () => {
    h = await startHarness({ movements: ledgerMovements(10) });
    const all = h.sim.account.ledger.all();
    const cut = all[all.length - 4];
    const result = await syncLedgers(h.client(), { since: { id: 'LGONE0-AAAAA-BBBBBB', time: cut?.time ?? '0' } });
    expect(result.entries.map((e) => e.id)).toEqual(all.slice(-3).map((e) => e.id).reverse());
  });

  it('an empty result on an empty range keeps the checkpoint', async () => {
    h = await startHarness();
    const first = await syncLedgers(h.client());
    const again = await syncLedgers(h.client(), { since: first.checkpoint });
    expect(again).toMatchObject({ entries: [], checkpoint: first.checkpoint, pages: 1 });
  });
});
