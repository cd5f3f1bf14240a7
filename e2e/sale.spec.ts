// Clearing what Kraken's sweep cannot take, end to end in browser mode on the demo: sell the two sellable small
// balances (XTZ and ETC) through the API, and free the stranded one (ACA) with a top-up, each with its receipt proven
// against the simulator's ledger and kept in the account's record of orders.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import Decimal from 'decimal.js';
import { expect, test, type RunningApp } from './fixtures/app-server';
import { contractCall } from './fixtures/contract-call';

async function openPanel(page: Page, app: RunningApp): Promise<void> {
  await page.goto(app.url);
  await page.getByRole('button', { name: /Show small balances/ }).click();
}

/** Holds Enter on the swipe until it confirms: the same effort as dragging it to the end. */
async function swipe(page: Page, name: RegExp): Promise<void> {
  const slider = page.getByRole('slider', { name });
  await expect(slider).toHaveAttribute('aria-disabled', 'false');
  await slider.focus();
  await page.keyboard.down('Enter');
  await expect(page.getByTestId('sale-run')).toBeVisible({ timeout: 20_000 });
  await page.keyboard.up('Enter');
}

test('sell two sellable balances: each a choice, every order checked by Kraken, receipt matched to the ledger', async ({ page, app }) => {
  await openPanel(page, app);
  const sellable = page.locator('[data-class="sellable"]');
  await expect(sellable.locator('[data-asset="XTZ"]')).toBeVisible();
  await expect(sellable.locator('[data-asset="ETC"]')).toBeVisible();
  await expect(sellable).toContainText('Worth less than your small-balance limit of 10 USD');
  await sellable.getByRole('button', { name: 'Sell through the API…' }).click();

  await expect(page.getByRole('heading', { name: 'Sell small balances', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Small balances an order can sell' });
  for (const code of ['XTZ', 'ETC']) {
    const row = table.locator(`tr[data-asset="${code}"]`);
    await expect(row).toContainText(`Sell ${code === 'XTZ' ? '9.43 XTZ' : '0.31 ETC'}`);
    await expect(row).toContainText(`on ${code}/USD`);
    await expect(row).toContainText('Kraken accepts it');
    await expect(row).toContainText('Nothing stays behind');
  }
  await expect(page.getByTestId('trade-permission')).toContainText('may place orders');

  // unlike Kraken's sweep, each asset is a choice
  await page.getByRole('checkbox', { name: 'Sell ETC' }).uncheck();
  await expect(page.getByRole('heading', { name: 'Balances to sell (1 of 2)' })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Swipe to sell 1 balance into USD' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Sell ETC' }).check();
  await expect(page.getByRole('heading', { name: 'Balances to sell (2 of 2)' })).toBeVisible();
  const review = await contractCall<{ proceeds: string; lines: unknown[] }>(app, 'sale.review', {
    assets: ['XTZ', 'XETC'],
    target: 'ZUSD',
  });

  const a11y = await new AxeBuilder({ page }).include('main#main').analyze();
  expect(a11y.violations.map((v) => v.id)).toEqual([]);
  await page.getByRole('main').screenshot({ path: 'test-results/sale-review.png' });

  await swipe(page, /Swipe to sell 2 balances into USD/);
  const run = page.getByTestId('sale-run');
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  for (const code of ['XTZ', 'ETC']) {
    await expect(run.getByTestId('order-step').and(run.locator(`[data-asset="${code}"]`))).toHaveAttribute('data-status', 'filled');
    const line = run.getByRole('table', { name: 'Receipt' }).locator(`tr[data-asset="${code}"]`);
    await expect(line).toContainText('Matches 2 ledger entries');
    await expect(line).toContainText(`0 ${code}`);
  }
  // what landed is what the review said: the bid did not move, and the estimate rounds each line's gross down and its
  // fee up to the currency's 4 decimals (never promising more than lands), so it is short by at most 0.0002 a line
  const [sold] = await contractCall<{ receipt: { proceeds: string }[] }[]>(app, 'sale.runs', {});
  const landed = (sold?.receipt ?? []).reduce((sum, line) => sum.plus(line.proceeds), new Decimal(0));
  const short = landed.minus(review.proceeds);
  expect(
    short.gte(0) && short.lte(new Decimal('0.0002').times(review.lines.length)),
    `landed ${landed.toFixed()}, estimated ${review.proceeds}`,
  ).toBe(true);
  await page.getByRole('main').screenshot({ path: 'test-results/sale-receipt.png' });

  // the account's record of orders keeps it, with who placed it
  await expect(page.getByRole('heading', { name: 'Audit record: orders placed from this app (1)' })).toBeVisible();
  await expect(page.getByTestId('runs-record').getByRole('listitem').first()).toContainText('Sold XTZ, ETC');

  // the panel stays open as it was left; the sold balances are gone from it
  await page.getByRole('button', { name: 'Back to Portfolio' }).click();
  await expect(page.getByRole('button', { name: /Hide small balances/ })).toBeVisible();
  await expect(page.locator('[data-class="sweepable"]')).toBeVisible();
  await expect(page.locator('[data-class="sellable"]')).toHaveCount(0);
});

test('free a stranded balance: the smallest top-up Kraken takes, then the whole balance sold', async ({ page, app }) => {
  await openPanel(page, app);
  await page.getByRole('button', { name: 'Free ACA: top up, then sell' }).click();
  await expect(page.getByRole('heading', { name: 'Free a stranded balance', level: 1 })).toBeVisible();
  const buy = page.locator('[data-side="buy"]');
  const sell = page.locator('[data-side="sell"]');
  // the buy is itself an order, so it meets the pair's 12,000 minimum; the sale takes all 12,085
  await expect(buy).toContainText('Buy 12,000 ACA at');
  await expect(buy).toContainText('Kraken accepts it');
  await expect(sell).toContainText('Sell 12,085 ACA at');
  await expect(sell).toContainText('Sent once the top-up fills');
  await expect(page.getByTestId('topup-waiting')).toContainText(/Kraken sweeps it only after ACA falls \d+\u00a0%/);
  await page.getByRole('main').screenshot({ path: 'test-results/sale-topup-review.png' });

  await swipe(page, /Swipe to free 85 ACA/);
  const run = page.getByTestId('sale-run');
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(run.getByTestId('order-step')).toHaveCount(2);
  for (const side of ['Buy 12,000 ACA', 'Sell 12,085 ACA'])
    await expect(run.getByTestId('order-step').filter({ hasText: side })).toHaveAttribute('data-status', 'filled');
  const line = run.getByRole('table', { name: 'Receipt' }).locator('tr[data-asset="ACA"]');
  await expect(line).toContainText('Matches 4 ledger entries');
  await expect(line).toContainText('0 ACA');

  await page.getByRole('button', { name: 'Back to Portfolio' }).click();
  await expect(page.getByRole('button', { name: /Hide small balances/ })).toBeVisible();
  await expect(page.locator('[data-class="sweepable"]')).toBeVisible();
  await expect(page.locator('[data-class="stranded"]')).toHaveCount(0);
});
