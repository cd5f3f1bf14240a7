// Electron specs run wherever the Electron binary exists; here (no binary: it downloads from GitHub) they say so.
import { execFileSync } from 'node:child_process';
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
    // launchers run as root in containers, where Chromium's sandbox cannot start: only a test build may skip it
    execFileSync('npx', ['electron-vite', 'build'], {
      env: { ...process.env, OC9_TEST_BUILD: '1', OC9_OUT_DIR: 'out-electron-test' },
      stdio: 'inherit',
    });
    const app = await electron.launch({
      args: ['out-electron-test/main/index.js', '--no-sandbox'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '' },
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
