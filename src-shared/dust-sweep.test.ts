import { describe, expect, it } from 'vitest';
import { cleanupDue, CLEANUP_INTERVAL_MS, DUST_SWEEP_COOLDOWN_MS, dustSweepCooldown, findDustSweeps } from './dust-sweep';
import type { LedgerEntry } from './ledger';

function leg(
  id: string,
  refid: string,
  time: number,
  type: string,
  asset: string,
  amount: string,
  fee = '0',
  subtype = 'dustsweeping',
): LedgerEntry {
  return { id, refid, time: String(time), type, subtype, aclass: 'currency', asset, amount, fee, balance: '0' };
}

// The real exitbook fixture from the reference notes: the fee sits on the receive leg.
const feeOnReceive = [
  leg('LI54ES-YRZMF-F2MYUQ', 'TSDEF5I-HNFS4-PZQ2KE', 1701143946.764, 'receive', 'ZCAD', '0.2768', '0.0080'),
  leg('L2BSPZ-23EEJ-YO53ED', 'TSDEF5I-HNFS4-PZQ2KE', 1701143946.764, 'spend', 'XXBT', '-0.0000055100', '0.0000'),
  leg('LSCF2I-ZNTRC-KOAGGB', 'TSDEF5I-HNFS4-PZQ2KE', 1701143946.764, 'spend', 'ADA', '-0.00000004', '0.0000'),
];

const feeOnSpend = [
  leg('LQ2JZP-AAAAA-000001', 'TDUST2-BBBBB-CCCCCC', 1701300000.1, 'spend', 'SOL', '-0.0040', '0.0001'),
  leg('LQ2JZP-AAAAA-000002', 'TDUST2-BBBBB-CCCCCC', 1701300000.1, 'spend', 'DOT', '-0.05'),
  leg('LQ2JZP-AAAAA-000003', 'TDUST2-BBBBB-CCCCCC', 1701300000.1, 'receive', 'ZUSD', '0.8123'),
];

const loneSpend = [leg('LLONE1-AAAAA-000001', 'TLONE1-BBBBB-CCCCCC', 1701400000, 'spend', 'XXDG', '-0.00000001')];

const interleaved = [
  leg('LTRADE-00001', 'TRADE1', 1701143900, 'trade', 'ZUSD', '-10', '0.026', ''),
  leg('LTRADE-00002', 'TRADE1', 1701143900, 'trade', 'SOL', '0.2', '0', ''),
  leg('LDEP-000001', 'DEP1', 1701200000, 'deposit', 'XXBT', '0.01', '0', ''),
  leg('LSTK-000001', 'STK1', 1701350000, 'earn', 'DOT.F', '0.001', '0', 'reward'),
];

describe('findDustSweeps', () => {
  it('finds the N spend legs and the receive leg of one refid, with the fee on the receive leg', () => {
    const [sweep] = findDustSweeps(feeOnReceive);
    expect(sweep?.refid).toBe('TSDEF5I-HNFS4-PZQ2KE');
    expect(sweep?.at).toBe(1701143946764);
    expect(sweep?.spends.map((e) => e.asset)).toEqual(['XXBT', 'ADA']);
    expect(sweep?.receive?.asset).toBe('ZCAD');
    expect(sweep?.receive?.fee).toBe('0.0080');
    expect(sweep?.unexpectedLegs).toEqual([]);
  });

  it('keeps the fee where Kraken put it when it sits on a spend leg', () => {
    const [sweep] = findDustSweeps(feeOnSpend);
    expect(sweep?.spends.find((e) => e.asset === 'SOL')?.fee).toBe('0.0001');
    expect(sweep?.receive?.amount).toBe('0.8123');
  });

  it('tolerates a lone spend leg with no receive leg', () => {
    const [sweep] = findDustSweeps(loneSpend);
    expect(sweep?.spends).toHaveLength(1);
    expect(sweep?.receive).toBeNull();
  });

  it('picks the sweeps out of other activity and returns them newest first', () => {
    const all = [...interleaved.slice(0, 2), ...feeOnSpend, ...interleaved.slice(2), ...loneSpend, ...feeOnReceive];
    expect(findDustSweeps(all).map((s) => s.refid)).toEqual(['TLONE1-BBBBB-CCCCCC', 'TDUST2-BBBBB-CCCCCC', 'TSDEF5I-HNFS4-PZQ2KE']);
    expect(findDustSweeps(interleaved)).toEqual([]);
  });

  it('keeps a second receive leg visible instead of dropping it', () => {
    const odd = [...feeOnSpend, leg('LQ2JZP-AAAAA-000004', 'TDUST2-BBBBB-CCCCCC', 1701300000.1, 'receive', 'ZEUR', '0.01')];
    const [sweep] = findDustSweeps(odd);
    expect(sweep?.receive?.asset).toBe('ZUSD');
    expect(sweep?.unexpectedLegs.map((e) => e.asset)).toEqual(['ZEUR']);
  });
});

describe('dustSweepCooldown', () => {
  const sweeps = findDustSweeps([...feeOnReceive, ...feeOnSpend]);
  const last = 1701300000100;

  it('is available when no sweep was ever made', () => {
    expect(dustSweepCooldown([], 5)).toEqual({ available: true, availableAt: null, remainingMs: 0, lastSweepAt: null });
  });

  it('counts 24 hours from the newest sweep', () => {
    expect(dustSweepCooldown(sweeps, last + 1000)).toEqual({
      available: false,
      availableAt: last + DUST_SWEEP_COOLDOWN_MS,
      remainingMs: DUST_SWEEP_COOLDOWN_MS - 1000,
      lastSweepAt: last,
    });
  });

  it('is still closed 1 ms before 24 hours and open at exactly 24 hours', () => {
    const before = dustSweepCooldown(sweeps, last + DUST_SWEEP_COOLDOWN_MS - 1);
    expect([before.available, before.remainingMs]).toEqual([false, 1]);
    const exactly = dustSweepCooldown(sweeps, last + DUST_SWEEP_COOLDOWN_MS);
    expect([exactly.available, exactly.remainingMs]).toEqual([true, 0]);
    expect(DUST_SWEEP_COOLDOWN_MS).toBe(86_400_000);
  });

  it('does not depend on the order of the sweeps given', () => {
    expect(dustSweepCooldown([...sweeps].reverse(), last).availableAt).toBe(last + DUST_SWEEP_COOLDOWN_MS);
  });
});

describe('cleanupDue', () => {
  const now = Date.UTC(2026, 11, 1);
  it('nudges when small balances have waited more than a month since the last cleanup', () => {
    expect(cleanupDue({ waiting: 3, lastSweepAt: now - CLEANUP_INTERVAL_MS - 1, ledgerSearched: false, nowMs: now })).toBe(true);
    expect(cleanupDue({ waiting: 3, lastSweepAt: now - CLEANUP_INTERVAL_MS, ledgerSearched: true, nowMs: now })).toBe(false);
  });
  it('never nudges with nothing to convert', () => {
    expect(cleanupDue({ waiting: 0, lastSweepAt: null, ledgerSearched: true, nowMs: now })).toBe(false);
  });
  it('says "never cleaned" only once the whole ledger was searched', () => {
    expect(cleanupDue({ waiting: 2, lastSweepAt: null, ledgerSearched: false, nowMs: now })).toBe(false);
    expect(cleanupDue({ waiting: 2, lastSweepAt: null, ledgerSearched: true, nowMs: now })).toBe(true);
  });
});
