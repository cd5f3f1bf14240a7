// The OC9 guide's order, end to end on the demo: convert small balances, get the receipt, press Reconcile, import
// OC9's book. The book says when it was true (version 2's asOf, or the operator's answer for a version 1 file), so the
// conversion made after that moment is explained by its ledger group and linked to its receipt: nothing is missing.
// Also the pre-flight checks that lead there, an orphan's options, and a credit in another currency than planned.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { appFixture, expect, test as base, type RunningApp } from './fixtures/app-server';
import { admin, simulatorNow } from './fixtures/simulator-admin';
import { chooseFile, DEMO_BOOK, positionsFile } from './fixtures/positions-file';

const test = base.extend<{ app: RunningApp }>({ app: appFixture({ args: ['--watch-seconds', '5'] }) });

const resultRow = (page: Page, code: string) => page.locator(`tr[data-status][data-asset="${code}"]`);

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

async function openReview(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Show small balances/ }).click();
  await page.getByRole('button', { name: 'Convert small balances' }).click();
  await expect(page.getByRole('table', { name: 'Balances Kraken will convert' })).toBeVisible();
}

function slider(page: Page): Locator {
  return page.getByRole('slider', { name: /Swipe to convert/ });
}

/** Arrows the swipe to its end, finishes on the Pro stand-in into `target`, and returns the conversion's refid. */
async function convertOnKraken(page: Page, context: BrowserContext, target: string): Promise<string> {
  await page.getByLabel(/I understand what Kraken does with these open orders/).check();
  await expect(slider(page)).toHaveAttribute('aria-disabled', 'false');
  const krakenPage = context.waitForEvent('page');
  await slider(page).focus();
  for (let step = 0; step < 10; step++) await page.keyboard.press('ArrowRight');
  const pro = await krakenPage;
  await pro.waitForLoadState();
  await pro.getByRole('button', { name: 'Convert small balances' }).click();
  await pro.getByLabel('Convert to').selectOption(target);
  await pro.getByRole('button', { name: 'Convert', exact: true }).click();
  await expect(pro.getByRole('status')).toContainText('Converted. Reference');
  const refid = (await pro.getByRole('status').getAttribute('data-refid')) ?? '';
  await pro.close();
  return refid;
}

/** The asset codes of the receipt's lines. */
async function receiptAssets(page: Page): Promise<string[]> {
  const lines = page.getByTestId('receipt').getByRole('table', { name: 'Converted small balances' }).locator('tbody tr');
  return lines.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-asset') ?? ''));
}

const BOOK_CODES: Record<string, string> = { XXDG: 'DOGE', XLTC: 'LTC', XXLM: 'XLM', XXRP: 'XRP', XXBT: 'BTC', XETH: 'ETH', XETC: 'ETC' };
const bookCodes = new Set([...DEMO_BOOK.positions, ...DEMO_BOOK.ignoredDust].map((entry) => BOOK_CODES[entry.asset] ?? entry.asset));

/** Every swept asset of the book is explained by the conversion (and links to its receipt when asked); nothing is missing. */
async function expectSweepExplained(page: Page, refid: string, swept: readonly string[], linksReceipt?: boolean): Promise<void> {
  const inBook = swept.filter((code) => bookCodes.has(code));
  expect(inBook.length).toBeGreaterThan(5);
  for (const code of inBook) {
    const row = resultRow(page, code);
    await expect(row, code).toContainText('Changed, explained');
    await expect(row, code).toContainText(`Swept by the conversion of`);
    await expect(row, code).toContainText(refid);
    if (linksReceipt !== undefined) await expect(row.getByRole('button', { name: 'View receipt' }), code).toHaveCount(linksReceipt ? 1 : 0);
  }
  await expect(page.getByRole('list', { name: 'Statuses' })).not.toContainText('Missing');
  await expect(page.locator('tr[data-status="missing"]')).toHaveCount(0);
}

test('the guide’s order: convert, receipt, Reconcile now, import a book written before the sweep: all explained', async ({
  page,
  app,
  context,
}) => {
  test.setTimeout(90_000);
  // OC9 wrote its book, then the operator opened the console to clean up
  const written = await simulatorNow(app.simulatorUrl);
  await admin(app.simulatorUrl, 'clock', { advanceMs: 60_000 });

  await page.goto(app.url);
  await openReview(page);
  const positions = page.locator('[data-check="oc9-positions"]');
  await expect(positions).toHaveAttribute('data-status', 'warn');
  await expect(positions).toContainText('Load OC9’s book first so Reconcile can explain this conversion.');
  await expect(positions.getByRole('button', { name: 'Load OC9’s book' })).toBeVisible();
  await expect(page.locator('[data-check="cooldown"]')).toContainText('No conversion of small balances in the last 24 hours.');
  await page.getByRole('region', { name: 'Before you convert' }).screenshot({ path: 'test-results/preflight-no-book.png' });

  const refid = await convertOnKraken(page, context, 'ZUSD');
  await expect(page.getByTestId('receipt')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('receipt')).toContainText(refid);
  const swept = await receiptAssets(page);

  await page.getByRole('button', { name: 'Reconcile now' }).click();
  await expect(page.getByRole('heading', { name: 'Reconcile', level: 1 })).toBeVisible();
  await expect(page.getByText('No book chosen yet.')).toBeVisible();
  await chooseFile(page, 'oc9-positions.json', positionsFile(DEMO_BOOK, written));
  const book = page.getByRole('region', { name: 'OC9’s book' });
  // the receipt's reads used Kraken's call counter: the checkpoint may wait for it
  await expect(book).toContainText('True as of', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Reconcile', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 30_000 });
  await expectSweepExplained(page, refid, swept, true);
  await page.setViewportSize({ width: 1360, height: 2400 });
  await page.getByRole('region', { name: 'Results' }).screenshot({ path: 'test-results/reconcile-explains-sweep.png' });

  // the guide closes what was swept whole and reduces what kept a part (DOT keeps its earn balance)
  const guide = page.getByRole('region', { name: 'Guide' });
  const dot = guide.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^DOT/ }) });
  await expect(dot.getByRole('radio', { name: /Reduce the record to Kraken’s quantity/ })).toBeChecked();
  const ada = guide.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^ADA/ }) });
  await expect(ada.getByRole('radio', { name: /Close the record/ })).toBeChecked();

  await resultRow(page, 'ADA').getByRole('button', { name: 'View receipt' }).click();
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  const entry = page.locator(`[data-refid="${refid}"]`);
  await expect(entry.getByTestId('receipt')).toBeVisible();
  await expect(entry.getByRole('button', { name: 'Hide transaction' })).toBeVisible();
  await page.context().close();
});

test('a version 1 file imported after the sweep: the operator is asked for its moment, and the sweep is explained', async ({
  page,
  app,
}) => {
  test.setTimeout(60_000);
  const written = await simulatorNow(app.simulatorUrl);
  await admin(app.simulatorUrl, 'clock', { advanceMs: 60_000 });
  const sweep = await admin<{ refid: string; legs: { asset: string }[] }>(app.simulatorUrl, 'convert-small-balances', { target: 'ZUSD' });

  await page.goto(app.url);
  await nav(page, 'Reconcile');
  await chooseFile(page, 'oc9-positions.json', JSON.stringify({ version: 1, ...DEMO_BOOK }));
  const prompt = page.getByRole('form', { name: 'When did OC9 write oc9-positions.json?' });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('Reconcile compares the book with Kraken as it was when OC9 wrote the file');
  await expect(page.getByText('No book chosen yet.')).toBeVisible();
  // the moment, as the browser's date-time field takes it: local time
  const local = await page.evaluate((ms) => {
    const d = new Date(ms);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
  }, written);
  await prompt.getByLabel(/Written at/).fill(local);
  await page.getByRole('region', { name: 'OC9’s book' }).screenshot({ path: 'test-results/reconcile-ask-moment.png' });
  await prompt.getByRole('button', { name: 'Import as of this moment' }).click();
  await expect(prompt).toBeHidden();
  await expect(page.getByText('9 positions, 11 ignored dust')).toBeVisible();

  await page.getByRole('button', { name: 'Reconcile', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 30_000 });
  const codes = sweep.legs.map((leg) => BOOK_CODES[leg.asset] ?? leg.asset);
  // made on Kraken directly: its receipt links once History's background search of the ledger has found it
  await expectSweepExplained(page, sweep.refid, codes);
  await page.context().close();
});

test('the review asks for OC9’s book and comes back; then the positions the sweep takes block until acknowledged', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await openReview(page);
  await page.locator('[data-check="oc9-positions"]').getByRole('button', { name: 'Load OC9’s book' }).click();
  await expect(page.getByRole('heading', { name: 'Reconcile', level: 1 })).toBeVisible();
  await expect(page.getByText('Load OC9’s book, then go back to the conversion.')).toBeVisible();
  await chooseFile(page, 'oc9-positions.json', positionsFile(DEMO_BOOK, await simulatorNow(app.simulatorUrl)));
  await expect(page.getByText('OC9’s book is loaded.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to the conversion review' }).click();

  await expect(page.getByRole('heading', { name: 'Convert small balances', level: 1 })).toBeVisible();
  const positions = page.locator('[data-check="oc9-positions"]');
  await expect(positions).toHaveAttribute('data-status', 'block');
  await expect(positions).toContainText('DOT: OC9’s book holds 66.96856 DOT');
  await page.getByLabel(/I understand what Kraken does with these open orders/).check();
  await expect(slider(page)).toHaveAttribute('aria-disabled', 'true');
  await page.getByLabel(/I understand Kraken will sweep these OC9 positions/).check();
  await expect(positions).toHaveAttribute('data-status', 'warn');
  await expect(slider(page)).toHaveAttribute('aria-disabled', 'false');
  await page.getByRole('region', { name: 'Before you convert' }).screenshot({ path: 'test-results/preflight-with-book.png' });
  await page.context().close();
});

test('an orphan gets every option: market price with its pair and time, trade history in the background, ignore with confirmation', async ({
  page,
  app,
}) => {
  test.setTimeout(60_000);
  // OC9's file lost SOL altogether and LUNA's entry price: two quantities with no entry price
  const orphans = {
    ...DEMO_BOOK,
    positions: DEMO_BOOK.positions.filter((p) => p.asset !== 'SOL').map((p) => (p.asset === 'LUNA' ? { ...p, entryPrice: null } : p)),
  };
  await page.goto(app.url);
  await nav(page, 'Reconcile');
  await chooseFile(page, 'oc9-positions.json', positionsFile(orphans, await simulatorNow(app.simulatorUrl)));
  await page.getByRole('button', { name: 'Reconcile', exact: true }).click();
  await expect(resultRow(page, 'SOL')).toContainText('Orphan', { timeout: 30_000 });

  const guide = page.getByRole('region', { name: 'Guide' });
  const sol = guide.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^SOL/ }) });
  const market = sol.locator('label').filter({ hasText: 'Adopt the current market price' });
  await expect(market).toContainText(/Bid [\d,.]+ USD on SOL\/USD, /);
  await expect(sol.getByRole('radio', { name: /Enter the entry price/ })).toBeVisible();

  // ignoring a balance worth more than dust needs the operator's word
  await sol.getByRole('radio', { name: /Mark as dust and ignore/ }).check();
  const accept = sol.getByRole('button', { name: 'Accept for SOL' });
  await expect(accept).toBeDisabled();
  await sol.getByLabel(/OC9 will leave [\d.]+ SOL alone, although it is worth more than the small-balance limit/).check();
  await expect(accept).toBeEnabled();
  await sol.getByRole('radio', { name: /Adopt the current market price/ }).check();
  await accept.click();

  // trade history is read in the background: its progress shows on the card, and the guide stays usable
  await sol.getByRole('button', { name: 'Look up in trade history' }).click();
  await expect(sol.getByText(/Reading trade history: page \d+/)).toBeVisible();
  const luna = guide.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^LUNA/ }) });
  await luna.getByRole('radio', { name: /Enter the entry price/ }).check();
  await luna.getByLabel('Entry price per LUNA').fill('0.85');
  await luna.getByRole('button', { name: 'Accept for LUNA' }).click();
  await expect(luna.getByRole('button', { name: 'Accept for LUNA' })).toHaveAttribute('aria-pressed', 'true');
  await guide.screenshot({ path: 'test-results/reconcile-guide-orphan.png' });
  await page.context().close();
});

test('a receipt leads with the other currency when Kraken credited one the plan did not choose', async ({ page, app, context }) => {
  test.setTimeout(60_000);
  await page.goto(app.url);
  await openReview(page);
  await expect(page.getByLabel('Destination currency')).toHaveValue('ZUSD');
  await convertOnKraken(page, context, 'ZEUR');
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toBeVisible({ timeout: 20_000 });
  await expect(receipt.getByRole('alert')).toContainText('Kraken credited EUR, not USD as planned');
  const lines = receipt.getByRole('table', { name: 'Converted small balances' }).locator('tbody tr');
  await expect(lines.getByText('As planned', { exact: true })).toHaveCount(0);
  await expect(lines.first()).toContainText('converted into EUR, not USD as planned');
  await page.getByRole('main').screenshot({ path: 'test-results/receipt-other-currency.png' });
  await page.context().close();
});
