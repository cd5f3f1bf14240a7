// The live feed's figures: how soon a sweep reaches the mirror, REST calls per portfolio refresh with the socket up,
// private REST calls in an idle hour (played fast on a scaled clock), and a 10-minute session of drops and gaps
// checked against Kraken's own ledger at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src-main/app/create-app';
import { createScaledClock, systemClock } from '../src-shared/clock';
import { mirrorAgainstKraken, startFeedRig, type FeedRig } from '../src-main/features/link/test-live-feed';
import type { Benchmark, Figures } from './run';

const PRIVATE = [
  'Balance',
  'BalanceEx',
  'OpenOrders',
  'ClosedOrders',
  'QueryOrders',
  'TradesHistory',
  'Ledgers',
  'QueryLedgers',
  'TradeVolume',
  'GetApiKeyInfo',
];

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

const counts = (rig: FeedRig): Map<string, number> => new Map(rig.sim.context.requestCounts);
const privateCalls = (after: Map<string, number>, before: Map<string, number>): string =>
  PRIVATE.map((m) => [m, (after.get(m) ?? 0) - (before.get(m) ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([m, n]) => `${m} ${n}`)
    .join(', ') || 'none';

async function sweepToMirror(): Promise<string> {
  const rig = await startFeedRig({ clock: systemClock, wsTickMs: 1000, staleMs: 10_000 });
  try {
    await until(() => rig.feed.state() === 'live', 20_000);
    const started = performance.now();
    const sweep = (await rig.admin('convert-small-balances', { target: 'ZUSD' })) as { refid: string; legs: { id: string }[] };
    const booked = performance.now();
    const seen = await until(() => sweep.legs.every((leg) => rig.mirror.entry(leg.id) !== null), 10_000);
    const done = performance.now();
    return seen
      ? `${(done - started).toFixed(0)} ms from the admin request that books it (${sweep.legs.length} legs; its HTTP answer came at ${(booked - started).toFixed(0)} ms)`
      : 'not seen within 10 s';
  } finally {
    await rig.stop();
  }
}

async function portfolioRefresh(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'oc9-bench-feed-'));
  const app = await createApp({ dataDir: dir, transport: 'browser', version: 'bench', vaultService: `oc9-bench-${process.pid}` });
  try {
    const link = async () => ((await app.host.dispatch('app.link', {})) as { ok: boolean; value?: { state: string } }).value?.state;
    const deadline = Date.now() + 20_000;
    while ((await link()) !== 'live' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const requests = async () =>
      (await (await fetch(`${app.simulatorUrl ?? ''}/__sim/requests`)).json()) as { total: number; counts: Record<string, number> };
    await app.host.dispatch('portfolio.get', {}); // the first read subscribes the prices it needs
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await requests();
    await app.host.dispatch('portfolio.get', {});
    const after = await requests();
    const made = Object.entries(after.counts)
      .filter(([m, n]) => n !== (before.counts[m] ?? 0))
      .map(([m, n]) => `${m} ${n - (before.counts[m] ?? 0)}`);
    return `${after.total - before.total} REST calls${made.length > 0 ? ` (${made.join(', ')})` : ''}`;
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function idleHour(): Promise<string> {
  const factor = 120;
  const clock = createScaledClock(factor);
  const rig = await startFeedRig({ clock, wsTickMs: 1000 / factor, staleMs: 10_000 });
  try {
    await until(() => rig.feed.state() === 'live', 20_000);
    const before = counts(rig);
    const from = clock.now();
    await new Promise((resolve) => setTimeout(resolve, 3_600_000 / factor + 50));
    const after = counts(rig);
    const tokens = after.get('GetWebSocketsToken') ?? 0;
    return `${((clock.now() - from) / 60_000).toFixed(0)} simulated min: private REST ${privateCalls(after, before)}; tokens ${tokens} (at connect); state ${rig.feed.state()}`;
  } finally {
    await rig.stop();
  }
}

async function dropsAndGaps(): Promise<string> {
  const factor = 10;
  const clock = createScaledClock(factor);
  const rig = await startFeedRig({ clock, wsTickMs: 1000 / factor, staleMs: 10_000 });
  try {
    await until(() => rig.feed.state() === 'live', 20_000);
    const script = [
      'deposit',
      'drop',
      'deposit',
      'skip-sequence',
      'deposit',
      'deposit',
      'duplicate',
      'deposit',
      'stall',
      'deposit',
      'deposit',
    ];
    const stepMs = 600_000 / script.length;
    let booked = 0;
    for (const step of script) {
      if (step === 'deposit') {
        await rig.admin('deposit', { asset: 'ZUSD', amount: '1.5' });
        booked += 1;
      } else {
        await rig.admin('ws-faults', { kind: step });
      }
      await new Promise((resolve) => setTimeout(resolve, stepMs / factor));
    }
    await until(() => rig.feed.state() === 'live', 30_000);
    await rig.sync.catchUp('ledger', { priority: 'background' }).catch(() => undefined);
    const { held, kraken } = mirrorAgainstKraken(rig);
    const same = JSON.stringify(held) === JSON.stringify(kraken);
    const stats = rig.feed.stats();
    return `${same ? 'identical' : 'DIFFERENT'} to Kraken's ledger (${held.length} entries; ${booked} deposits; ${stats.connections} connections, ${stats.gaps} gaps, ${stats.duplicates} duplicates, ${stats.catchUps} REST catch-ups)`;
  } finally {
    await rig.stop();
  }
}

export const liveFeedBenchmark: Benchmark = {
  name: 'live feed',
  async run(): Promise<Figures> {
    return [
      ['sweep booked → every leg in the mirror', await sweepToMirror()],
      ['portfolio refresh with the socket up', await portfolioRefresh()],
      ['idle hour on the demo account', await idleHour()],
      ['10-minute session of drops and gaps', await dropsAndGaps()],
    ];
  },
};
