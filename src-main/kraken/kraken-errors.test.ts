import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { fromKrakenErrors, malformedSecret, missingCredentials, schemaMismatch, transportFailure } from './kraken-errors';

const NOW = 1_790_000_000_000;

describe('Kraken error strings', () => {
  it.each([
    ['EAPI:Invalid key', 'invalid_key', false],
    ['EAPI:Invalid signature', 'invalid_signature', false],
    ['EAPI:Invalid nonce', 'invalid_nonce', true],
    ['EAPI:Rate limit exceeded', 'rate_limited', true],
    ['EOrder:Rate limit exceeded', 'rate_limited', true],
    ['EGeneral:Temporary lockout', 'locked_out', true],
    ['EGeneral:Permission denied', 'permission_denied', false],
    ['EService:Unavailable', 'service_unavailable', true],
    ['EService:Busy', 'busy', true],
    ['EService: Throttled: 1790000060', 'busy', true],
    ['EOrder:Insufficient funds', 'insufficient_funds', false],
    ['EOrder:Order minimum not met', 'order_minimum', false],
    ['EOrder:Cost minimum not met', 'cost_minimum', false],
    ['EOrder:Tick size check failed', 'tick_size', false],
    ['EQuery:Unknown asset pair', 'unknown_pair', false],
    ['EQuery:Unknown asset', 'unknown_asset', false],
    ['EOrder:Unknown order', 'unknown_order', false],
    ['EGeneral:Invalid arguments:volume', 'invalid_arguments', false],
    ['EGeneral:Internal error', 'internal', true],
    ['EFunding:Max fee exceeded', 'internal', false],
  ] as const)('%s → %s', (raw, code, retryable) => {
    const error = fromKrakenErrors('Balance', [raw], NOW);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.details.krakenError).toBe(raw);
    expect(error.message).toContain(`(Kraken: ${raw})`);
  });

  it('names the missing permission from the endpoint', () => {
    expect(fromKrakenErrors('Balance', ['EGeneral:Permission denied'], NOW).message).toContain('“Query Funds”');
    expect(fromKrakenErrors('Ledgers', ['EGeneral:Permission denied'], NOW).message).toContain('“Query Ledger Entries”');
    const cancel = fromKrakenErrors('CancelOrder', ['EGeneral:Permission denied'], NOW).message;
    expect(cancel).toContain('“Create & Modify Orders” or “Cancel & Close Orders”');
  });

  it('explains the nonce window and a key shared with another program', () => {
    const { message } = fromKrakenErrors('Ledgers', ['EAPI:Invalid nonce'], NOW);
    expect(message).toMatch(/another program/);
    expect(message).toMatch(/nonce window/);
  });

  it('says how long a lockout lasts and names the argument Kraken refused', () => {
    expect(fromKrakenErrors('Balance', ['EGeneral:Temporary lockout'], NOW).message).toMatch(/15 minutes/);
    expect(fromKrakenErrors('AddOrder', ['EGeneral:Invalid arguments:volume'], NOW).message).toContain('“volume”');
  });

  it('skips warnings and reads Kraken’s “try again at” from a throttle', () => {
    const error = fromKrakenErrors('Balance', ['WGeneral:Something', 'EService: Throttled: 1790000060'], NOW);
    expect(error.details.krakenError).toBe('EService: Throttled: 1790000060');
    expect(error.details.retryAtMs).toBe(1_790_000_060_000);
  });

  it('marks only engine-side service errors as possibly executed', () => {
    expect(fromKrakenErrors('AddOrder', ['EService:Busy'], NOW).details.delivery).toBe('unknown');
    expect(fromKrakenErrors('AddOrder', ['EOrder:Insufficient funds'], NOW).details.delivery).toBe('rejected');
    expect(fromKrakenErrors('AddOrder', ['EAPI:Invalid nonce'], NOW).details.delivery).toBe('rejected');
  });
});

describe('transport failures', () => {
  it.each([
    [{ kind: 'network' } as const, 'network', true],
    [{ kind: 'timeout', timeoutMs: 15_000 } as const, 'timeout', true],
    [{ kind: 'http-status', status: 502 } as const, 'service_unavailable', true],
    [{ kind: 'http-status', status: 429 } as const, 'rate_limited', true],
    [{ kind: 'http-status', status: 403 } as const, 'bad_response', false],
    [{ kind: 'html', status: 200 } as const, 'bad_response', true],
    [{ kind: 'truncated' } as const, 'bad_response', true],
    [{ kind: 'not-json' } as const, 'bad_response', true],
  ])('%o → %s', (problem, code, transient) => {
    const error = transportFailure('Ledgers', problem);
    expect(error.code).toBe(code);
    expect(error.details.transient).toBe(transient);
    expect(error.message).toMatch(/reading the ledger/);
  });

  it('words each failure for a trader', () => {
    expect(transportFailure('Balance', { kind: 'html', status: 520 }).message).toMatch(/web page/);
    expect(transportFailure('Balance', { kind: 'truncated' }).message).toMatch(/cut off/);
    expect(transportFailure('Balance', { kind: 'timeout', timeoutMs: 15_000 }).message).toMatch(/within 15 s/);
  });

  it('treats a lost answer as “may have run”, a schema mismatch as final', () => {
    expect(transportFailure('AddOrder', { kind: 'timeout', timeoutMs: 1000 }).details.delivery).toBe('unknown');
    const mismatch = schemaMismatch('Ledgers', 'ledger.L1.amount', 'expected string');
    expect(mismatch.code).toBe('bad_response');
    expect(mismatch.retryable).toBe(false);
    expect(mismatch.message).toContain('ledger.L1.amount');
  });

  it('refuses to call without a usable key', () => {
    expect(missingCredentials('Balance').code).toBe('unauthorized');
    expect(malformedSecret('Balance').code).toBe('invalid_key');
  });
});
