import { defineConfig } from 'vitest/config';

// Unit and integration tests; the keychain suite runs separately inside a private D-Bus session.
export const unitInclude = ['src-shared/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}'];
export const keychainInclude = ['src-main/**/*.keychain.test.ts'];

export default defineConfig({
  test: {
    include: unitInclude,
    exclude: [...keychainInclude, 'node_modules/**', 'out/**'],
    environment: 'node',
    testTimeout: 20_000,
    server: { deps: { inline: ['electron-store'] } },
  },
});
