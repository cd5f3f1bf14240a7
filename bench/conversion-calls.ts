// The conversion journey on the demo account (the embedded simulator on a virtual clock, a Starter key): the Kraken
// calls a review and a confirm cost, how soon the ledger watch turns a sweep into a receipt, and how long the one
// whole-ledger read into the account mirror (for earlier conversions) takes against the lower bound the call counter
// allows.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_SETTINGS } from '../src-shared/contract/settings';
import { createVirtualClock } from '../src-shared/clock';
import { createKrakenClient } from '../src-main/kraken/client';
import { callCost, counterLowerBoundMs } from '../src-main/kraken/rate-limiter';
import { createAccountMirrors } from '../src-main/mirror/account-mirrors';
import { createConversionJourney } from '../src-main/app/conversion-journey';
import { DEFAULT_WATCH_INTERVAL_MS } from '../src-main/features/conversion/conversion-service';
import { connectionOf, type Connection } from '../src-main/connection/connection-manager';
import { createPortfolioService } from '../src-main/features/portfolio/portfolio-service';
import { demoKeys, loadDemoScenario } from '@oc9/kraken-simulator';
import { startSimulator } from '@oc9/kraken-simulator';
import { callAdmin } from '@oc9/kraken-simulator/test-support';
import type { Benchmark, Figures } from './run';

const PRIVATE = new Set(['Balance', 'BalanceEx', 'OpenOrders', 'Ledgers', 'QueryLedgers', 'TradesHistory', 'GetApiKeyInfo']);

async function counts(url: string): Promise<Record<string, number>> {
  return (await callAdmin<{ counts: Record<string, number> }>(url, 'requests')).body.counts;
}

function spent(before: Record<string, number>, after: Record<string, number>): { calls: string; units: number } {
  const diff = Object.entries(after)
    .map(([method, n]) => [method, n - (before[method] ?? 0)] as const)
    .filter(([, n]) => n > 0);
  const units = diff.filter(([m]) => PRIVATE.has(m)).reduce((acc, [m, n]) => acc + n * callCost(m), 0);
  return { calls: diff.map(([m, n]) => `${m} ${n}`).join(', '), units };
}

async function run(): Promise<Figures> {
  const clock = createVirtualClock();
  const sim = await startSimulator({ scenario: loadDemoScenario(), clock, port: 0, admin: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'oc9-bench-conversion-'));
  const key = demoKeys.full;
  const mirrors = createAccountMirrors({ dataDir, clock });
  const account = { mode: 'demo', baseUrl: sim.url, label: 'Demo account', accountId: null } as const;
  const credentials = { apiKey: key.key, secret: key.secret };
  const client = createKrakenClient({ baseUrl: sim.url, credentials, tier: key.tier, clock, counterStore: mirrors.counterStore(account) });
  const connection: Connection = connectionOf(account, client, clock);
  const connections = { current: () => connection, externalOrigins: () => [sim.url] };
  const settings = { current: () => DEFAULT_SETTINGS, handlers: {} as never };
  let completedAt: number | null = null;
  const service = createConversionJourney({
    dataDir,
    connections,
    mirrors,
    settings,
    portfolio: createPortfolioService({ connections, settings, clock }),
    book: () => ({ loaded: false, positions: [] }),
    clock,
    emit: (name, payload) => {
      if (name === 'conversion.changed' && (payload as { status?: string } | null)?.status === 'completed') completedAt ??= clock.now();
    },
  });
  try {
    let before = await counts(sim.url);
    let wall = performance.now();
    const review = await service.handlers['conversion.review']({ openOrdersAcknowledged: true, positionsAcknowledged: false });
    const reviewWall = performance.now() - wall;
    const reviewCost = spent(before, await counts(sim.url));

    before = await counts(sim.url);
    await service.handlers['conversion.confirm']({
      target: review.target.assetId,
      openOrdersAcknowledged: true,
      positionsAcknowledged: false,
      reviewedAssets: review.items.map((item) => item.asset.assetId),
    });
    const confirmCost = spent(before, await counts(sim.url));

    const sweptAt = clock.now();
    wall = performance.now();
    await callAdmin(sim.url, 'convert-small-balances', { target: review.target.assetId });
    while (completedAt === null) await new Promise((resolve) => setTimeout(resolve, 5));
    const receiptWall = performance.now() - wall;
    const receiptVirtual = completedAt - sweptAt;
    await service.handlers['conversion.dismiss']({});

    const searchStart = clock.now();
    wall = performance.now();
    let history = await service.handlers['conversion.history']({});
    while (history.scan.status === 'scanning') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      history = await service.handlers['conversion.history']({});
    }
    const searchVirtual = clock.now() - searchStart;
    const lowerBound = counterLowerBoundMs(history.scan.pages, callCost('Ledgers'), key.tier);
    return [
      ['review: Kraken calls', `${reviewCost.calls} (${reviewCost.units} counter units)`],
      ['review: wall time', `${reviewWall.toFixed(0)} ms`],
      ['confirm: Kraken calls', `${confirmCost.calls} (${confirmCost.units} counter units)`],
      ['sweep → receipt (virtual)', `${(receiptVirtual / 1000).toFixed(1)} s at a ${DEFAULT_WATCH_INTERVAL_MS / 1000} s watch interval`],
      ['sweep → receipt (wall)', `${receiptWall.toFixed(0)} ms`],
      ['whole-ledger read', `${history.scan.entries} entries, ${history.scan.pages} pages, ${history.entries.length} conversions found`],
      [
        'read time (virtual)',
        `${(searchVirtual / 1000).toFixed(1)} s; counter lower bound ${(lowerBound / 1000).toFixed(1)} s (background reads keep 10 units free)`,
      ],
    ];
  } finally {
    service.stop();
    mirrors.close();
    await sim.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const conversionBenchmark: Benchmark = { name: 'Convert small balances (demo account, Starter key, virtual clock)', run };
