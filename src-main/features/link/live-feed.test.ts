// The live feed against the real simulator over real sockets (HTTP for REST and tokens, WebSocket v2 for the feed),
// for every admin fault: a drop, a stall, a skipped sequence number, a duplicate, a refused token. After each, the
// mirror holds exactly what a full REST read of Kraken's ledger gives: nothing lost, nothing counted twice.
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-shared/clock';
import { demoKeys } from '@oc9/kraken-simulator';
import type { ScenarioKey } from '@oc9/kraken-simulator';
import { mirrorAgainstKraken, startFeedRig, type FeedRig } from './test-live-feed';

let rig: FeedRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

async function start(key: ScenarioKey = demoKeys.full, fault?: { kind: 'reject-token'; count: number }): Promise<FeedRig> {
  rig = await startFeedRig({ key, clock: systemClock, wsTickMs: 100, staleMs: 800, ...(fault ? { faultFirst: fault } : {}) });
  return rig;
}

async function until(what: string, check: () => boolean, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const calls = (r: FeedRig, method: string): number => r.sim.context.requestCounts.get(method) ?? 0;
const deposit = async (r: FeedRig, amount: string): Promise<string> =>
  ((await r.admin('deposit', { asset: 'ZUSD', amount })) as { ledger: { id: string }[] }).ledger[0]?.id ?? '';

function expectMirrorEqualsRest(r: FeedRig): void {
  const { held, kraken } = mirrorAgainstKraken(r);
  expect(held.length).toBeGreaterThan(0);
  expect(held).toEqual(kraken);
}

describe('the live feed', () => {
  it('goes live, and a deposit reaches the mirror from the socket (no Ledgers read), field for field as REST has it', async () => {
    const r = await start();
    await until('live', () => r.feed.state() === 'live');
    expect(calls(r, 'GetWebSocketsToken')).toBe(1);
    const ledgersBefore = calls(r, 'Ledgers');
    const id = await deposit(r, '12.3456');
    await until('the deposit in the mirror', () => r.mirror.entry(id) !== null);
    expect(calls(r, 'Ledgers')).toBe(ledgersBefore);
    const [fromRest] = await r.client.queryLedgers([id]);
    expect(r.mirror.entry(id)).toEqual(fromRest);
    expect(r.feed.view()?.balances['ZUSD']?.balance).toBe(fromRest?.balance);
    expectMirrorEqualsRest(r);
  });

  it('maps every asset of the demo: the snapshot balances are the ones BalanceEx reports', async () => {
    const r = await start();
    await until('live view', () => r.feed.view() !== null);
    const rest = await r.client.balanceEx();
    const live = r.feed.view()?.balances ?? {};
    for (const [asset, entry] of Object.entries(rest)) expect(live[asset]?.balance, asset).toBe(entry.balance);
    expect(Object.keys(live).sort()).toEqual(Object.keys(rest).sort());
  });

  it('a dropped connection: reconnects with a fresh token, and reads from REST what was booked meanwhile', async () => {
    const r = await start();
    await until('live', () => r.feed.state() === 'live');
    await r.admin('ws-faults', { kind: 'drop' });
    // booked while no socket listens: only REST can tell
    const missed = await deposit(r, '1');
    await until('reconnecting', () => r.states.includes('reconnecting'));
    await until('live again', () => r.feed.state() === 'live' && r.feed.stats().connections >= 2);
    expect(calls(r, 'GetWebSocketsToken')).toBeGreaterThanOrEqual(2);
    await until('the missed deposit', () => r.mirror.entry(missed) !== null);
    expectMirrorEqualsRest(r);
  });

  it('a stalled connection (no heartbeat, no pong) is called dead and replaced', async () => {
    const r = await start();
    await until('live', () => r.feed.state() === 'live');
    await r.admin('ws-faults', { kind: 'stall' });
    await until('a new connection', () => r.feed.stats().connections >= 2 && r.feed.state() === 'live');
    const id = await deposit(r, '2');
    await until('the deposit', () => r.mirror.entry(id) !== null);
    expectMirrorEqualsRest(r);
  });

  it('a skipped sequence number: the lost update is read from REST', async () => {
    const r = await start();
    await until('live', () => r.feed.state() === 'live');
    await r.admin('ws-faults', { kind: 'skip-sequence' });
    const lost = await deposit(r, '3');
    const next = await deposit(r, '4');
    await until('both deposits', () => r.mirror.entry(lost) !== null && r.mirror.entry(next) !== null);
    expect(r.feed.stats().gaps).toBe(1);
    expectMirrorEqualsRest(r);
  });

  it('a duplicated update is counted once', async () => {
    const r = await start();
    await until('live', () => r.feed.state() === 'live');
    const countBefore = r.mirror.count('ledger');
    await r.admin('ws-faults', { kind: 'duplicate' });
    const id = await deposit(r, '5');
    await until('the duplicate seen', () => r.feed.stats().duplicates === 1);
    expect(r.mirror.entry(id)).not.toBeNull();
    expect(r.mirror.count('ledger')).toBe(countBefore + 1);
    expectMirrorEqualsRest(r);
  });

  it('a refused token: not live, and once tokens are accepted again it connects with a new one', async () => {
    const r = await start(demoKeys.full, { kind: 'reject-token', count: 2 });
    await until('polling after two refusals', () => r.states.includes('polling'));
    expect(r.feed.view()).toBeNull();
    await until('live', () => r.feed.state() === 'live');
    expect(calls(r, 'GetWebSocketsToken')).toBeGreaterThanOrEqual(3);
  });

  it('a key without the WebSocket permission stays on REST polling and says so', async () => {
    const r = await start(demoKeys.readOnly);
    await until('polling', () => r.feed.state() === 'polling');
    expect(r.feed.view()).toBeNull();
  });
});
