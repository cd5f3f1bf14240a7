// Kraken's live feed in browser mode on the demo: a sweep done on the Pro stand-in page shows its receipt without a
// ledger poll (the watch would poll once an hour here), and the header says what the feed is doing during a drop.
import type { Locator, Page } from '@playwright/test';
import { appFixture, expect, test as base, type RunningApp } from './fixtures/app-server';
import { dragSwipeTo } from './fixtures/swipe';
import { admin } from './fixtures/simulator-admin';

// an hour between REST polls: a receipt that comes sooner came from the socket
const test = base.extend<{ app: RunningApp }>({ app: appFixture({ args: ['--watch-seconds', '3600'] }) });

const feedPill = (page: Page): Locator => page.getByRole('status', { name: /Account feed/ });

async function swipe(page: Page): Promise<void> {
  await dragSwipeTo(page, 1);
  await page.mouse.up();
}

test('a sweep on the Pro page shows its receipt from the live feed, without waiting for a poll', async ({ page, app, context }) => {
  await page.goto(app.url);
  await expect(feedPill(page)).toHaveText('live', { timeout: 15_000 });
  await page.getByRole('button', { name: /Show small balances/ }).click();
  await page.getByRole('button', { name: 'Convert small balances' }).click();
  await expect(page.getByRole('table', { name: 'Balances Kraken will convert' })).toBeVisible();
  await page.getByLabel(/I understand what Kraken does with these open orders/).check();
  const krakenPage = context.waitForEvent('page');
  await swipe(page);
  const pro = await krakenPage;
  await expect(page.getByTestId('watch-status')).toContainText('Watching Kraken’s ledger');
  await pro.waitForLoadState();
  await pro.getByRole('button', { name: 'Convert small balances' }).click();
  await pro.getByLabel('Convert to').selectOption('ZUSD');
  await pro.getByRole('button', { name: 'Convert', exact: true }).click();
  await expect(pro.getByRole('status')).toContainText('Converted. Reference');
  const refid = await pro.getByRole('status').getAttribute('data-refid');
  await pro.close();
  // the watch's next poll is an hour away: only the socket can bring it this soon
  await expect(page.getByTestId('receipt')).toContainText(refid ?? 'no refid', { timeout: 10_000 });
});

test('with the socket up, a portfolio refresh makes no Kraken call', async ({ page, app }) => {
  const refresh = page.getByRole('button', { name: 'Refresh balances and prices' });
  const total = async () => ((await (await fetch(`${app.simulatorUrl}/__sim/requests`)).json()) as { total: number }).total;
  await page.goto(app.url);
  await expect(feedPill(page)).toHaveText('live', { timeout: 15_000 });
  await expect(page.getByTestId('portfolio-total')).toBeVisible();
  // the first load subscribed the prices it values with; their snapshot comes over the socket
  await refresh.click();
  await expect(refresh).toHaveText('Refresh');
  const before = await total();
  await refresh.click();
  await expect(refresh).toHaveText('Refresh');
  expect((await total()) - before).toBe(0);
});

test('the header says "reconnecting" while the feed is down, then "live" again', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(feedPill(page)).toHaveText('live', { timeout: 15_000 });
  await admin(app.simulatorUrl, 'ws-faults', { kind: 'drop' });
  await expect(feedPill(page)).toHaveText('reconnecting');
  await expect(feedPill(page)).toHaveText('live', { timeout: 15_000 });
  // tokens refused: after two failed attempts the app says it polls REST
  await admin(app.simulatorUrl, 'ws-faults', { kind: 'reject-token', count: 3 });
  await admin(app.simulatorUrl, 'ws-faults', { kind: 'drop' });
  await expect(feedPill(page)).toHaveText('polling', { timeout: 15_000 });
  await expect(feedPill(page)).toHaveText('live', { timeout: 30_000 });
});
