// What the app shows about its own state, whatever screen is open: a conversion waiting for Kraken is marked in the
// sidebar, on Portfolio and in History; cancelling it asks first and leaves a fresh review; and when the app's own
// server stops, the header says so instead of "Kraken online".
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app-server';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

test('a conversion waiting for Kraken is marked on every screen; cancelling asks first and starts the review afresh', async ({
  page,
  app,
  context,
}) => {
  test.setTimeout(60_000);
  await page.goto(app.url);
  await page.getByRole('button', { name: /Show small balances/ }).click();
  await page.getByRole('button', { name: 'Convert small balances' }).click();
  const ack = page.getByLabel(/I understand what Kraken does with these open orders/);
  await ack.check();
  const slider = page.getByRole('slider', { name: /Swipe to convert \d+ balances into USD/ });
  await expect(slider).toHaveAttribute('aria-disabled', 'false');
  const krakenPage = context.waitForEvent('page');
  await slider.focus();
  for (let step = 0; step < 10; step++) await page.keyboard.press('ArrowRight');
  await (await krakenPage).close();
  await expect(page.getByRole('heading', { name: 'Finish on Kraken' })).toBeVisible();

  const marker = page.getByTestId('watch-marker');
  await expect(marker).toBeVisible();
  await nav(page, 'Portfolio');
  await expect(page.getByTestId('last-cleanup')).toContainText('A conversion is waiting for Kraken');
  await nav(page, 'History');
  const pending = page.getByTestId('pending-conversion');
  await expect(pending).toContainText('Waiting for Kraken');
  await page.getByRole('main').screenshot({ path: 'test-results/history-pending.png' });
  await nav(page, 'Settings');
  await expect(marker).toBeVisible();

  // back to the hand-off through the marker; cancelling asks first
  await marker.click();
  await page.getByRole('button', { name: 'Cancel this conversion' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this conversion?' });
  await expect(dialog).toContainText('The app stops watching Kraken’s ledger and drops the plan.');
  await page.screenshot({ path: 'test-results/cancel-dialog.png' });
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(page.getByRole('heading', { name: 'Finish on Kraken' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel this conversion' }).click();
  await dialog.getByRole('button', { name: 'Cancel the conversion' }).click();

  // a fresh review: the earlier acknowledgement was for the plan just dropped
  await expect(page.getByRole('table', { name: 'Balances Kraken will convert' })).toBeVisible();
  await expect(ack).not.toBeChecked();
  // the fresh review may wait for Kraken's call counter, which the watch's reads used
  await expect(page.locator('[data-check="open-orders"]')).toHaveAttribute('data-status', 'block', { timeout: 30_000 });
  await expect(slider).toHaveAttribute('aria-disabled', 'true');
  await expect(marker).toHaveCount(0);
  await page.context().close();
});

test('when the app server stops, the header says so instead of "Kraken online"', async ({ page, app }) => {
  await page.goto(app.url);
  const pill = page.getByRole('banner').getByRole('status').first();
  await expect(pill).toHaveText('Kraken online');
  await app.stop();
  await expect(pill).toHaveText('App server stopped: Kraken status unknown');
  await expect(page.getByRole('banner')).not.toContainText('Kraken online');
  await page.screenshot({ path: 'test-results/header-server-stopped.png' });
  await page.context().close();
});
