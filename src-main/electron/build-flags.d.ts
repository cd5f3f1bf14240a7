// Compile-time constants electron-vite writes into the main bundle (electron.vite.config.ts), never read at run time.
export {};

declare global {
  /** True only in a build made with OC9_TEST_BUILD=1 for the Electron e2e launcher. */
  const __OC9_TEST_BUILD__: boolean;
}
