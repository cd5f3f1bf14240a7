// Preferences and Reconcile's tolerances, end to end: a bad value is refused in plain words and the draft stays;
// a good one is saved, survives a reload, and any edit clears the "Saved." confirmation.
import { expect, test } from './fixtures/app-server';

test('preferences refuse a bad value, keep the draft, and save a good one that survives a reload', async ({ page, app }) => {
  await page.goto(`${app.url}#/settings`);
  const threshold = page.getByLabel('Dust threshold (USD)');
  await expect(threshold).toHaveValue('1.00');
  await threshold.fill('500');
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByRole('alert')).toContainText('between 0.01 and 100');
  await expect(threshold).toHaveValue('500');

  await threshold.fill('2.50');
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await threshold.fill('2.5');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel('Dust threshold (USD)')).toHaveValue('2.50');
});

test('reconcile tolerances are saved as fractions and shown back as percentages', async ({ page, app }) => {
  await page.goto(`${app.url}#/reconcile`);
  const relative = page.getByLabel('Relative (% of the quantity)');
  await expect(relative).toHaveValue('0.01');
  await relative.fill('0.5');
  await page.getByRole('button', { name: 'Save tolerances' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Relative (% of the quantity)')).toHaveValue('0.5');
});
