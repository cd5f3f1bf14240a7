import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../src-shared/clock';
import { startSimulator, type RunningSimulator } from './server';
import { callPublic, httpCall } from './test-client';
import { CLOCK_START, makeTestScenario } from './test-fixtures';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: makeTestScenario(), clock: createVirtualClock(CLOCK_START) });
});
afterAll(() => sim.stop());

describe('public endpoints', () => {
  it("Time tells the clock's time", async () => {
    const answer = await callPublic<{ unixtime: number; rfc1123: string }>(sim.url, 'Time');
    expect(answer).toEqual({ error: [], result: { unixtime: CLOCK_START / 1000, rfc1123: 'Sun, 01 Nov 26 00:00:00 +0000' } });
  });

  it('SystemStatus is online', async () => {
    expect(await callPublic(sim.url, 'SystemStatus')).toEqual({
      error: [],
      result: { status: 'online', timestamp: '2026-11-01T00:00:00Z' },
    });
  });

  it('Assets accepts ids and altnames and keys the answer by id', async () => {
    const answer = await callPublic<Record<string, { altname: string; decimals: number }>>(sim.url, 'Assets', { asset: 'XBT,ZUSD,XDG' });
    expect(Object.keys(answer.result ?? {})).toEqual(['XXBT', 'ZUSD', 'XXDG']);
    expect(answer.result?.XXBT).toEqual({ aclass: 'currency', altname: 'XBT', decimals: 10, display_decimals: 5, status: 'enabled' });
    expect((await callPublic(sim.url, 'Assets', { asset: 'NOPE' })).error).toEqual(['EQuery:Unknown asset']);
  });

  it('lists earn variants among the assets', async () => {
    const answer = await callPublic<Record<string, { altname: string }>>(sim.url, 'Assets');
    expect(answer.result?.['DOT.F']?.altname).toBe('DOT.F');
  });

  it('AssetPairs gives minimums as strings and can answer only fees', async () => {
    const answer = await callPublic<Record<string, Record<string, unknown>>>(sim.url, 'AssetPairs', { pair: 'XBTUSD,ACAEUR' });
    expect(Object.keys(answer.result ?? {})).toEqual(['XXBTZUSD', 'ACAEUR']);
    expect(answer.result?.XXBTZUSD).toMatchObject({
      altname: 'XBTUSD',
      wsname: 'XBT/USD',
      base: 'XXBT',
      quote: 'ZUSD',
      pair_decimals: 1,
      lot_decimals: 8,
      ordermin: '0.00005',
      costmin: '0.5',
      tick_size: '0.1',
      status: 'online',
      fees: [
        [0, 0.4],
        [10000, 0.35],
      ],
    });
    const fees = await callPublic<Record<string, Record<string, unknown>>>(sim.url, 'AssetPairs', { pair: 'XBT/USD', info: 'fees' });
    expect(fees.result?.XXBTZUSD).toEqual({
      fees: [
        [0, 0.4],
        [10000, 0.35],
      ],
      fees_maker: [
        [0, 0.25],
        [10000, 0.2],
      ],
      fee_volume_currency: 'ZUSD',
    });
  });

  it('Ticker keys by the canonical pair id and refuses unknown pairs', async () => {
    const answer = await callPublic<Record<string, Record<string, unknown>>>(sim.url, 'Ticker', { pair: 'XBTUSD' });
    expect(answer.result?.XXBTZUSD).toMatchObject({
      a: ['90010.0', '1', '1.000'],
      b: ['90000.0', '1', '1.000'],
      c: ['90000.0', '0.1'],
      o: '90000.0',
    });
    expect(answer.result?.XXBTZUSD).toHaveProperty('v');
    expect(answer.result?.XXBTZUSD).toHaveProperty('t');
    const all = await callPublic<Record<string, unknown>>(sim.url, 'Ticker');
    expect(Object.keys(all.result ?? {})).toHaveLength(12);
    expect(await callPublic(sim.url, 'Ticker', { pair: 'XBTUSD,NOPE' })).toEqual({ error: ['EQuery:Unknown asset pair'] });
  });

  it('answers every envelope with HTTP 200 JSON and unknown paths with 404', async () => {
    const refused = await httpCall(`${sim.url}/0/public/Ticker?pair=NOPE`);
    expect(refused.status).toBe(200);
    expect(refused.contentType).toContain('application/json');
    expect(JSON.parse(refused.text)).toEqual({ error: ['EQuery:Unknown asset pair'] });
    expect((await callPublic(sim.url, 'Nope')).error).toEqual(['EGeneral:Unknown method']);
    expect((await httpCall(`${sim.url}/1/public/Time`)).status).toBe(404);
  });
});
