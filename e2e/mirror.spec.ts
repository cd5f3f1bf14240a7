// The account's copy of Kraken's ledger as the operator meets it: an unreadable file is said in one line above the
// screens, set aside, and rebuilt, while the app and History go on working.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../src-shared/contract/settings';
import { expect, startApp, test, type RunningApp } from './fixtures/app-server';

let app: RunningApp | undefined;
let dataDir: string | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  app = undefined;
  dataDir = undefined;
});

test('an unreadable ledger copy is set aside and rebuilt, and the operator is told in one line', async ({ page }) => {
  dataDir = await mkdtemp(join(tmpdir(), 'oc9-e2e-mirror-'));
  await mkdir(join(dataDir, 'mirror'));
  await writeFile(join(dataDir, 'mirror', 'demo-Demo-account.sqlite'), 'half a database, cut off by a crash');
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ version: 1, data: { ...DEFAULT_SETTINGS, quoteCurrency: 'EUR' } }));
  app = await startApp({ dataDir });
  await page.goto(app.url);

  const notice = page.getByTestId('mirror-notice');
  await expect(notice).toHaveText(
    /^The copy of Kraken’s ledger for Demo account could not be read \(file is not a database\), so it was moved aside as demo-Demo-account\.unreadable-.*\.sqlite and is being rebuilt from Kraken\. Settings, accounts and receipts are untouched\.$/,
  );
  await page.getByRole('main').screenshot({ path: 'test-results/mirror-rebuilt.png' });
  const aside = (await readdir(join(dataDir, 'mirror'))).find((name) => name.includes('.unreadable-'));
  expect(await readFile(join(dataDir, 'mirror', aside ?? ''), 'utf8')).toBe('half a database, cut off by a crash');
  // the screens work meanwhile, and the settings are the operator's own
  await expect(page.getByText('EUR').first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: /Copying Kraken’s ledger to this computer|whole ledger is copied/ }),
  ).toBeVisible();
  await expect(notice).toBeVisible();
});

test('a healthy ledger copy says nothing', async ({ page, app: running }) => {
  await page.goto(running.url);
  await expect(page.getByRole('heading', { name: 'Portfolio', level: 1 })).toBeVisible();
  await expect(page.getByTestId('mirror-notice')).toHaveCount(0);
});
