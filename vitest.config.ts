import { defineConfig } from 'vitest/config';

// Unit and integration tests; the keychain suite runs separately inside a private D-Bus session.
export const unitInclude = [
  'src-shared/**/*.test.ts',
  'src-main/**/*.test.ts',
  'src-renderer/**/*.test.{ts,tsx}',
  'packaging/**/*.test.ts',
  'packages/*/src/**/*.test.ts',
  '.ci/**/*.test.mjs',
];
export const keychainInclude = ['src-main/**/*.keychain.test.ts'];

export default defineConfig({
  // the shipped value of the build-time switch (electron.vite.config.ts)
  define: { __OC9_TEST_BUILD__: 'false' },
  test: {
    include: unitInclude,
    exclude: [...keychainInclude, 'node_modules/**', 'out/**'],
    environment: 'node',
    testTimeout: 20_000,
    server: { deps: { inline: ['electron-store'] } },
  },
});
