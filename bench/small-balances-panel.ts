// Time from clicking "Show small balances" to the first painted row, with 1,000 small balances, in Debian chromium.
// The real browser-mode server and renderer serve the page; the contract answers come from a synthetic account,
// because this measures rendering, not Kraken.
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../src-shared/contract/settings';
import { buildAssetCatalog, type KrakenAssetInfo } from '../src-shared/assets';
import { buildPortfolio, portfolioToWire, type BalanceExEntry } from '../src-shared/portfolio';
import { buildMarket, type TickerQuote, type TradingPair } from '../src-shared/pricing';
import { startBrowserServer } from '../src-main/server/http-server';
import type { WireResult } from '../src-shared/rpc';
import type { Benchmark } from './run';

const SMALL_BALANCES = 1_000;

// Sent as source text: tsx would wrap a function's inner helpers in its own __name(), which the page lacks.
const OPEN_AND_TIME_FIRST_ROW = `new Promise((resolve) => {
  const start = performance.now();
  document.getElementById('small-balances-toggle').click();
  const poll = () => document.querySelector('#small-balances-body [data-asset]')
    ? requestAnimationFrame(() => resolve(performance.now() - start))
    : requestAnimationFrame(poll);
  poll();
})`;

function dustAccount() {
  const assets: Record<string, KrakenAssetInfo> = { ZUSD: { altname: 'USD', decimals: 4, display_decimals: 2 } };
  const pairs: TradingPair[] = [];
  const tickers: Record<string, TickerQuote> = {};
  const balances: Record<string, BalanceExEntry> = {};
  for (let i = 0; i < SMALL_BALANCES; i++) {
    const id = `D${i.toString().padStart(4, '0')}`;
    assets[id] = { altname: id, decimals: 8, display_decimals: 4 };
    pairs.push({ id: `${id}USD`, base: id, quote: 'ZUSD', ordermin: '100', costmin: '0.5', lot_decimals: 8, status: 'online' });
    tickers[`${id}USD`] = { bid: '0.01', ask: '0.011', last: '0.01', open: '0.0099' };
    balances[id] = { balance: `${(i % 80) + 1}.5` };
  }
  const model = buildPortfolio({ balances, catalog: buildAssetCatalog(assets), market: buildMarket(pairs, tickers) });
  return { ...portfolioToWire(model), fetchedAt: Date.now(), mode: 'demo', accountLabel: 'Benchmark account', thresholdUsd: '1.00', feeRate: '0.03' };
}

export const smallBalancesPanelBenchmark: Benchmark = {
  name: `open "Show small balances" with ${SMALL_BALANCES.toLocaleString('en-US')} small balances (chromium)`,
  run: async () => {
    const view = dustAccount();
    const answers: Record<string, unknown> = {
      'app.info': { name: 'OC9 Console', version: 'bench', mode: 'demo', apiBaseUrl: 'http://127.0.0.1', transport: 'browser' },
      'kraken.systemStatus': { status: 'online', timestamp: new Date().toISOString(), serverTime: Math.floor(Date.now() / 1000), fetchedAt: Date.now() },
      'settings.get': { ...DEFAULT_SETTINGS, autoRefreshSeconds: 0 },
      'portfolio.get': view,
    };
    const server = await startBrowserServer({
      rendererDir: join(process.env['OC9_OUT_DIR'] ?? 'out', 'renderer'),
      host: {
        dispatch: (name): Promise<WireResult> =>
          Promise.resolve(name in answers ? { ok: true, value: answers[name] } : { ok: false, error: { code: 'unknown_call', message: name, retryable: false } }),
        subscribe: () => () => undefined,
      },
    });
    const browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      await page.goto(server.url);
      await page.getByTestId('portfolio-total').waitFor();
      const timings: number[] = [];
      for (let run = 0; run < 5; run++) {
        timings.push(await page.evaluate<number>(OPEN_AND_TIME_FIRST_ROW));
        await page.getByRole('button', { name: /Hide small balances/ }).click();
      }
      await page.getByRole('button', { name: /Show small balances/ }).click();
      const rows = await page.locator('#small-balances-body [data-asset]').count();
      const sorted = [...timings].sort((a, b) => a - b);
      return [
        ['small balances listed', String(rows)],
        ['first open, click to first painted row', `${timings[0]?.toFixed(0) ?? '?'} ms`],
        ['median of 5 opens', `${sorted[2]?.toFixed(0) ?? '?'} ms`],
      ] as const;
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
