import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dec } from '../../../src-shared/money';
import { createVirtualClock } from '../../../src-shared/clock';
import { SimAccount } from './account';
import { demoKeys, loadDemoScenario } from './demo';
import { usdValue } from './small-balance-value';
import { parseScenario, ScenarioError } from './scenario';
import { buildDemoScenario, serializeScenario } from './scenarios/demo-story';
import { startSimulator } from './server';
import { resolveSettings } from './simulator-settings';
import { callPrivate } from './test-client';
import { CLOCK_START, makeTestScenarioInput } from './test-fixtures';

const DAY = 86_400;

describe('the demo scenario', () => {
  const scenario = loadDemoScenario();
  const account = new SimAccount({ scenario, clock: createVirtualClock(CLOCK_START), settings: resolveSettings(), anchorToClock: true });
  const worth = (asset: string) => usdValue(account.market, asset, account.balance(asset));

  it('loads and validates, with a year of history in thousands of entries', () => {
    expect(scenario.ledger.length).toBeGreaterThan(2000);
    expect(scenario.trades.length).toBeGreaterThan(500);
    const times = scenario.ledger.map((entry) => Number(entry.time));
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(360 * DAY);
  });

  it('carries the demo keys', () => {
    expect(scenario.keys.map((k) => [k.name, k.key, k.secret, [...k.permissions]])).toEqual(
      Object.values(demoKeys).map((k) => [k.name, k.key, k.secret, [...k.permissions]]),
    );
    expect(demoKeys.full.permissions).not.toContain('withdraw-funds');
    expect(demoKeys.withdraw.permissions).toContain('withdraw-funds');
    expect(demoKeys.readOnly.permissions).not.toContain('query-funds');
  });

  it('shows every kind of balance the app must handle', () => {
    for (const asset of ['XXBT', 'XETH', 'SOL', 'ZUSD', 'ZEUR']) expect(worth(asset)?.gt(1000)).toBe(true);
    const dust = ['ADA', 'DOT', 'XXDG', 'XLTC', 'ATOM', 'POL', 'TRX', 'XXLM', 'ALGO', 'USDT', 'BCH', 'AVAX'];
    for (const asset of dust) expect(worth(asset)?.lt(1)).toBe(true);
    for (const asset of ['LINK', 'XXRP']) expect(worth(asset)?.minus(1).abs().lt('0.1')).toBe(true);
    expect(worth('ACA')?.gt(1)).toBe(true);
    expect(account.balance('ACA').lt(account.market.pair('ACAEUR').ordermin)).toBe(true);
    expect(worth('LUNA')).toBeUndefined();
    expect(account.balance('DOT.F').gt(10)).toBe(true);
    expect([...account.openOrders.values()].map((o) => o.pair)).toEqual(['LINKUSD']);
  });

  it('ends its history just before the clock starts, with an old dust sweep among it', () => {
    const newest = Number(account.ledger.all().at(-1)?.time ?? 0);
    expect(newest).toBeLessThan(CLOCK_START / 1000);
    expect(newest).toBeGreaterThan(CLOCK_START / 1000 - DAY);
    const sweeps = account.ledger.all().filter((e) => e.subtype === 'dustsweeping');
    expect(sweeps.length).toBeGreaterThanOrEqual(3);
    expect(sweeps.every((e) => Number(e.time) < CLOCK_START / 1000 - 30 * DAY)).toBe(true);
  });

  it('is exactly what the committed generator produces', () => {
    const committed = readFileSync(new URL('./scenarios/demo.json', import.meta.url), 'utf8');
    expect(serializeScenario(buildDemoScenario()) === committed).toBe(true);
  });

  it('serves the demo key over HTTP', async () => {
    const sim = await startSimulator({ scenario, clock: createVirtualClock(CLOCK_START) });
    const answer = await callPrivate<Record<string, string>>(sim.url, demoKeys.full, 'Balance');
    await sim.stop();
    expect(dec(answer.result?.XXBT ?? '0').gt(0)).toBe(true);
  });
});

describe('scenario validation', () => {
  it('names the ledger entry whose running balance is wrong', () => {
    const input = makeTestScenarioInput([{ asset: 'ZUSD', amount: '-10' }]);
    const bad = input.ledger?.at(-1);
    if (!bad) throw new Error('fixture has no ledger');
    bad.balance = '9991.0000';
    expect(() => parseScenario(input)).toThrow(ScenarioError);
    expect(() => parseScenario(input)).toThrow(new RegExp(`ledger entry ${bad.id} \\(ZUSD .*balance 9991.0000.*= 9990`));
  });

  it('names an asset whose balance the ledger does not explain', () => {
    const input = makeTestScenarioInput();
    input.balances.XETH = '3';
    expect(() => parseScenario(input)).toThrow(/balance of XETH is 3 but the ledger disagrees: its last entry L.* leaves 2/);
  });

  it('refuses unknown assets, too many decimals and malformed data', () => {
    expect(() => parseScenario({ ...makeTestScenarioInput(), balances: { NOPE: '1' } })).toThrow(/unknown asset id "NOPE"/);
    const precise = makeTestScenarioInput();
    precise.balances.ZUSD = '10000.00001';
    expect(() => parseScenario(precise)).toThrow(/more than the asset's 4 decimals/);
    expect(() =>
      parseScenario({ ...makeTestScenarioInput(), keys: [{ name: 'x', key: 'k'.repeat(20), secret: 'short', permissions: [] }] }),
    ).toThrow(/keys\.0\.secret/);
  });

  it('keeps times as they are when not anchored', () => {
    const scenario = parseScenario(makeTestScenarioInput());
    const account = new SimAccount({ scenario, clock: createVirtualClock(CLOCK_START), settings: resolveSettings(), anchorToClock: false });
    expect(account.ledger.all().map((e) => e.time)).toEqual(scenario.ledger.map((e) => e.time));
  });
});
