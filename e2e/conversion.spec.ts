// Convert small balances, end to end in browser mode on the demo: Show small balances → review → swipe (pointer, or
// keyboard) → hand-off → the conversion on the simulator's stand-in for Kraken Pro → the receipt, matched to the
// plan → History. Also the 24-hour cooldown on Kraken's clock, and a restart while the app is watching the ledger.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { appFixture, expect, startApp, test as base, type RunningApp } from './fixtures/app-server';
import { admin } from './fixtures/simulator-admin';
import { dragSwipeTo } from './fixtures/swipe';

// the watch re-reads the ledger every 5 s here instead of 10 s, so the receipt follows the conversion quickly
const WATCH_ARGS = ['--watch-seconds', '5'];
const test = base.extend<{ app: RunningApp }>({ app: appFixture({ args: WATCH_ARGS }) });

const DAY_MS = 24 * 60 * 60 * 1000;

async function openReview(page: Page, app: RunningApp): Promise<void> {
  await page.goto(app.url);
  await page.getByRole('button', { name: /Show small balances/ }).click();
  await page.getByRole('button', { name: 'Convert small balances' }).click();
  await expect(page.getByRole('heading', { name: 'Convert small balances', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Balances Kraken will convert' })).toBeVisible();
}

function slider(page: Page): Locator {
  return page.getByRole('slider', { name: /Swipe to convert/ });
}

/** The demo account has an open order on a dust balance: the check names it, and blocks until acknowledged. */
async function acknowledgeOpenOrders(page: Page): Promise<void> {
  const openOrders = page.locator('[data-check="open-orders"]');
  await expect(openOrders).toHaveAttribute('data-status', 'block');
  // a buy of LINK paid in USD reserves USD, not LINK
  await expect(openOrders).toContainText(
    'Buy 1 LINK on LINK/USD at 12 USD (limit). It reserves 12 USD, not a swept balance, and stays open. Kraken sweeps your free LINK; when the order fills you hold LINK again.',
  );
  await expect(slider(page)).toHaveAttribute('aria-disabled', 'true');
  await page.getByLabel(/I understand what Kraken does with these open orders/).check();
  await expect(openOrders).toHaveAttribute('data-status', 'warn');
  await expect(slider(page)).toHaveAttribute('aria-disabled', 'false');
}

async function reviewedAssets(page: Page): Promise<string[]> {
  return page
    .getByRole('table', { name: 'Balances Kraken will convert' })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-asset') ?? ''));
}

async function expectReceiptMatches(page: Page, assets: readonly string[]): Promise<void> {
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toBeVisible({ timeout: 20_000 });
  const lines = receipt.getByRole('table', { name: 'Converted small balances' }).locator('tbody tr');
  await expect(lines).toHaveCount(assets.length);
  for (const asset of assets) await expect(lines.filter({ has: page.locator(`th:text-is("${asset}")`) })).toContainText('As planned');
}

test('show small balances → review → swipe → Kraken → receipt → History', async ({ page, app, context }) => {
  await openReview(page, app);
  const assets = await reviewedAssets(page);
  expect(assets.length).toBeGreaterThan(5);
  await expect(page.getByText('there is no per-asset choice').first()).toBeVisible();
  await expect(page.locator('[data-check="cooldown"]')).toHaveAttribute('data-status', 'pass');
  await acknowledgeOpenOrders(page);
  await page.getByRole('main').screenshot({ path: 'test-results/conversion-review.png' });

  // let go halfway: it springs back and nothing happens
  await dragSwipeTo(page, 0.5);
  await expect(slider(page)).toHaveAttribute('aria-valuenow', /^(4\d|5\d)$/);
  await page.mouse.up();
  await expect(slider(page)).toHaveAttribute('aria-valuenow', '0');
  await expect(page.getByRole('table', { name: 'Balances Kraken will convert' })).toBeVisible();

  const krakenPage = context.waitForEvent('page');
  await dragSwipeTo(page, 1);
  await page.mouse.up();
  const pro = await krakenPage;
  await expect(page.getByRole('heading', { name: 'Finish on Kraken' })).toBeVisible();
  await expect(page.getByTestId('watch-status')).toContainText('Watching Kraken’s ledger');
  await page.getByRole('main').screenshot({ path: 'test-results/conversion-handoff.png' });

  // on "Kraken Pro": the operator converts small balances by hand
  await pro.waitForLoadState();
  expect(pro.url()).toBe(`${app.simulatorUrl}/__sim/pro/portfolio/spot`);
  await pro.getByRole('button', { name: 'Convert small balances' }).click();
  await pro.getByLabel('Convert to').selectOption('ZUSD');
  await pro.getByRole('button', { name: 'Convert', exact: true }).click();
  await expect(pro.getByRole('status')).toContainText('Converted. Reference');
  const refid = await pro.getByRole('status').getAttribute('data-refid');
  await pro.close();

  await expectReceiptMatches(page, assets);
  await expect(page.getByTestId('receipt')).toContainText(refid ?? 'no refid');
  await expect(page.getByRole('button', { name: 'Reconcile now' })).toBeVisible();
  await page.getByRole('main').screenshot({ path: 'test-results/conversion-receipt.png' });
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.getByRole('button', { name: 'View in History' }).click();
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  const entry = page.locator(`[data-refid="${refid}"]`);
  await expect(entry).toContainText('OC9 Console');
  await entry.getByRole('button', { name: 'View transaction' }).click();
  await expectReceiptMatches(page, assets);
  const download = page.waitForEvent('download');
  await entry.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(new RegExp(`${refid}\\.csv$`));
  await page.getByRole('main').screenshot({ path: 'test-results/history-transaction.png' });
});

test('the keyboard confirms with the same effort, and the cooldown blocks a second conversion for 24 hours', async ({ page, app }) => {
  // two reviews, a conversion and a day on Kraken's clock, all at a Starter key's call-counter pace
  test.slow();
  await openReview(page, app);
  const assets = await reviewedAssets(page);
  await acknowledgeOpenOrders(page);

  const thumb = slider(page);
  await thumb.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(thumb).toHaveAttribute('aria-valuenow', '20');
  await page.keyboard.press('Escape');
  await expect(thumb).toHaveAttribute('aria-valuenow', '0');
  // a short press does nothing; holding Enter confirms
  await page.keyboard.down('Enter');
  await page.waitForTimeout(300);
  await page.keyboard.up('Enter');
  await expect(thumb).toHaveAttribute('aria-valuenow', '0');
  await page.keyboard.down('Enter');
  await expect(page.getByRole('heading', { name: 'Finish on Kraken' })).toBeVisible({ timeout: 20_000 });
  await page.keyboard.up('Enter');

  await admin(app.simulatorUrl, 'convert-small-balances', { target: 'ZUSD' });
  await expectReceiptMatches(page, assets);
  await page.getByRole('button', { name: 'View in History' }).click();

  // new dust arrives; only the cooldown stands in the way now
  await admin(app.simulatorUrl, 'deposit', { asset: 'ADA', amount: '1' });
  await openReview(page, app);
  const cooldown = page.locator('[data-check="cooldown"]');
  await expect(cooldown).toHaveAttribute('data-status', 'block');
  await expect(cooldown.getByRole('timer')).toHaveText(/^2[34] h \d\d min \d\d s$/);
  await expect(slider(page)).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('main').screenshot({ path: 'test-results/conversion-cooldown.png' });

  // a day later on Kraken's clock
  await admin(app.simulatorUrl, 'clock', { advanceMs: DAY_MS });
  await page.getByRole('button', { name: 'Refresh prices' }).click();
  await expect(cooldown).toHaveAttribute('data-status', 'pass');
});

test('a restart while watching resumes the watch and completes the receipt', async ({ page }) => {
  // one data folder across both runs: the saved plan is what carries the watch over the restart
  const dataDir = await mkdtemp(join(tmpdir(), 'oc9-e2e-restart-'));
  const first = await startApp({ args: WATCH_ARGS, dataDir });
  let second: RunningApp | undefined;
  try {
    await openReview(page, first);
    const assets = await reviewedAssets(page);
    await acknowledgeOpenOrders(page);
    // the third way to confirm: arrow all the way to the end
    await slider(page).focus();
    for (let step = 0; step < 9; step++) await page.keyboard.press('ArrowRight');
    await expect(slider(page)).toHaveAttribute('aria-valuenow', '90');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('heading', { name: 'Finish on Kraken' })).toBeVisible({ timeout: 20_000 });
    await first.stop();

    second = await startApp({ args: WATCH_ARGS, dataDir });
    await page.goto(`${second.url}#/convert`);
    await expect(page.getByRole('heading', { name: 'Finish on Kraken' })).toBeVisible();
    await expect(page.getByTestId('watch-status')).toContainText(/Read \d+ time/);
    await admin(second.simulatorUrl, 'convert-small-balances', { target: 'ZUSD' });
    await expectReceiptMatches(page, assets);
  } finally {
    await second?.stop();
    await first.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
