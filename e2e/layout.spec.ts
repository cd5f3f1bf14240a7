// The app's frame at the three window sizes an operator uses: the window itself never scrolls (only the main pane
// does), the header stays in view however far the wheel goes, no table scrolls inside the page, and each screen opens
// at its top. Every screen is photographed at every size for a person to look at.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app-server';
import { chooseFile, DEMO_BOOK, positionsFile } from './fixtures/positions-file';
import { simulatorNow } from './fixtures/simulator-admin';

const SIZES = [
  [1280, 800],
  [900, 700],
  [600, 800],
] as const;

const SCREENS = ['Portfolio', 'Convert', 'Sell', 'History', 'Reconcile', 'Settings'] as const;
type ScreenName = (typeof SCREENS)[number];

/** The screens reached from the small-balances panel, by its button, and the table each opens with. */
const FROM_PANEL: Partial<Record<ScreenName, { button: string; table: string }>> = {
  Convert: { button: 'Convert small balances', table: 'Balances Kraken will convert' },
  Sell: { button: 'Sell through the API…', table: 'Small balances an order can sell' },
};

async function open(page: Page, screen: ScreenName): Promise<void> {
  const fromPanel = FROM_PANEL[screen];
  if (fromPanel !== undefined) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
    await expect(page.getByRole('button', { name: /(Show|Hide) small balances/ })).toBeVisible({ timeout: 20_000 });
    const show = page.getByRole('button', { name: /Show small balances/ });
    if (await show.isVisible()) await show.click();
    await page.getByRole('button', { name: fromPanel.button }).click();
    await expect(page.getByRole('table', { name: fromPanel.table })).toBeVisible({ timeout: 20_000 });
    return;
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
  await expect(page.getByRole('heading', { name: screen, level: 1 })).toBeVisible();
  if (screen === 'Portfolio') {
    await expect(page.getByRole('button', { name: /(Show|Hide) small balances/ })).toBeVisible({ timeout: 20_000 });
    const show = page.getByRole('button', { name: /Show small balances/ });
    if (await show.isVisible()) await show.click();
  }
  if (screen === 'Reconcile') await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 30_000 });
}

/** The window's own scroll and the pane's, after wheeling far past the end over the pane and over the header. */
async function wheelPastTheEnd(page: Page): Promise<void> {
  const main = page.locator('main#main');
  const box = await main.boundingBox();
  if (!box) throw new Error('no main pane');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 4000);
  await page.mouse.move(20, 20);
  await page.mouse.wheel(0, 4000);
  await page.keyboard.press('End');
}

test('the window never scrolls: only the main pane does, on every screen at every size', async ({ page, app }) => {
  test.setTimeout(240_000);
  await page.goto(app.url);
  // Reconcile with results, so its longest view is the one measured
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reconcile' }).click();
  await chooseFile(page, 'oc9-positions.json', positionsFile(DEMO_BOOK, await simulatorNow(app.simulatorUrl)));
  await expect(page.getByText('9 positions, 11 ignored dust')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Reconcile', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 30_000 });

  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    for (const screen of SCREENS) {
      await open(page, screen);
      await page.screenshot({ path: `test-results/layout-${screen.toLowerCase()}-${width}.png` });
      await wheelPastTheEnd(page);
      const frame = await page.evaluate(() => {
        const main = document.getElementById('main');
        return {
          windowScroll: document.scrollingElement?.scrollTop ?? -1,
          documentTaller: (document.scrollingElement?.scrollHeight ?? 0) - window.innerHeight,
          paneScrolled: main?.scrollTop ?? 0,
          paneTaller: (main?.scrollHeight ?? 0) - (main?.clientHeight ?? 0),
          paneOverflowsSideways: (main?.scrollWidth ?? 0) - (main?.clientWidth ?? 0),
          scrollingTables: [...document.querySelectorAll('main table, main [role="table"]')].filter((table) => {
            for (let node = table.parentElement; node && node.id !== 'main'; node = node.parentElement) {
              const style = getComputedStyle(node);
              if (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight) return true;
            }
            return false;
          }).length,
        };
      });
      const headerTop = (await page.getByRole('banner').boundingBox())?.y ?? -1;
      const where = `${screen} at ${width}×${height}`;
      expect(frame.windowScroll, where).toBe(0);
      expect(frame.documentTaller, where).toBeLessThanOrEqual(0);
      expect(headerTop, where).toBe(0);
      expect(frame.paneOverflowsSideways, where).toBeLessThanOrEqual(0);
      expect(frame.scrollingTables, where).toBe(0);
      await expect(page.getByRole('banner'), where).toBeInViewport();
      // what is taller than the window is reached by scrolling the pane, to its end
      if (frame.paneTaller > 0) expect(frame.paneScrolled, where).toBeGreaterThan(0);
      await page.screenshot({ path: `test-results/layout-${screen.toLowerCase()}-${width}-end.png` });
    }
  }
  await page.context().close();
});

test('each screen opens at its top, whatever the last one was scrolled to', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(app.url);
  await open(page, 'Convert');
  await page.locator('main#main').evaluate((main) => main.scrollTo({ top: main.scrollHeight }));
  expect(await page.locator('main#main').evaluate((main) => main.scrollTop)).toBeGreaterThan(0);
  for (const screen of ['Portfolio', 'Reconcile', 'History'] as const) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
    await expect(page.getByRole('heading', { name: screen, level: 1 })).toBeInViewport();
    expect(await page.locator('main#main').evaluate((main) => main.scrollTop), screen).toBe(0);
    await page.locator('main#main').evaluate((main) => main.scrollTo({ top: main.scrollHeight }));
  }
  await page.context().close();
});
