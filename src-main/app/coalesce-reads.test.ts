// Identical reads share one run; the run stops only when every caller has gone; against the real app too, where
// 300 concurrent portfolio reads cost the demo account's simulator one portfolio's worth of calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WireResult } from '../../src-shared/rpc';
import { currentSignal } from '../call-signal';
import { createApp } from './create-app';
import { coalesceReads } from './coalesce-reads';

function gatedDispatch() {
  const runs: { name: string; signal: AbortSignal | undefined; finish: () => void }[] = [];
  const dispatch = (name: string): Promise<WireResult> =>
    new Promise((resolve) => runs.push({ name, signal: currentSignal(), finish: () => resolve({ ok: true, value: runs.length }) }));
  return { runs, dispatch };
}

describe('coalesceReads', () => {
  it('answers identical reads in flight with one run, and runs again once it is done', async () => {
    const { runs, dispatch } = gatedDispatch();
    const coalesced = coalesceReads(dispatch, (name) => name === 'portfolio.get');
    const answers = Array.from({ length: 300 }, () => coalesced('portfolio.get', {}));
    const other = coalesced('portfolio.get', { quote: 'EUR' });
    const writes = [coalesced('settings.update', {}), coalesced('settings.update', {})];
    expect(runs.map((run) => run.name)).toEqual(['portfolio.get', 'portfolio.get', 'settings.update', 'settings.update']);
    runs.forEach((run) => run.finish());
    expect(new Set(await Promise.all(answers)).size).toBe(1);
    await Promise.all([other, ...writes]);
    void coalesced('portfolio.get', {});
    expect(runs).toHaveLength(5);
  });

  it('aborts the shared run only when every caller has gone away', () => {
    const { runs, dispatch } = gatedDispatch();
    const coalesced = coalesceReads(dispatch, () => true);
    const callers = [new AbortController(), new AbortController()];
    for (const caller of callers) void coalesced('conversion.history', {}, caller.signal);
    callers[0]?.abort();
    expect(runs[0]?.signal?.aborted).toBe(false);
    callers[1]?.abort();
    expect(runs[0]?.signal?.aborted).toBe(true);
    // a new caller after that starts afresh rather than joining the abandoned run
    void coalesced('conversion.history', {});
    expect(runs).toHaveLength(2);
    expect(runs[1]?.signal?.aborted).toBe(false);
  });

  it('gives a write its own caller’s signal', () => {
    const { runs, dispatch } = gatedDispatch();
    const caller = new AbortController();
    void coalesceReads(dispatch, () => false)('reconcile.run', {}, caller.signal);
    caller.abort();
    expect(runs[0]?.signal?.aborted).toBe(true);
  });
});

describe('the real app under 300 concurrent portfolio reads', () => {
  it('answers all of them from one portfolio read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oc9-coalesce-'));
    const app = await createApp({ dataDir: dir, transport: 'browser', version: '0', vaultService: `oc9-coalesce-${process.pid}` });
    try {
      const requests = `${app.simulatorUrl ?? ''}/__sim/requests`;
      await fetch(requests, { method: 'DELETE' });
      const answers = await Promise.all(Array.from({ length: 300 }, () => app.host.dispatch('portfolio.get', {})));
      expect(answers.every((answer) => answer.ok)).toBe(true);
      const { counts } = (await (await fetch(requests)).json()) as { counts: Record<string, number> };
      expect(counts['BalanceEx']).toBe(1);
    } finally {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
