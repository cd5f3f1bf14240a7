// The ledger watch against the real simulator over HTTP, through a real account mirror: it keeps reading through
// failures (and says so), ignores other ledger activity, stops at the first dust sweep after the plan, or when told
// to stop, and sees at once what another reader brings into the mirror.
import { afterEach, expect, it } from 'vitest';
import type { WatchProgress } from '../../../src-shared/contract/conversion';
import { buildConversionPlan } from '../../../src-shared/conversion-plan';
import { dec } from '../../../src-shared/money';
import { startHarness, type Harness } from '../../kraken/test-harness';
import { mirrorFolder, type MirrorFolder, type MirrorRun } from '../../mirror/test-mirror';
import { ledgerWire } from '@oc9/kraken-simulator/test-support';
import { watchForSweep } from './ledger-watch';

let h: Harness | undefined;
let folder: MirrorFolder | undefined;
afterEach(async () => {
  await folder?.remove();
  await h?.stop();
  h = undefined;
  folder = undefined;
});

/** The account's mirror, as the app opens it; `maxRetries: 0` lets the watch see a failed read itself. */
async function mirrorOf(harness: Harness, maxRetries?: number): Promise<MirrorRun> {
  folder = await mirrorFolder(harness);
  return folder.open(maxRetries === undefined ? {} : { client: { maxRetries } });
}

async function planNow(harness: Harness) {
  const newest = (await harness.client().ledgers({})).items[0];
  return buildConversionPlan({
    id: 'plan-1',
    createdAt: harness.clock.now(),
    target: 'ZUSD',
    feeRate: dec('0.03'),
    rows: [{ asset: 'ADA', amount: dec('1.5'), value: dec('0.675') }],
    ledgerCursor: newest ? { id: newest.id, time: newest.time } : null,
    quotesAt: harness.clock.now(),
  });
}

it('reports a failed read, keeps watching past other activity, and returns the sweep after the plan', async () => {
  h = await startHarness();
  const harness = h;
  const plan = await planNow(harness);
  const progress: WatchProgress[] = [];
  // an unrelated deposit, then a read that fails (no client retries here, so the watch sees it)
  await harness.admin('deposit', { asset: 'ZUSD', amount: '10' });
  await harness.admin('faults', { kind: 'unavailable', endpoint: 'Ledgers', count: 1 });
  let swept: Promise<{ refid: string }> | null = null;
  const sweep = await watchForSweep({
    ...(await mirrorOf(harness, 0)),
    clock: harness.clock,
    plan,
    intervalMs: 1_000,
    signal: new AbortController().signal,
    onProgress: (p) => {
      progress.push(p);
      // Kraken books the conversion only after the watch has read once without finding it
      if (p.checks === 2 && p.lastError === null && swept === null) swept = harness.admin('convert-small-balances', { target: 'ZUSD' });
    },
  });
  const expected = await (swept as Promise<{ refid: string }> | null);
  expect(progress.some((p) => p.lastError?.retryable === true)).toBe(true);
  expect(progress.find((p) => p.checks === 2)?.entriesSeen).toBeGreaterThanOrEqual(1);
  expect(sweep?.refid).toBe(expected?.refid);
  expect(sweep?.spends.map((leg) => leg.asset)).toContain('ADA');
});

it('returns null once aborted, without finding anything', async () => {
  h = await startHarness();
  const plan = await planNow(h);
  const controller = new AbortController();
  const sweep = await watchForSweep({
    ...(await mirrorOf(h)),
    clock: h.clock,
    plan,
    intervalMs: 1_000,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.checks >= 3) controller.abort();
    },
  });
  expect(sweep).toBeNull();
});

it('reads on for the receive leg when Kraken booked only the spend legs, and returns the whole sweep once it appears', async () => {
  h = await startHarness();
  const harness = h;
  const plan = await planNow(harness);
  const half = await harness.admin<{ refid: string }>('convert-small-balances', { target: 'ZUSD', receiveLater: true });
  const progress: WatchProgress[] = [];
  let booked: Promise<unknown> | null = null;
  const sweep = await watchForSweep({
    ...(await mirrorOf(harness)),
    clock: harness.clock,
    plan,
    intervalMs: 1_000,
    receiveLegWaitMs: 60_000,
    signal: new AbortController().signal,
    onProgress: (p) => {
      progress.push(p);
      // the receive leg appears two reads after the spend legs
      if (p.checks === 2 && booked === null) booked = harness.admin('book-held-receive', { refid: half.refid });
    },
  });
  await (booked as Promise<unknown> | null);
  expect(progress.find((p) => p.checks === 1)?.awaitingReceiveSince).not.toBeNull();
  expect(sweep?.refid).toBe(half.refid);
  expect(sweep?.receive?.asset).toBe('ZUSD');
});

it('gives up on the receive leg after the bounded wait and returns the spend legs alone', async () => {
  h = await startHarness();
  const plan = await planNow(h);
  const half = await h.admin<{ refid: string }>('convert-small-balances', { target: 'ZUSD', receiveLater: true });
  const started = h.clock.now();
  const sweep = await watchForSweep({
    ...(await mirrorOf(h)),
    clock: h.clock,
    plan,
    intervalMs: 1_000,
    receiveLegWaitMs: 5_000,
    signal: new AbortController().signal,
    onProgress: () => undefined,
  });
  expect(sweep?.refid).toBe(half.refid);
  expect(sweep?.receive).toBeNull();
  expect(h.clock.now() - started).toBeGreaterThanOrEqual(5_000);
});

it('sees a sweep another reader brings into the mirror at once, without waiting for its own next read', async () => {
  h = await startHarness();
  const harness = h;
  const plan = await planNow(harness);
  const run = await mirrorOf(harness);
  // the watch's own pauses are real and long: only a write to the mirror can end this one in time
  const clock = {
    now: () => harness.clock.now(),
    sleep: (ms: number) => new Promise<void>((resolve) => void setTimeout(resolve, ms).unref()),
  };
  const progress: WatchProgress[] = [];
  let fed = false;
  const sweep = await watchForSweep({
    ...run,
    clock,
    plan,
    intervalMs: 10 * 60_000,
    signal: new AbortController().signal,
    onProgress: (p) => {
      progress.push(p);
      if (p.checks !== 1 || p.nextCheckAt === null || fed) return;
      fed = true;
      // a live feed (Kraken's WebSocket, later) hands the mirror the sweep's legs as they are booked
      const booked = harness.sim.account;
      const swept = booked.ledger.all().length;
      void harness.admin('convert-small-balances', { target: 'ZUSD' }).then(() => {
        const legs = booked.ledger.all().slice(swept).reverse();
        run.mirror.ingestLedger(
          legs.map((e) => ({ ...e, ...ledgerWire(e, booked.market), time: e.time })),
          { followsHead: true },
        );
      });
    },
  });
  expect(sweep?.spends.map((leg) => leg.asset)).toContain('ADA');
  expect(progress.at(-1)?.checks).toBe(1);
});
