import { defineConfig } from '@playwright/test';

// Debian's chromium: Playwright's own browser download cannot reach its CDN from these machines.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // e2e runs inside a throwaway Secret Service; keep Chromium's own passwords out of it
  '--password-store=basic',
];

export default defineConfig({
  testDir: './e2e',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'browser-mode', testIgnore: /electron\//, use: { browserName: 'chromium', viewport: { width: 1360, height: 860 } } },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
  ],
});
