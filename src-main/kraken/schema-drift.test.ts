// The drift and other-program faults over real HTTP: what each does to Kraken's answers, so the journeys run against
// them (src-main/app/fault-journeys.test.ts) are known to meet the change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, testKeys, type Harness } from './test-harness';
import { UNKNOWN_LEDGER_TYPE } from '@oc9/kraken-simulator/test-support';
import { callPrivate } from '@oc9/kraken-simulator/test-support';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.stop());

const call = <T>(method: string, params: Record<string, string> = {}, nonce?: string) =>
  callPrivate<T>(h.sim.url, testKeys.trader, method, params, nonce === undefined ? {} : { nonce });

describe('schema drift faults', () => {
  it('extra fields land on entries, never as new ids in a map', async () => {
    await h.admin('faults', { kind: 'drift-extra-fields', count: 1, endpoint: 'BalanceEx' });
    const { result } = await call<Record<string, Record<string, unknown>>>('BalanceEx');
    expect(Object.keys(result ?? {})).not.toContain('added_by_kraken');
    expect(result?.['ZUSD']?.['added_by_kraken']).toMatchObject({ note: expect.any(String) as string });
  });

  it('a missing optional field is left out of every entry', async () => {
    await h.admin('faults', { kind: 'drift-missing-optional', count: 1, endpoint: 'BalanceEx' });
    const { result } = await call<Record<string, Record<string, unknown>>>('BalanceEx');
    expect(Object.values(result ?? {}).every((entry) => !('hold_trade' in entry))).toBe(true);
    expect(result?.['ZUSD']?.['balance']).toBe('10000.0000');
  });

  it('deposits and withdrawals come back as a ledger type nobody has seen', async () => {
    await h.admin('faults', { kind: 'drift-unknown-ledger-type', count: 1, endpoint: 'Ledgers' });
    const { result } = await call<{ ledger: Record<string, { type: string }> }>('Ledgers');
    const types = new Set(Object.values(result?.ledger ?? {}).map((entry) => entry.type));
    expect(types.has(UNKNOWN_LEDGER_TYPE)).toBe(true);
    expect(types.has('deposit')).toBe(false);
  });
});

describe('another program on the same key', () => {
  it('its nonce lands first: this call is refused as an invalid nonce, and the next higher one passes', async () => {
    await h.admin('faults', { kind: 'other-client-nonce', count: 1, endpoint: 'Balance' });
    expect((await call('Balance', {}, '500')).error).toEqual(['EAPI:Invalid nonce']);
    expect((await call('Balance', {}, '501')).error).toEqual(['EAPI:Invalid nonce']);
    expect((await call('Balance', {}, '502')).error).toEqual([]);
  });

  it('its calls fill the counter: this call is refused as over the rate limit', async () => {
    await h.admin('faults', { kind: 'other-client-rate', count: 1, endpoint: 'Balance' });
    expect((await call('Balance', {}, '600')).error).toEqual(['EAPI:Rate limit exceeded']);
  });
});
