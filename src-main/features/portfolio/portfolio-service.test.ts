// The portfolio read against the real demo simulator over HTTP: call budget, totals, classes.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dec, sum } from '../../../src-shared/money';
import { systemClock } from '../../../src-shared/clock';
import { createConnectionManager, type ConnectionManager } from '../../connection/connection-manager';
import { createPortfolioService, type PortfolioService } from './portfolio-service';
import { createSettingsService } from '../settings/settings-service';

let connections: ConnectionManager;
let portfolio: PortfolioService;

async function requestCounts(reset = false): Promise<{ counts: Record<string, number>; total: number }> {
  const url = `${connections.simulator()?.url ?? ''}/__sim/requests`;
  const answer = (await (await fetch(url, { method: reset ? 'DELETE' : 'GET' })).json()) as {
    counts: Record<string, number>;
    total: number;
  };
  return answer;
}

beforeAll(async () => {
  connections = await createConnectionManager({ clock: systemClock });
  const settings = createSettingsService({ dataDir: await mkdtemp(join(tmpdir(), 'oc9-portfolio-')) });
  portfolio = createPortfolioService({ connections, settings, clock: systemClock });
});
afterAll(() => connections.stop());

describe('portfolio service on the demo account', () => {
  it('makes at most five calls cold and reuses metadata warm', async () => {
    await requestCounts(true);
    await portfolio.handlers['portfolio.get']({});
    const cold = await requestCounts();
    await requestCounts(true);
    expect(cold.counts).toEqual({ Assets: 1, AssetPairs: 1, BalanceEx: 1, OpenOrders: 1, Ticker: 1 });

    await portfolio.handlers['portfolio.get']({});
    const warm = await requestCounts();
    expect(warm.counts).toEqual({ BalanceEx: 1, OpenOrders: 1, Ticker: 1 });
  });

  it('totals the rows exactly and keeps earn apart', async () => {
    const view = await portfolio.handlers['portfolio.get']({});
    const spotSum = sum(view.spot.filter((r) => r.value !== null).map((r) => dec(r.value ?? '0')));
    expect(dec(view.totals.spot).equals(spotSum)).toBe(true);
    expect(view.earn.map((r) => r.name)).toContain('DOT.F');
    expect(view.spot.map((r) => r.name)).not.toContain('DOT.F');
  });

  it("puts the demo's leftovers in the right classes", async () => {
    const view = await portfolio.handlers['portfolio.get']({});
    const classOf = (code: string) => [...view.spot, ...view.earn].find((r) => r.code === code)?.class;
    for (const code of ['ADA', 'DOGE', 'ATOM', 'TRX', 'ALGO']) expect(classOf(code)).toBe('sweepable');
    expect(classOf('LINK')).toBe('borderline');
    expect(classOf('XRP')).toBe('borderline');
    expect(classOf('ACA')).toBe('stranded');
    expect(classOf('LUNA')).toBe('unpriced');
    expect(classOf('BTC')).toBe('sellable');
    expect(classOf('DOT.F')).toBe('earn');
    // the open limit order on LINK flags it, whatever its class
    expect([...view.spot].find((r) => r.code === 'LINK')?.inUse).toBe(true);
  });

  it('values in another currency when asked', async () => {
    const usd = await portfolio.handlers['portfolio.get']({ quote: 'USD' });
    const eur = await portfolio.handlers['portfolio.get']({ quote: 'EUR' });
    expect(eur.quote.code).toBe('EUR');
    expect(dec(eur.totals.all).lt(dec(usd.totals.all))).toBe(true);
  });
});
