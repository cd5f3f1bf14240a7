// Connecting Kraken accounts in browser mode, with the embedded simulator standing in for Kraken and a throwaway
// keychain (run inside .ci/keyring-session.sh). Each app run stores under its own keychain service name.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { findCredentialsAsync } from '@napi-rs/keyring';
import type { Page } from '@playwright/test';
import { demoKeys } from '@oc9/kraken-simulator';
import { expect, startApp, test, type RunningApp } from './fixtures/app-server';

/** The screen scrolls inside its main area, so a tall viewport is what shows all of it in one picture. */
async function screenshot(page: Page, path: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1360, height: 1500 });
  await page.screenshot({ path });
  if (size) await page.setViewportSize(size);
}

interface Pair {
  key: string;
  secret: string;
}

/** This run's keychain entries (without the vault's probes, which can vanish mid-listing: hence the retry). */
async function keychainAccounts(app: RunningApp): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await findCredentialsAsync(app.vaultService)).map((c) => c.account).filter((a) => !a.startsWith('__'));
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

test.beforeEach(() => {
  if (!process.env['DBUS_SESSION_BUS_ADDRESS']) {
    throw new Error(
      'Connecting stores keys in the keychain: run inside dbus-run-session -- bash .ci/keyring-session.sh npx playwright test',
    );
  }
});

async function openConnectForm(page: Page, app: RunningApp): Promise<void> {
  await page.goto(app.url);
  await expect(page.getByRole('banner').getByText('Demo', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Connect your Kraken account' }).click();
  await expect(page.getByRole('heading', { name: 'Connect a Kraken account' })).toBeVisible();
}

async function checkKey(page: Page, app: RunningApp, pair: Pair): Promise<void> {
  const form = page.getByRole('form', { name: 'Connect a Kraken account' });
  await form.getByLabel('API key', { exact: true }).fill(pair.key);
  await form.getByLabel('Private key').fill(pair.secret);
  await form.getByLabel('Kraken API address').fill(app.simulatorUrl);
  await form.getByRole('button', { name: 'Check key' }).click();
}

const keyCheck = (page: Page) => page.getByRole('region', { name: 'Key check' });
const group = (page: Page, name: string) => keyCheck(page).getByRole('region', { name });

async function connect(page: Page, app: RunningApp, pair: Pair, acceptWithdraw = false): Promise<void> {
  if (!(await page.getByRole('heading', { name: 'Connect a Kraken account' }).isVisible())) {
    await page.getByRole('button', { name: 'Connect a Kraken account' }).click();
  }
  await checkKey(page, app, pair);
  await expect(keyCheck(page)).toBeVisible();
  if (acceptWithdraw) await keyCheck(page).getByRole('checkbox').check();
  await keyCheck(page).getByRole('button', { name: 'Save to keychain and connect' }).click();
  await expect(page.getByRole('banner').getByText('Live', { exact: true })).toBeVisible();
}

test('connect a simulator key, see its permissions, switch accounts, disconnect', async ({ page, app }) => {
  await openConnectForm(page, app);
  // pasted with line breaks and spaces around: trimmed before anything is checked
  await checkKey(page, app, {
    key: ` ${demoKeys.full.key}\n`,
    secret: `${demoKeys.full.secret.slice(0, 44)}\n${demoKeys.full.secret.slice(44)} `,
  });
  await expect(keyCheck(page).getByRole('heading', { name: /demo ····mqvl/ })).toBeVisible();
  const required = group(page, 'Required');
  for (const label of ['Funds – Query', 'Data – Query ledger entries', 'Orders and trades – Query open orders & trades']) {
    await expect(required.getByRole('listitem').filter({ hasText: label })).toContainText('(granted)');
  }
  await expect(group(page, 'Optional').getByRole('listitem').filter({ hasText: 'Create & modify orders' })).toContainText('(granted)');
  await expect(group(page, 'To be removed')).toContainText('None on this key');
  await screenshot(page, 'test-results/connect-check.png');
  expect(await keychainAccounts(app)).toEqual([]);

  await keyCheck(page).getByRole('button', { name: 'Save to keychain and connect' }).click();
  await expect(page.getByRole('banner').getByText('Live', { exact: true })).toBeVisible();
  const accounts = page.getByRole('list', { name: 'Accounts' });
  await expect(accounts.getByRole('listitem', { name: 'demo ····mqvl' })).toContainText('Active');
  expect(await keychainAccounts(app)).toHaveLength(1);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText(app.simulatorUrl).first()).toBeVisible();

  // a second account: the withdraw key, after accepting the risk
  await connect(page, app, demoKeys.withdraw, true);
  const withdrawRow = accounts.getByRole('listitem', { name: `demo-withdraw ····${demoKeys.withdraw.key.slice(-4)}` });
  await expect(withdrawRow).toContainText('Active');
  await expect(withdrawRow).toContainText('Can withdraw');
  expect(await keychainAccounts(app)).toHaveLength(2);
  await screenshot(page, 'test-results/connect-accounts.png');

  const switcher = page.getByRole('banner').getByRole('combobox', { name: 'Account' });
  await switcher.selectOption({ label: 'demo ····mqvl' });
  await expect(accounts.getByRole('listitem', { name: 'demo ····mqvl' })).toContainText('Active');
  await expect(withdrawRow).not.toContainText('Active');

  // demo stays one click away
  await accounts.getByRole('listitem', { name: 'Demo account' }).getByRole('button', { name: 'Use demo' }).click();
  await expect(page.getByRole('banner').getByText('Demo', { exact: true })).toBeVisible();
  await expect(switcher).toHaveValue('');

  // the portfolio follows the account
  await switcher.selectOption({ label: 'demo ····mqvl' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  await expect(page.getByRole('main').getByText('demo ····mqvl · Kraken')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();

  for (const name of ['demo ····mqvl', `demo-withdraw ····${demoKeys.withdraw.key.slice(-4)}`]) {
    const row = accounts.getByRole('listitem', { name });
    await row.getByRole('button', { name: 'Disconnect' }).click();
    await row.getByRole('button', { name: 'Remove key from keychain' }).click();
    await expect(row).toHaveCount(0);
  }
  expect(await keychainAccounts(app)).toEqual([]);
  await expect(page.getByRole('banner').getByText('Demo', { exact: true })).toBeVisible();
  await expect(switcher).toHaveCount(0);
});

test('a wrong private key is refused in plain words and nothing is stored', async ({ page, app }) => {
  await openConnectForm(page, app);
  await checkKey(page, app, { key: demoKeys.full.key, secret: demoKeys.withdraw.secret });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Kraken did not accept the API key');
  await expect(alert).toContainText('same key pair');
  await expect(keyCheck(page)).toHaveCount(0);
  expect(await keychainAccounts(app)).toEqual([]);
});

test('a key without query-funds shows what is missing and cannot be saved', async ({ page, app }) => {
  await openConnectForm(page, app);
  await checkKey(page, app, demoKeys.readOnly);
  await expect(group(page, 'Required').getByRole('listitem').filter({ hasText: 'Funds – Query' })).toContainText('(not granted)');
  await expect(keyCheck(page).getByRole('alert')).toContainText('This key lacks “Funds – Query”');
  await expect(keyCheck(page).getByRole('button', { name: 'Save to keychain and connect' })).toBeDisabled();
  expect(await keychainAccounts(app)).toEqual([]);
});

test('a key with withdraw is warned about strongly, and saved only once the risk is accepted', async ({ page, app }) => {
  await openConnectForm(page, app);
  await checkKey(page, app, demoKeys.withdraw);
  await expect(group(page, 'To be removed').getByRole('listitem')).toContainText('Funds – Withdraw');
  const warning = keyCheck(page).getByRole('alert');
  await expect(warning).toContainText('this key can withdraw your funds');
  await expect(warning).toContainText('Settings › API');
  const save = keyCheck(page).getByRole('button', { name: 'Save to keychain and connect' });
  await expect(save).toBeDisabled();
  await screenshot(page, 'test-results/connect-withdraw.png');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await keyCheck(page)
    .getByRole('checkbox', { name: /withdraw funds/ })
    .check();
  await save.click();
  await expect(page.getByRole('banner').getByText('Live', { exact: true })).toBeVisible();
  expect(await keychainAccounts(app)).toHaveLength(1);
});

test('a private key that is not base64 is refused before anything is sent', async ({ page, app }) => {
  await openConnectForm(page, app);
  let sent = 0;
  page.on('request', (request) => {
    if (request.url().includes('accounts.')) sent += request.url().includes('accounts.check') ? 1 : 0;
  });
  await checkKey(page, app, { key: demoKeys.full.key, secret: 'this-is-not-base64!' });
  await expect(page.getByText('The private key is not in Kraken’s format')).toBeVisible();
  await expect(page.getByLabel('Private key')).toHaveAttribute('aria-invalid', 'true');
  await checkKey(page, app, { key: demoKeys.full.key, secret: demoKeys.full.secret.slice(0, 60) });
  await expect(page.getByText('but this one has 60 characters')).toBeVisible();
  expect(sent).toBe(0);
  expect(await keychainAccounts(app)).toEqual([]);
});

test('after connecting, the private key is nowhere: not in any file the app wrote, the page, or its storage', async ({ page, app }) => {
  await openConnectForm(page, app);
  await checkKey(page, app, { key: demoKeys.full.key, secret: demoKeys.withdraw.secret });
  await expect(page.getByRole('alert')).toContainText('same key pair');
  await connect(page, app, demoKeys.full);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  await expect(page.getByRole('main').getByText('demo ····mqvl · Kraken')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem', { name: 'demo ····mqvl' })).toContainText('Active');

  const secrets = [demoKeys.full.secret, demoKeys.withdraw.secret];
  const page_ = await page.evaluate(() => ({
    dom: document.documentElement.outerHTML,
    inputs: [...document.querySelectorAll('input')].map((i) => i.value).join('\n'),
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
  }));
  const files = (await readdir(app.dataDir, { recursive: true, withFileTypes: true }))
    .filter((f) => f.isFile())
    .map((f) => join(f.parentPath, f.name));
  expect(files.some((f) => f.endsWith('accounts.json'))).toBe(true);
  expect(files.some((f) => f.endsWith('.log'))).toBe(true);
  const written = await Promise.all(files.map(async (f) => [f, await readFile(f, 'latin1')] as const));
  for (const secret of secrets) {
    for (const [where, text] of [...Object.entries(page_), ['server output', app.output()] as const, ...written]) {
      expect(text.includes(secret), `private key found in ${where}`).toBe(false);
    }
  }
  // the proof that the scan can see: the non-secret last four characters are in the page and the registry
  expect(page_.dom).toContain('····mqvl');
  expect(written.find(([f]) => f.endsWith('accounts.json'))?.[1]).toContain('mqvl');
});

test('without a reachable keychain the app refuses to store a key and says what to install', async ({ page }) => {
  // this run's app sees no session bus at all, so no Secret Service
  const app = await startApp({ env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/oc9-no-bus', XDG_RUNTIME_DIR: '/nonexistent' } });
  try {
    await openConnectForm(page, app);
    const warning = page.getByRole('region', { name: 'Kraken accounts' }).getByRole('alert').filter({ hasText: 'No system keychain' });
    await expect(warning).toContainText('gnome-keyring');
    await expect(warning).toContainText('never in a plain file');
    await checkKey(page, app, demoKeys.full);
    await expect(keyCheck(page)).toContainText('No system keychain is reachable');
    await expect(keyCheck(page).getByRole('button', { name: 'Save to keychain and connect' })).toBeDisabled();
    await expect(page.getByRole('banner').getByText('Demo', { exact: true })).toBeVisible();
    // the main side refuses too, whatever a page sends
    const answer = await page.request.post(`${app.origin}/api/call/accounts.connect`, {
      headers: { 'x-oc9-token': app.token },
      data: {
        apiKey: demoKeys.full.key,
        privateKey: demoKeys.full.secret,
        tier: 'starter',
        baseUrl: app.simulatorUrl,
        acceptWithdraw: false,
      },
    });
    const body = (await answer.json()) as { ok: boolean; error?: { code: string; message: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'no_keychain' } });
    expect(body.error?.message).toContain('gnome-keyring');
    await expect(page.getByRole('banner').getByText('Demo', { exact: true })).toBeVisible();
    const stored = await readFile(join(app.dataDir, 'accounts.json'), 'utf8').catch(() => '');
    expect(stored).not.toContain(demoKeys.full.secret);
  } finally {
    await app.stop();
  }
});
