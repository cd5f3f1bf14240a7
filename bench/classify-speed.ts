// Classify and value 10,000 balances (buildPortfolio: pricing routes, classes, totals, groups) on a synthetic market.
import { performance } from 'node:perf_hooks';
import { buildAssetCatalog, type KrakenAssetInfo } from '../src-shared/assets';
import { buildPortfolio, type BalanceExEntry } from '../src-shared/portfolio';
import { buildMarket, type TickerQuote, type TradingPair } from '../src-shared/pricing';
import type { Benchmark, Figures } from './run';

const BALANCES = 10_000;

function syntheticAccount(count: number) {
  const assets: Record<string, KrakenAssetInfo> = {
    ZUSD: { altname: 'USD', decimals: 4, display_decimals: 2 },
    XXBT: { altname: 'XBT', decimals: 10, display_decimals: 5 },
  };
  const pairs: TradingPair[] = [
    { id: 'XXBTZUSD', base: 'XXBT', quote: 'ZUSD', ordermin: '0.00005', costmin: '0.5', lot_decimals: 8, status: 'online' },
  ];
  const tickers: Record<string, TickerQuote> = { XXBTZUSD: { bid: '90000', ask: '90001', last: '90000.5', open: '89000' } };
  const balances: Record<string, BalanceExEntry> = {};
  for (let i = 0; i < count; i++) {
    const id = `T${i.toString().padStart(5, '0')}`;
    assets[id] = { altname: id, decimals: 8, display_decimals: 4 };
    // a third priced directly, a third only through XBT, the rest unpriced
    if (i % 3 === 0) {
      pairs.push({ id: `${id}USD`, base: id, quote: 'ZUSD', ordermin: '10', costmin: '0.5', lot_decimals: 8, status: 'online' });
      tickers[`${id}USD`] = { bid: `0.${(i % 97) + 1}`, ask: `0.${(i % 97) + 2}`, last: `0.${(i % 97) + 1}`, open: '0.5' };
    } else if (i % 3 === 1) {
      pairs.push({ id: `${id}XBT`, base: id, quote: 'XXBT', ordermin: '10', costmin: '0.00001', lot_decimals: 8, status: 'online' });
      tickers[`${id}XBT`] = { bid: '0.0000011', ask: '0.0000012', last: '0.0000011', open: '0.000001' };
    }
    balances[id] = { balance: `${(i % 50) + 1}.${i % 1000}`, hold_trade: '0' };
  }
  return { assets, pairs, tickers, balances };
}

export const classifyBenchmark: Benchmark = {
  name: `classify and value ${BALANCES.toLocaleString('en-US')} balances`,
  run: () => {
    const account = syntheticAccount(BALANCES);
    const runs: number[] = [];
    let classified = 0;
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      const catalog = buildAssetCatalog(account.assets);
      const market = buildMarket(account.pairs, account.tickers);
      const model = buildPortfolio({ balances: account.balances, catalog, market });
      runs.push(performance.now() - start);
      classified = model.spot.length + model.earn.length;
    }
    const sorted = [...runs].sort((a, b) => a - b);
    const figures: Figures = [
      ['balances classified', String(classified)],
      ['first run (cold JIT)', `${runs[0]?.toFixed(0) ?? '?'} ms`],
      ['median of 5 runs', `${sorted[2]?.toFixed(0) ?? '?'} ms`],
      ['per balance (median)', `${(((sorted[2] ?? 0) * 1000) / BALANCES).toFixed(1)} µs`],
    ];
    return Promise.resolve(figures);
  },
};
