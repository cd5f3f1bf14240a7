import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures/app-server';

test('the shell shows the demo badge, navigation and live Kraken status', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('banner').getByText('Demo', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connect your Kraken account' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Kraken online' })).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Portfolio', 'History', 'Reconcile', 'Settings']) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
  // the token leaves the address bar once the page holds it
  expect(page.url()).not.toContain('token=');

  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
  await expect(page.getByTestId('kraken-status')).toContainText('online');
  await expect(page.getByText('Demo (embedded Kraken simulator)')).toBeVisible();
  await expect(page.getByText(/^0\.\d+\.\d+$/)).toBeVisible();
  await page.screenshot({ path: 'test-results/shell-settings.png' });
});

test('the shell survives a reload and keeps the screen', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reconcile' }).click();
  await expect(page.getByRole('heading', { name: 'Reconcile', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Reconcile', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Kraken online' })).toBeVisible();
});

test('a page without the token is told what to do', async ({ page, app }) => {
  await page.goto(app.origin);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  // every section that calls the main side says so (About, Kraken accounts)
  await expect(page.getByRole('alert').first()).toContainText('Open the address that `npm run serve` printed');
});

test('the shell has no accessibility violations', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status').filter({ hasText: 'Kraken online' })).toBeVisible();
  for (const screen of ['Portfolio', 'Settings']) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});
