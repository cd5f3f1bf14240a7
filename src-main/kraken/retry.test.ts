import { describe, expect, it } from 'vitest';
import { fromKrakenErrors, schemaMismatch, transportFailure } from './kraken-errors';
import { backoffMs, DEFAULT_RETRY_POLICY, readRetryDelay } from './retry';

const policy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 4000, budgetMs: 60_000 };
const NOW = 1_790_000_000_000;

describe('backoff', () => {
  it('doubles per attempt up to the cap, jittered within its upper half', () => {
    expect([0, 1, 2, 3, 4].map((a) => backoffMs(a, policy, () => 1))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect([0, 1, 2].map((a) => backoffMs(a, policy, () => 0))).toEqual([250, 500, 1000]);
  });

  it('has sane defaults', () => {
    expect(DEFAULT_RETRY_POLICY.maxRetries).toBeGreaterThan(0);
  });
});

describe('which failed reads are tried again', () => {
  const delay = (error: Parameters<typeof readRetryDelay>[0], failures = 1, nonceRetried = false) =>
    readRetryDelay(error, { failures, nonceRetried, startedAtMs: NOW }, policy, NOW, () => 1);

  it('retries passing failures with backoff, up to the limit', () => {
    const network = transportFailure('Balance', { kind: 'network' });
    expect(delay(network, 1)).toBe(500);
    expect(delay(network, 3)).toBe(2000);
    expect(delay(network, 4)).toBeUndefined();
    expect(delay(fromKrakenErrors('Balance', ['EService:Busy'], NOW))).toBe(500);
    expect(delay(transportFailure('Balance', { kind: 'truncated' }))).toBe(500);
  });

  it('never retries what will not pass by itself', () => {
    for (const raw of ['EAPI:Invalid key', 'EGeneral:Permission denied', 'EGeneral:Temporary lockout', 'EOrder:Insufficient funds']) {
      expect(delay(fromKrakenErrors('Balance', [raw], NOW))).toBeUndefined();
    }
    expect(delay(schemaMismatch('Balance', 'x', 'y'))).toBeUndefined();
  });

  it('retries an invalid nonce once only', () => {
    const nonce = fromKrakenErrors('Balance', ['EAPI:Invalid nonce'], NOW);
    expect(delay(nonce, 1, false)).toBe(500);
    expect(delay(nonce, 2, true)).toBeUndefined();
  });

  it('waits at least until the time Kraken named', () => {
    const throttled = fromKrakenErrors('Balance', ['EService: Throttled: 1790000030'], NOW);
    expect(delay(throttled)).toBe(30_000);
  });

  it('starts no retry that would end past the time budget, whatever the count allows', () => {
    const network = transportFailure('Balance', { kind: 'network' });
    const tight = { ...policy, budgetMs: 9_000 };
    const at = (elapsedMs: number, failures = 1) =>
      readRetryDelay(network, { failures, nonceRetried: false, startedAtMs: NOW }, tight, NOW + elapsedMs, () => 1);
    expect(at(0)).toBe(500);
    expect(at(7_400)).toBe(500);
    expect(at(7_600)).toBeUndefined();
    const throttled = fromKrakenErrors('Balance', ['EService: Throttled: 1790000030'], NOW);
    expect(readRetryDelay(throttled, { failures: 1, nonceRetried: false, startedAtMs: NOW }, tight, NOW, () => 1)).toBeUndefined();
  });
});
