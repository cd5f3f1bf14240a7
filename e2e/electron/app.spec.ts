// Electron specs run wherever the Electron binary exists; here (no binary: it downloads from GitHub) they say so.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const electronDir = join(process.cwd(), 'node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
const hasBinary = binary !== null && existsSync(binary);

test.describe('Electron shell', () => {
  test.skip(!hasBinary, 'Electron binary not installed on this machine (it downloads from GitHub, unreachable here)');

  test('opens a sandboxed, context-isolated window showing the shell', async () => {
    const app = await electron.launch({
      args: ['out/main/index.js', '--no-sandbox'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '', OC9_E2E: '1' },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      // no Node in the page (nodeIntegration off, sandboxed) and a frozen bridge (context isolation)
      const isolation = await page.evaluate(() => {
        const scope = window as unknown as { require?: unknown; process?: unknown; oc9?: object };
        return {
          require: typeof scope.require,
          process: typeof scope.process,
          bridgeKeys: Object.keys(scope.oc9 ?? {}).sort(),
          bridgeFrozen: scope.oc9 !== undefined && Object.isFrozen(scope.oc9),
        };
      });
      expect(isolation).toEqual({ require: 'undefined', process: 'undefined', bridgeKeys: ['invoke', 'onEvent'], bridgeFrozen: true });
    } finally {
      await app.close();
    }
  });
});
