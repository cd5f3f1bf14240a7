import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildConversionPlan,
  canConvert,
  ConversionPlan,
  DEFAULT_DUST_FEE_RATE,
  preflightChecks,
  PRICE_MAX_AGE_MS,
} from './conversion-plan';
import type { PreflightInput, SweepableRow } from './conversion-plan';
import { dustSweepCooldown, DUST_SWEEP_COOLDOWN_MS } from './dust-sweep';
import type { DustSweep } from './dust-sweep';
import { AppError } from './errors';
import { dec, sum, toWire } from './money';

const NOW = 1_760_000_000_000;

const rows: SweepableRow[] = [
  { asset: 'XXBT', amount: dec('0.0000055100'), value: dec('0.46') },
  { asset: 'ADA', amount: dec('0.5'), value: dec('0.30') },
  { asset: 'SOL', amount: dec('0.004'), value: dec('0.64') },
];

function plan(overrides: Partial<Parameters<typeof buildConversionPlan>[0]> = {}): ConversionPlan {
  return buildConversionPlan({
    id: 'plan-1',
    createdAt: NOW,
    target: 'ZUSD',
    feeRate: dec(DEFAULT_DUST_FEE_RATE),
    rows,
    ledgerCursor: { id: 'L2BSPZ-23EEJ-YO53ED', time: '1759999990.5' },
    quotesAt: NOW - 5_000,
    ...overrides,
  });
}

describe('buildConversionPlan', () => {
  it('prices every item in the target and estimates proceeds after the 3 % fee', () => {
    const built = plan();
    const [btc] = built.items;
    expect(
      dec(btc?.price ?? '0')
        .times(dec('0.00000551'))
        .minus(dec('0.46'))
        .abs()
        .lessThan(dec('0.000000000000000000000000000001')),
    ).toBe(true);
    expect(built.items).toEqual([
      { asset: 'XXBT', amount: '0.00000551', price: btc?.price, value: '0.46', estimatedProceeds: '0.4462' },
      { asset: 'ADA', amount: '0.5', price: '0.6', value: '0.3', estimatedProceeds: '0.291' },
      { asset: 'SOL', amount: '0.004', price: '160', value: '0.64', estimatedProceeds: '0.6208' },
    ]);
    expect(built.estimatedTotal).toBe('1.358');
    expect(built.estimatedFee).toBe('0.042');
    expect(built.feeRate).toBe('0.03');
    expect(ConversionPlan.parse(JSON.parse(JSON.stringify(built)))).toEqual(built);
  });

  it('leaves out zero balances and the target currency itself', () => {
    const built = plan({
      rows: [...rows, { asset: 'ZUSD', amount: dec('0.3'), value: dec('0.3') }, { asset: 'DOT', amount: dec('0'), value: dec('0') }],
    });
    expect(built.items.map((item) => item.asset)).toEqual(['XXBT', 'ADA', 'SOL']);
  });

  it('refuses a duplicated asset and a fee outside 0 – 100 %', () => {
    expect(() => plan({ rows: [...rows, rows[1] as SweepableRow] })).toThrow(AppError);
    expect(() => plan({ feeRate: dec('1') })).toThrow(/fee/);
    expect(() => plan({ feeRate: dec('-0.01') })).toThrow(/fee/);
  });

  it('proceeds plus fee always equal the value of what is swept', () => {
    const money = fc.integer({ min: 0, max: 99_999 }).map((n) => dec(String(n)).dividedBy(100_000));
    const row = fc.record({ amount: money.filter((m) => m.greaterThan(0)), value: money });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), fc.integer({ min: 0, max: 999 }), (generated, feeMille) => {
        const sweepable = generated.map((r, i) => ({ asset: `A${i}`, ...r }));
        const built = plan({ rows: sweepable, feeRate: dec(String(feeMille)).dividedBy(1000) });
        const total = dec(built.estimatedTotal).plus(dec(built.estimatedFee));
        return total.equals(sum(sweepable.map((r) => r.value)));
      }),
    );
  });
});

function sweepAt(at: number): DustSweep {
  return { refid: 'TSDEF5I', time: String(at / 1000), at, spends: [], receive: null, unexpectedLegs: [] };
}

function input(overrides: Partial<PreflightInput> = {}): PreflightInput {
  return {
    plan: plan(),
    nowMs: NOW,
    cooldown: dustSweepCooldown([], NOW),
    openOrders: [],
    openOrdersAcknowledged: false,
    book: { loaded: true, positions: [{ asset: 'XETH', quantity: '4.2' }] },
    positionsAcknowledged: false,
    borderlineAssets: [],
    mode: 'demo',
    ...overrides,
  };
}

function check(checks: ReturnType<typeof preflightChecks>, id: string) {
  const found = checks.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no ${id} check`);
  return found;
}

describe('preflightChecks', () => {
  it('passes everything in a clean demo account, in display order', () => {
    const checks = preflightChecks(input());
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['nothing-to-convert', 'pass'],
      ['cooldown', 'pass'],
      ['open-orders', 'pass'],
      ['oc9-positions', 'pass'],
      ['borderline', 'pass'],
      ['price-age', 'pass'],
      ['mode', 'pass'],
    ]);
    expect(check(checks, 'mode').detail).toMatch(/simulator/);
    expect(canConvert(checks)).toBe(true);
  });

  it('blocks during the cooldown and says when converting is possible again', () => {
    const lastSweep = NOW - 3 * 60 * 60 * 1000;
    const checks = preflightChecks(input({ cooldown: dustSweepCooldown([sweepAt(lastSweep)], NOW) }));
    const cooldown = check(checks, 'cooldown');
    expect(cooldown.status).toBe('block');
    expect(cooldown.availableAt).toBe(lastSweep + DUST_SWEEP_COOLDOWN_MS);
    expect(cooldown.detail).toContain('21 h 0 min');
    expect(canConvert(checks)).toBe(false);
  });

  it('states when the last conversion was, or that there was none in the last 24 hours', () => {
    const none = check(preflightChecks(input()), 'cooldown');
    expect(none).toMatchObject({ status: 'pass', detail: 'No conversion of small balances in the last 24 hours.' });
    expect(none.lastConversionAt).toBeUndefined();
    // History knows one from last month although the last day of the ledger has none
    const lastMonth = NOW - 30 * DUST_SWEEP_COOLDOWN_MS;
    const known = check(preflightChecks(input({ lastKnownConversionAt: lastMonth })), 'cooldown');
    expect(known).toMatchObject({ status: 'pass', lastConversionAt: lastMonth });
    expect(known.detail).not.toMatch(/no earlier conversion/i);
    const twoDaysAgo = NOW - 2 * DUST_SWEEP_COOLDOWN_MS;
    const recent = check(preflightChecks(input({ cooldown: dustSweepCooldown([sweepAt(twoDaysAgo)], NOW) })), 'cooldown');
    expect(recent).toMatchObject({
      status: 'pass',
      detail: 'Your last conversion was more than 24 hours ago.',
      lastConversionAt: twoDaysAgo,
    });
  });

  it('names each open order on a swept balance and says what Kraken does with it, blocking until acknowledged', () => {
    const nameOf = (asset: string) => ({ XXBT: 'BTC', ZUSD: 'USD' })[asset] ?? asset;
    const order = { txid: 'O1', ordertype: 'limit', volumeExecuted: '0' };
    const buyWithUsd = { ...order, side: 'buy' as const, base: 'XXBT', quote: 'ZUSD', price: '84000.5', volume: '0.001' };
    const sellAda = {
      ...order,
      txid: 'O2',
      side: 'sell' as const,
      base: 'ADA',
      quote: 'ZUSD',
      price: '0.7',
      volume: '0.4',
      volumeExecuted: '0.1',
    };
    const elsewhere = { ...order, txid: 'O3', side: 'buy' as const, base: 'XETH', quote: 'ZUSD', price: '3000', volume: '1' };
    const blocked = check(preflightChecks(input({ openOrders: [buyWithUsd, sellAda, elsewhere], nameOf })), 'open-orders');
    expect(blocked.status).toBe('block');
    expect(blocked.items).toEqual([
      'Buy 0.001 BTC on BTC/USD at 84000.5 USD (limit). It reserves 84.0005 USD, not a swept balance, and stays open. Kraken sweeps your free BTC; when the order fills you hold BTC again.',
      'Sell 0.3 ADA on ADA/USD at 0.7 USD (limit). It reserves 0.3 ADA: Kraken sweeps only the ADA not reserved, and the order stays open.',
    ]);
    expect(blocked.detail).not.toMatch(/hold BTC/);
    const acknowledged = preflightChecks(input({ openOrders: [buyWithUsd], openOrdersAcknowledged: true }));
    expect(check(acknowledged, 'open-orders').status).toBe('warn');
    expect(canConvert(acknowledged)).toBe(true);
    expect(check(preflightChecks(input({ openOrders: [elsewhere] })), 'open-orders').status).toBe('pass');
  });

  it('asks for OC9’s book before converting, and blocks on the positions the sweep takes until acknowledged', () => {
    const noBook = check(preflightChecks(input({ book: { loaded: false, positions: [] } })), 'oc9-positions');
    expect(noBook).toMatchObject({
      status: 'warn',
      action: 'load-book',
      detail: 'Load OC9’s book first so Reconcile can explain this conversion.',
    });
    const book = {
      loaded: true,
      positions: [
        { asset: 'SOL', quantity: '0.004' },
        { asset: 'ADA', quantity: '0' },
        { asset: 'XETH', quantity: '2' },
      ],
    };
    const taken = preflightChecks(input({ book }));
    expect(check(taken, 'oc9-positions')).toMatchObject({ status: 'block', items: ['SOL: OC9’s book holds 0.004 SOL'] });
    expect(canConvert(taken)).toBe(false);
    const acknowledged = preflightChecks(input({ book, positionsAcknowledged: true }));
    expect(check(acknowledged, 'oc9-positions').status).toBe('warn');
    expect(canConvert(acknowledged)).toBe(true);
  });

  it('warns about borderline assets either side of the limit', () => {
    const checks = preflightChecks(input({ borderlineAssets: ['ADA', 'DOT'], mode: 'live' }));
    expect(check(checks, 'borderline').detail).toBe(
      'Prices decide what Kraken sweeps: ADA may rise above the limit and stay. DOT may fall under the limit and be swept too.',
    );
    expect(check(checks, 'mode').detail).toMatch(/real balances/);
    expect(canConvert(checks)).toBe(true);
  });

  it('warns only when prices are older than 60 s', () => {
    const atLimit = preflightChecks(input({ nowMs: plan().quotesAt + PRICE_MAX_AGE_MS }));
    expect(check(atLimit, 'price-age').status).toBe('pass');
    const stale = preflightChecks(input({ nowMs: plan().quotesAt + PRICE_MAX_AGE_MS + 1 }));
    expect(check(stale, 'price-age')).toMatchObject({ status: 'warn', detail: expect.stringContaining('60 s old') as unknown });
  });

  it('blocks when there is nothing to convert', () => {
    const checks = preflightChecks(input({ plan: plan({ rows: [] }) }));
    expect(check(checks, 'nothing-to-convert').status).toBe('block');
    expect(canConvert(checks)).toBe(false);
    expect(toWire(dec(plan({ rows: [] }).estimatedTotal))).toBe('0');
  });
});
