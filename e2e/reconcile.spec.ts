// Guided reconcile, end to end in browser mode against the demo simulator: import OC9's book, change the account
// by hand on "Kraken" (a trade and Convert small balances through the simulator's admin prefix), reconcile, read
// the explanations, apply the guide, and see the next run in sync and the change in the audit log.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app-server';
import { chooseFile, DEMO_BOOK, position, positionsFile } from './fixtures/positions-file';
import { admin, simulatorNow } from './fixtures/simulator-admin';

/**
 * Closes the browser context, and with it the sockets Chromium keeps open (an idle pre-connected one, an event
 * stream that reconnects): the browser-mode server's stop() waits for every socket, so one left open stalls teardown.
 */
async function releaseServer(page: Page) {
  await page.context().close();
}

const resultRow = (page: Page, code: string) => page.locator(`tr[data-status][data-asset="${code}"]`);

test('reconcile explains manual changes, applies the guide, and the next run is in sync', async ({ page, app }) => {
  test.setTimeout(60_000);
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reconcile' }).click();
  await expect(page.getByRole('heading', { name: 'Reconcile', level: 1 })).toBeVisible();
  await expect(page.getByText('No book chosen yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reconcile', exact: true })).toBeDisabled();
  await page.screenshot({ path: 'test-results/reconcile-source-picker.png' });

  // a corrupt book file: pointed errors, nothing changed
  const broken = JSON.stringify({
    version: 2,
    asOf: '2026-01-01T00:00:00Z',
    positions: [{ ...position('XXBT', '-0.5', '81250.5'), entry_price: '1' }],
  });
  await chooseFile(page, 'broken-positions.json', broken);
  const importAlert = page.getByRole('alert').filter({ hasText: 'broken-positions.json was not imported. Nothing was changed.' });
  await expect(importAlert).toBeVisible();
  await expect(importAlert).toContainText('positions[0]: unknown field "entry_price"');
  await expect(importAlert).toContainText('positions[0].quantity: must be zero or more');
  await expect(page.getByText('No book chosen yet.')).toBeVisible();
  await page.screenshot({ path: 'test-results/reconcile-corrupt-file.png' });

  await chooseFile(page, 'oc9-positions.json', positionsFile(DEMO_BOOK, await simulatorNow(app.simulatorUrl)));
  await expect(importAlert).toBeHidden();
  await expect(page.getByText('oc9-positions.json')).toBeVisible();
  await expect(page.getByText('9 positions, 11 ignored dust')).toBeVisible();

  // by hand on Kraken: a manual buy and Convert small balances
  const trade = await admin<{ txid: string }>(app.simulatorUrl, 'trade', { pair: 'XBTUSD', type: 'buy', volume: '0.01' });
  const sweep = await admin<{ refid: string; legs: { asset: string }[] }>(app.simulatorUrl, 'convert-small-balances', { target: 'ZUSD' });
  const swept = new Set(sweep.legs.map((leg) => leg.asset));
  expect(swept).toEqual(
    new Set(['DOT', 'ATOM', 'TRX', 'ALGO', 'ADA', 'XXDG', 'XLTC', 'LINK', 'POL', 'XXLM', 'BCH', 'AVAX', 'USDT', 'ZUSD']),
  );
  // a slow ledger page, so the run can be seen in progress
  await admin(app.simulatorUrl, 'faults', { kind: 'latency', endpoint: 'Ledgers', ms: 1500, count: 1 });

  await page.getByRole('button', { name: 'Reconcile', exact: true }).click();
  const progress = page.getByRole('status').filter({ hasText: 'Ledger since checkpoint' });
  await expect(progress).toBeVisible();
  await page.screenshot({ path: 'test-results/reconcile-run-in-progress.png' });
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 20_000 });

  const btc = resultRow(page, 'BTC');
  await expect(btc).toContainText('Changed, explained');
  await expect(btc).toContainText('Kraken holds 0.01 more than the book, explained by a trade.');
  const btcGroups = btc.getByRole('list', { name: 'Ledger groups explaining BTC' }).getByRole('listitem');
  await expect(btcGroups).toHaveCount(1);
  await expect(btcGroups).toContainText(`Trade+0.01000${trade.txid}`);
  for (const code of ['DOGE', 'ADA', 'LINK', 'DOT']) {
    const row = resultRow(page, code);
    await expect(row, code).toContainText('Changed, explained');
    const groups = row.getByRole('list', { name: `Ledger groups explaining ${code}` }).getByRole('listitem');
    await expect(groups, code).toHaveCount(1);
    await expect(groups, code).toContainText('Dust sweep');
    await expect(groups, code).toContainText(sweep.refid);
  }
  await expect(resultRow(page, 'DOT')).toContainText(`Swept by the conversion of`);
  await expect(resultRow(page, 'ETH')).toContainText('In sync');
  await expect(page.getByText(/the sum of amount − fee of every ledger entry since the checkpoint equals/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // the screen scrolls inside the app's main area: a tall window shows whole panels
  await page.setViewportSize({ width: 1360, height: 2600 });
  await page.getByRole('region', { name: 'Results' }).screenshot({ path: 'test-results/reconcile-results.png' });

  // the guide: one row per asset that changed; accept every proposal, then apply
  const guide = page.getByRole('region', { name: 'Guide' });
  await expect(guide.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^BTC/ }) })).toContainText(
    'Accept Kraken’s quantity',
  );
  const apply = guide.getByRole('button', { name: /^Apply \d+ decisions$/ });
  await expect(apply).toBeDisabled();
  await guide.getByRole('button', { name: 'Accept all proposals' }).click();
  await expect(guide.getByText(/^(\d+) of \1 accepted$/)).toBeVisible();
  await guide.getByLabel('Why (for the audit log)').fill('Manual BTC buy and a small-balance conversion');
  await guide.screenshot({ path: 'test-results/reconcile-guide.png' });
  await apply.click();
  await expect(guide.getByText('Applied.')).toBeVisible();

  const audit = page.getByRole('region', { name: 'Audit log' });
  await expect(audit).toContainText('“Manual BTC buy and a small-balance conversion”');
  await expect(audit).toContainText('BTC Accept Kraken’s quantity: 0.47658 at 81250.5 USD → 0.48658 at 81250.5 USD');
  await expect(audit).toContainText('DOGE Close the record: 2.41 ignored as dust → not in the book');
  await expect(audit.getByRole('button', { name: 'Undo' })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Report CSV' }).click();
  const csv = await download;
  expect(csv.suggestedFilename()).toMatch(/^oc9-reconcile-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvText = await readFile(await csv.path(), 'utf8');
  expect(csvText).toContain(`XXBT,BTC,changed-explained,0.47658,0.48658,0.01,81250.5,ZUSD,no,0.01,trade ${trade.txid} (0.01),pass`);

  // the second run: everything in sync, nothing to resolve
  await page.getByRole('button', { name: 'Reconcile', exact: true }).click();
  await expect(guide.getByText('Nothing to resolve: the book matches Kraken.')).toBeVisible({ timeout: 20_000 });
  const statuses = page.getByRole('list', { name: 'Statuses' });
  await expect(statuses).toHaveText('9 In sync');
  await expect(resultRow(page, 'BTC')).toContainText('0.48658');
  await audit.screenshot({ path: 'test-results/reconcile-audit-log.png' });
  await page.screenshot({ path: 'test-results/reconcile-second-run.png' });

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await releaseServer(page);
});

test('an orphan asks for a decision, a typed entry price is applied, and the apply can be undone', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reconcile' }).click();
  // OC9's file lost LUNA's entry price: the edge case the OC9 guide warns about
  const withoutLunaPrice = {
    ...DEMO_BOOK,
    positions: DEMO_BOOK.positions.map((p) => (p.asset === 'LUNA' ? { ...p, entryPrice: null } : p)),
  };
  await chooseFile(page, 'oc9-positions.json', positionsFile(withoutLunaPrice, await simulatorNow(app.simulatorUrl)));
  await expect(page.getByText('oc9-positions.json')).toBeVisible();
  await page.getByRole('button', { name: 'Reconcile', exact: true }).click();
  await expect(resultRow(page, 'LUNA')).toContainText('Orphan', { timeout: 20_000 });
  await expect(resultRow(page, 'LUNA')).toContainText('Kraken holds this asset, but the book has no entry price for it.');

  const guide = page.getByRole('region', { name: 'Guide' });
  const luna = guide.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^LUNA/ }) });
  await luna.getByRole('radio', { name: /Enter the entry price/ }).check();
  const accept = luna.getByRole('button', { name: 'Accept for LUNA' });
  await expect(accept).toBeDisabled();
  // what a trader might type: refused with words that say what to type, and kept to correct
  await luna.getByLabel('Entry price per LUNA').fill('1,20 $');
  await expect(luna.getByRole('alert')).toHaveText('Type only the number, such as 64000.50: no letters, currency signs or exponents.');
  await expect(luna.getByLabel('Entry price per LUNA')).toHaveAttribute('aria-invalid', 'true');
  await expect(accept).toBeDisabled();
  await luna.getByLabel('Entry price per LUNA').fill('0,85');
  await accept.click();
  await expect(accept).toHaveAttribute('aria-pressed', 'true');
  await guide.getByRole('button', { name: 'Apply 1 decision' }).click();

  const audit = page.getByRole('region', { name: 'Audit log' });
  await expect(audit).toContainText('LUNA Enter the entry price: 12.34567891 with no entry price → 12.34567891 at 0.85 USD');
  // Undo asks first, and says how much it reverts; keeping it changes nothing
  await audit.getByRole('button', { name: 'Undo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Undo this apply?' });
  await expect(dialog).toContainText('reverting 1 change (LUNA)');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toBeHidden();
  await expect(audit).not.toContainText(/Undone/);
  await audit.getByRole('button', { name: 'Undo' }).click();
  await dialog.getByRole('button', { name: 'Undo 1 change' }).click();
  await expect(audit).toContainText(/Undone/);
  await expect(audit.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  // the book before the apply is back: LUNA has no entry price again
  await expect(page.getByText('9 positions, 11 ignored dust')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Guide' })).toHaveCount(0);
  // Portfolio's Reconcile opens this screen and starts a run at once
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  await page.getByRole('button', { name: 'Reconcile', exact: true }).click();
  await expect(resultRow(page, 'LUNA')).toContainText('Orphan', { timeout: 20_000 });
  expect(new URL(page.url()).hash).toBe('#/reconcile');
  await releaseServer(page);
});
