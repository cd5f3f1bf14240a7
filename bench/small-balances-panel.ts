// Time from clicking "Show small balances" to the first painted row, with 10, 1,000 and 5,000 small balances, in
// Debian chromium, and how that time grows with the count (a virtualized list should barely notice). The real
// browser-mode server and renderer serve the page; the contract answers come from a synthetic account, because this
// measures rendering, not Kraken.
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../src-shared/contract/settings';
import { buildAssetCatalog, type KrakenAssetInfo } from '../src-shared/assets';
import { buildPortfolio, portfolioToWire, type BalanceExEntry } from '../src-shared/portfolio';
import { buildMarket, type TickerQuote, type TradingPair } from '../src-shared/pricing';
import { startBrowserServer } from '../src-main/server/http-server';
import type { WireResult } from '../src-shared/rpc';
import type { Benchmark, Figures } from './run';

const COUNTS = [10, 1_000, 5_000] as const;
const RUNS = 7;

// Sent as source text: tsx would wrap a function's inner helpers in its own __name(), which the page lacks.
const OPEN_AND_TIME_FIRST_ROW = `new Promise((resolve) => {
  const start = performance.now();
  document.getElementById('small-balances-toggle').click();
  const poll = () => document.querySelector('#small-balances-body [data-asset]')
    ? requestAnimationFrame(() => resolve(performance.now() - start))
    : requestAnimationFrame(poll);
  poll();
})`;

function dustAccount(smallBalances: number) {
  const assets: Record<string, KrakenAssetInfo> = { ZUSD: { altname: 'USD', decimals: 4, display_decimals: 2 } };
  const pairs: TradingPair[] = [];
  const tickers: Record<string, TickerQuote> = {};
  const balances: Record<string, BalanceExEntry> = {};
  for (let i = 0; i < smallBalances; i++) {
    const id = `D${i.toString().padStart(4, '0')}`;
    assets[id] = { altname: id, decimals: 8, display_decimals: 4 };
    pairs.push({ id: `${id}USD`, base: id, quote: 'ZUSD', ordermin: '100', costmin: '0.5', lot_decimals: 8, status: 'online' });
    tickers[`${id}USD`] = { bid: '0.01', ask: '0.011', last: '0.01', open: '0.0099' };
    balances[id] = { balance: `${(i % 80) + 1}.5` };
  }
  const model = buildPortfolio({ balances, catalog: buildAssetCatalog(assets), market: buildMarket(pairs, tickers) });
  return {
    ...portfolioToWire(model),
    fetchedAt: Date.now(),
    mode: 'demo',
    accountLabel: 'Benchmark account',
    thresholdUsd: '1.00',
    smallLimitUsd: '10',
    feeRate: '0.03',
  };
}

interface Measured {
  count: number;
  rendered: number;
  first: number;
  median: number;
}

async function measure(count: number): Promise<Measured> {
  const view = dustAccount(count);
  const answers: Record<string, unknown> = {
    'app.info': { name: 'OC9 Console', version: 'bench', mode: 'demo', apiBaseUrl: 'http://127.0.0.1', transport: 'browser' },
    'kraken.systemStatus': {
      status: 'online',
      timestamp: new Date().toISOString(),
      serverTime: Math.floor(Date.now() / 1000),
      fetchedAt: Date.now(),
    },
    'settings.get': { ...DEFAULT_SETTINGS, autoRefreshSeconds: 0 },
    'portfolio.get': view,
  };
  const server = await startBrowserServer({
    rendererDir: join(process.env['OC9_OUT_DIR'] ?? 'out', 'renderer'),
    host: {
      dispatch: (name): Promise<WireResult> =>
        Promise.resolve(
          name in answers
            ? { ok: true, value: answers[name] }
            : { ok: false, error: { code: 'unknown_call', message: name, retryable: false } },
        ),
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
    // the panel remembers being open: start closed
    const hide = page.getByRole('button', { name: /Hide small balances/ });
    if (await hide.isVisible()) await hide.click();
    const timings: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      timings.push(await page.evaluate<number>(OPEN_AND_TIME_FIRST_ROW));
      await page.getByRole('button', { name: /Hide small balances/ }).click();
    }
    await page.getByRole('button', { name: /Show small balances/ }).click();
    const rendered = await page.locator('#small-balances-body [data-asset]').count();
    const sorted = [...timings].sort((a, b) => a - b);
    return { count, rendered, first: timings[0] ?? Number.NaN, median: sorted[Math.floor(RUNS / 2)] ?? Number.NaN };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export const smallBalancesPanelBenchmark: Benchmark = {
  name: `open "Show small balances" with ${COUNTS.map((n) => n.toLocaleString('en-US')).join(', ')} small balances (chromium)`,
  run: async (): Promise<Figures> => {
    const results: Measured[] = [];
    for (const count of COUNTS) results.push(await measure(count));
    const base = results[0]?.median ?? Number.NaN;
    return [
      ...results.flatMap((r): Figures => [
        [`${r.count.toLocaleString('en-US')} balances: rows in the page`, String(r.rendered)],
        [
          `${r.count.toLocaleString('en-US')} balances: click to first painted row, median of ${RUNS}`,
          `${r.median.toFixed(0)} ms (first ${r.first.toFixed(0)} ms)`,
        ],
      ]),
      ...results
        .slice(1)
        .map((r): Figures[number] => [`ratio ${r.count.toLocaleString('en-US')} / ${COUNTS[0]}`, (r.median / base).toFixed(2)]),
    ];
  },
};
