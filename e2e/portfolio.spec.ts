import AxeBuilder from '@axe-core/playwright';
import Decimal from 'decimal.js';
import { appFixture, expect, test, type RunningApp } from './fixtures/app-server';

// REST's own call counts: without the live feed (live-feed.spec.ts counts a refresh with the socket up)
const restOnly = test.extend<{ app: RunningApp }>({ app: appFixture({ args: ['--no-live-feed'] }) });
import { contractCall } from './fixtures/contract-call';

interface Row {
  code: string;
  value: string | null;
  class: string;
}
interface View {
  spot: Row[];
  earn: Row[];
  totals: { all: string };
}

async function krakenCalls(app: RunningApp): Promise<Record<string, number>> {
  const answer = (await (await fetch(`${app.simulatorUrl}/__sim/requests`)).json()) as { counts: Record<string, number> };
  const portfolioMethods = ['Assets', 'AssetPairs', 'BalanceEx', 'OpenOrders', 'Ticker'];
  return Object.fromEntries(Object.entries(answer.counts).filter(([method]) => portfolioMethods.includes(method)));
}

test('the total equals the sum of the rows to the cent', async ({ page, app }) => {
  await page.goto(app.url);
  const total = page.getByTestId('portfolio-total');
  await expect(total).toBeVisible();
  const view = await contractCall<View>(app, 'portfolio.get', {});
  const rowsSum = [...view.spot, ...view.earn].reduce((acc, row) => (row.value === null ? acc : acc.plus(row.value)), new Decimal(0));
  expect(rowsSum.toFixed(2)).toBe(new Decimal(view.totals.all).toFixed(2));
  const shown = (await total.innerText()).replace(/[^\d.]/g, '');
  expect(shown).toBe(rowsSum.toFixed(2));
});

test("the small-balances panel shows the demo account's leftovers in the right classes", async ({ page, app }) => {
  await page.goto(app.url);
  const toggle = page.getByRole('button', { name: /Show small balances/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toContainText('18 balances');
  await toggle.click();
  await expect(page.getByRole('button', { name: /Hide small balances/ })).toHaveAttribute('aria-expanded', 'true');

  const group = (cls: string) => page.locator(`[data-class="${cls}"]`);
  for (const code of ['ADA', 'DOGE', 'LTC', 'ATOM', 'TRX', 'XLM', 'ALGO', 'POL', 'DOT', 'BCH', 'AVAX', 'USDT']) {
    await expect(group('sweepable').locator(`[data-asset="${code}"]`)).toBeVisible();
  }
  await expect(group('sweepable')).toContainText('after the fee');
  for (const code of ['LINK', 'XRP']) await expect(group('borderline').locator(`[data-asset="${code}"]`)).toBeVisible();
  // above their pairs' minimums, under the 10 USD small-balance limit: an order can sell them
  for (const code of ['XTZ', 'ETC']) await expect(group('sellable').locator(`[data-asset="${code}"]`)).toBeVisible();
  // the top-up in a trader's words: the pair as ETH/USD is written, amounts grouped, units named
  // the buy is itself an order ACA/EUR must take, so it is the pair's 12,000 minimum, not the 11,915 short of it
  await expect(group('stranded').locator('[data-asset="ACA"]')).toContainText(
    /Top up by 12,000 ACA \(≈ [\d.,]+ USD\), the smallest ACA\/EUR order that reaches its minimum of 12,000 ACA, then sell it all/,
  );
  await expect(group('unpriced').locator('[data-asset="LUNA"]')).toBeVisible();
  await expect(group('sweepable').locator('[data-asset="BTC"]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Convert small balances' })).toBeEnabled();
  await page.screenshot({ path: 'test-results/portfolio-small-balances.png', fullPage: true });

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

restOnly('without the live feed, a cold load makes five Kraken calls and a warm one reuses the metadata', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('portfolio-total')).toBeVisible();
  expect(await krakenCalls(app)).toEqual({ Assets: 1, AssetPairs: 1, BalanceEx: 1, OpenOrders: 1, Ticker: 1 });

  await page.getByRole('button', { name: 'Refresh balances and prices' }).click();
  await expect(page.getByRole('button', { name: 'Refresh balances and prices' })).toHaveText('Refresh');
  await expect.poll(() => krakenCalls(app)).toEqual({ Assets: 1, AssetPairs: 1, BalanceEx: 2, OpenOrders: 2, Ticker: 2 });
});

test('filtering by name and switching the valuation currency', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('portfolio-total')).toContainText('USD');
  await page.getByRole('searchbox', { name: 'Filter assets by name' }).fill('sol');
  const spot = page.getByRole('table', { name: 'Spot balances' });
  await expect(spot.getByRole('row')).toHaveCount(2);
  await expect(spot).toContainText('SOL');

  await page.getByLabel('Value in currency').selectOption('EUR');
  await expect(page.getByTestId('portfolio-total')).toContainText('EUR');
  await expect(spot.getByRole('columnheader', { name: 'Price (EUR)' })).toBeVisible();
});
