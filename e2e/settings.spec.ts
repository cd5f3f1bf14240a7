// Preferences and Reconcile's tolerances, end to end: a bad value is refused in plain words and the draft stays;
// a good one is saved, survives a reload, and any edit clears the "Saved." confirmation.
import { expect, test } from './fixtures/app-server';

test('preferences refuse a bad value, keep the draft, and save a good one that survives a reload', async ({ page, app }) => {
  await page.goto(`${app.url}#/settings`);
  const threshold = page.getByLabel('Dust threshold (USD)');
  await expect(threshold).toHaveValue('1.00');
  const save = page.getByRole('button', { name: 'Save preferences' });
  // every bad value is marked on its own field with what to type, never internal text
  for (const [typed, message] of [
    ['500', 'The dust threshold must be between 0.01 USD and 100 USD.'],
    ['-2', 'The dust threshold must be between 0.01 USD and 100 USD.'],
    ['abc', 'Type only the number, such as 1.00: no letters, currency signs or exponents.'],
    ['1,000.5', 'Use a dot for decimals and no thousands separators, such as 1.00.'],
    ['', 'Type the dust threshold, such as 1.00.'],
  ] as const) {
    await threshold.fill(typed);
    await save.click();
    await expect(threshold).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
    await expect(threshold).toHaveValue(typed);
  }
  await expect(page.getByText(/Invalid input for|check the log|Something went wrong/)).toHaveCount(0);
  const refresh = page.getByLabel('Auto-refresh (seconds, 0 = off)');
  await refresh.fill('2.5');
  await save.click();
  await expect(page.getByRole('alert').filter({ hasText: 'Auto-refresh must be a whole number, such as 60.' })).toBeVisible();
  await refresh.fill('60');
  await page.screenshot({ path: 'test-results/settings-validation.png' });

  // a decimal comma reads as the operator meant it
  await threshold.fill('2,50');
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(threshold).toHaveAttribute('aria-invalid', 'false');
  await expect(threshold).toHaveValue('2.5');
  // any edit clears the confirmation; the edit is not saved
  await threshold.fill('2.75');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel('Dust threshold (USD)')).toHaveValue('2.5');
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
