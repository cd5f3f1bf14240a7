// The journeys (portfolio, conversion review, ledger search and History, reconcile) against the simulator's newer
// fault classes: Kraken's answers drifting (extra fields, a missing optional field, an unknown ledger type), and
// another program on the same key (its nonce first, its calls on the counter). Each journey still answers, or says
// clearly what to do: never `internal`, never a silent wrong number.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireResult } from '../../src-shared/rpc';
import { createVirtualClock, systemClock } from '../../src-shared/clock';
import type { Clock } from '../../src-shared/clock';
import { callAdmin } from '@oc9/kraken-simulator/test-support';
import { createApp, type RunningApp } from './create-app';

const running: { app: RunningApp; dir: string }[] = [];
afterEach(async () => {
  for (const { app, dir } of running.splice(0)) {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function start(clock: Clock): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'oc9-faults-'));
  // REST's faults, so REST polling: the live feed (tested in live-feed.test.ts) would answer these reads instead
  const app = await createApp({
    dataDir: dir,
    transport: 'browser',
    version: '0',
    vaultService: `oc9-faults-${process.pid}`,
    clock,
    liveFeed: false,
  });
  running.push({ app, dir });
  return app;
}

function valueOf<T>(result: WireResult, name: string): T {
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function admin(app: RunningApp, path: string, body?: unknown): Promise<void> {
  const answer = await callAdmin(app.simulatorUrl ?? '', path, body);
  expect(answer.status, `admin ${path}`).toBe(200);
}

/** Every journey of the app, read through the contract as the page would. */
async function journeys(app: RunningApp): Promise<{ rows: number; review: number; receipts: number; statuses: string[] }> {
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => valueOf<T>(await app.host.dispatch(name, input), name);
  const portfolio = await call<{ spot: unknown[] }>('portfolio.get');
  const review = await call<{ items: unknown[] }>('conversion.review', { target: 'ZUSD' });
  let history = await call<{ entries: unknown[]; scan: { status: string } }>('conversion.history');
  for (let i = 0; i < 200 && history.scan.status !== 'done'; i++) {
    expect(history.scan.status).not.toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 20));
    history = await call('conversion.history');
  }
  expect(history.scan.status).toBe('done');
  const asOf = new Date(Date.now() - 60_000).toISOString();
  const book = JSON.stringify({
    version: 2,
    asOf,
    positions: [{ asset: 'XXBT', quantity: '0.47844', entryPrice: '60000', quoteCurrency: 'ZUSD', openedAt: null }],
  });
  await call('reconcile.importPositions', { fileName: 'oc9.json', text: book });
  // a move on Kraken after the checkpoint, for the run to explain
  await admin(app, 'deposit', { asset: 'ZUSD', amount: '25' });
  const state = await call<{ run: { report: { rows: { status: string }[] } } | null }>('reconcile.run', {
    readTradeHistory: 'when-needed',
  });
  return {
    rows: portfolio.spot.length,
    review: review.items.length,
    receipts: history.entries.length,
    statuses: (state.run?.report.rows ?? []).map((row) => row.status),
  };
}

describe('journeys against schema drift', () => {
  it.each(['drift-extra-fields', 'drift-missing-optional', 'drift-unknown-ledger-type'])(
    '%s: every journey still answers',
    async (kind) => {
      const baseline = await journeys(await start(createVirtualClock(Date.now())));
      const app = await start(createVirtualClock(Date.now()));
      await admin(app, 'faults', { kind, count: 100_000 });
      const drifted = await journeys(app);
      // the same balances, plan and receipts: extra or missing optional fields change nothing the app shows
      expect({ ...drifted, statuses: drifted.statuses.length }).toEqual({ ...baseline, statuses: baseline.statuses.length });
      expect(drifted.statuses).not.toContain('missing');
    },
    60_000,
  );
});

describe('another program on the same key', () => {
  it('its nonce landing first: the read is retried once with a fresh nonce and succeeds', async () => {
    const app = await start(systemClock);
    await admin(app, 'faults', { kind: 'other-client-nonce', count: 1, endpoint: 'BalanceEx' });
    expect(valueOf<{ spot: unknown[] }>(await app.host.dispatch('portfolio.get', {}), 'portfolio.get').spot.length).toBeGreaterThan(0);
  });

  it('its nonce landing first every time: a clear invalid_nonce that says to give the app a key of its own', async () => {
    const app = await start(systemClock);
    await admin(app, 'faults', { kind: 'other-client-nonce', count: 100, endpoint: 'BalanceEx' });
    const result = await app.host.dispatch('portfolio.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_nonce', retryable: true } });
    expect(!result.ok && result.error.message).toMatch(/another program.*key of its own/s);
  });

  it('its calls filling the counter: the read waits for the counter to decay, then answers', async () => {
    const app = await start(createVirtualClock(Date.now()));
    await admin(app, 'faults', { kind: 'other-client-rate', count: 1, endpoint: 'BalanceEx' });
    expect(valueOf<{ spot: unknown[] }>(await app.host.dispatch('portfolio.get', {}), 'portfolio.get').spot.length).toBeGreaterThan(0);
  });
});
