// Failures are seen: saved files that no longer read at start are named on their screens with what still works,
// and a Kraken fault that lasts shows "retrying (n of 3)" in the header, then a clear error within seconds.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appFixture, expect, startApp, test, type RunningApp } from './fixtures/app-server';

// a BalanceEx fault is REST's: with the live feed up the portfolio would not call it
const restOnly = test.extend<{ app: RunningApp }>({ app: appFixture({ args: ['--no-live-feed'] }) });
import { admin } from './fixtures/simulator-admin';

test('a corrupt accounts, settings and conversions file is named on its screen, with what still works', async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'oc9-e2e-corrupt-'));
  await writeFile(join(dataDir, 'accounts.json'), '{"version":1,"data":{"activeId":"acct-1","accounts":[{"id":');
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ version: 1, data: { quoteCurrency: 'EUR', dustThresholdUsd: 'abc' } }));
  await writeFile(
    join(dataDir, 'conversions.json'),
    JSON.stringify({
      version: 1,
      data: {
        accounts: { 'demo:Demo account': { lastTarget: 'ZEUR', active: { plan: null }, receipts: [], scannedTo: null, scannedAt: null } },
      },
    }),
  );
  const app = await startApp({ dataDir });
  try {
    await page.goto(app.url);
    const accounts = page.getByRole('alert').filter({ hasText: 'accounts.json was set aside' });
    await expect(accounts).toContainText('still in the system keychain');
    await expect(accounts).toContainText(join(dataDir, 'accounts.corrupt-'));
    await expect(page.getByRole('alert').filter({ hasText: 'Part of conversions.json was recovered' })).toContainText(
      'History finds them again in its copy of the ledger',
    );
    await page.screenshot({ path: 'test-results/failures-portfolio-notices.png' });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const settings = page.getByRole('alert').filter({ hasText: 'Part of settings.json was recovered' });
    await expect(settings).toContainText('could not be read (5 entries)');
    // what still parsed was kept: the currency chosen before
    await expect(page.getByLabel('Value balances in')).toHaveValue('EUR');
    await page.screenshot({ path: 'test-results/failures-settings-notices.png', fullPage: true });
    await settings.getByRole('button', { name: 'Dismiss' }).click();
    await expect(settings).toHaveCount(0);
  } finally {
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

restOnly(
  'without the live feed, a lasting Kraken fault shows "retrying (n of 3)", then an error that says what to do',
  async ({ page, app }) => {
    await page.goto(app.url);
    await expect(page.getByTestId('portfolio-total')).toBeVisible();
    await admin(app.simulatorUrl, 'faults', { kind: 'unavailable', endpoint: 'BalanceEx', count: 100 });
    await page.getByRole('button', { name: /Refresh/ }).click();
    const pill = page.getByRole('status').filter({ hasText: /Kraken not answering: retrying \(\d of 3\)/ });
    await expect(pill).toBeVisible();
    await page.screenshot({ path: 'test-results/failures-retrying.png' });
    // the retries are bounded by time: the error arrives well inside the default 10 s expectation
    await expect(page.getByRole('alert').filter({ hasText: 'Something needs your attention' })).toContainText(/offline|try again/i);
    await expect(pill).toHaveCount(0);
    await page.screenshot({ path: 'test-results/failures-error.png' });
  },
);
