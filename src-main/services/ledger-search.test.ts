// The whole-ledger search against the real simulator over HTTP with small pages: a sweep whose legs straddle a
// page boundary is still found whole, once; a search cut off after a page goes on from its cursor; a second search
// reads only what is new.
import { afterEach, expect, it } from 'vitest';
import type { DustSweep } from '../../src-shared/dust-sweep';
import { ledgerMovements, startHarness, type Harness } from '../kraken/test-harness';
import { searchLedgerForSweeps, type SearchCursor } from './ledger-search';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** 40 movements, then a sweep of 7 balances plus its receive leg, then 10 more: 4-entry pages cut the sweep. */
async function account(): Promise<{ harness: Harness; refid: string; legs: number }> {
  h = await startHarness({ movements: ledgerMovements(40), settings: { ledgerPageSize: 4 } });
  const sweep = await h.admin<{ refid: string; legs: unknown[] }>('convert-small-balances', { target: 'ZUSD' });
  for (let i = 0; i < 10; i++) await h.admin('deposit', { asset: 'ZUSD', amount: '1' });
  return { harness: h, refid: sweep.refid, legs: sweep.legs.length };
}

it('finds a sweep whose legs straddle pages, whole and once', async () => {
  const { harness, refid, legs } = await account();
  expect(legs).toBeGreaterThan(4);
  const found: DustSweep[] = [];
  const checkpoint = await searchLedgerForSweeps({
    client: harness.client(),
    since: null,
    resume: null,
    onPage: ({ sweeps }) => void found.push(...sweeps),
  });
  expect(found.map((sweep) => sweep.refid)).toEqual([refid]);
  expect(found[0]?.spends.length).toBe(legs - 1);
  expect(found[0]?.receive?.asset).toBe('ZUSD');
  const newest = (await harness.client().ledgers({})).items[0];
  expect(checkpoint?.id).toBe(newest?.id);
});

it('goes on from its cursor after being cut off, and later reads only what is new', async () => {
  const { harness, refid } = await account();
  let saved: SearchCursor | null = null;
  const firstRun: DustSweep[] = [];
  // the app stops after the third page
  await expect(
    searchLedgerForSweeps({
      client: harness.client(),
      since: null,
      resume: null,
      onPage: ({ sweeps, cursor, pages }) => {
        firstRun.push(...sweeps);
        saved = cursor;
        if (pages === 3) throw new Error('app closed');
      },
    }),
  ).rejects.toThrow('app closed');
  expect((saved as SearchCursor | null)?.ofs).toBe(12);

  const resumed: DustSweep[] = [];
  let pagesAfterResume = 0;
  const checkpoint = await searchLedgerForSweeps({
    client: harness.client(),
    since: null,
    resume: saved,
    onPage: ({ sweeps, pages }) => {
      resumed.push(...sweeps);
      pagesAfterResume = pages;
    },
  });
  expect([...firstRun, ...resumed].map((sweep) => sweep.refid)).toEqual([refid]);
  // the resumed run did not start over from the newest entry
  const all = (await harness.client().ledgers({})).count ?? 0;
  expect(pagesAfterResume).toBe(Math.ceil((all - 12) / 4));

  await harness.admin('deposit', { asset: 'ZUSD', amount: '2' });
  let pagesNext = 0;
  const next = await searchLedgerForSweeps({
    client: harness.client(),
    since: checkpoint,
    resume: null,
    onPage: ({ pages, sweeps }) => {
      pagesNext = pages;
      expect(sweeps).toEqual([]);
    },
  });
  expect(pagesNext).toBe(1);
  expect(next?.id).not.toBe(checkpoint?.id);
});
