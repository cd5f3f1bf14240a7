// The Electron entry: lifecycle, hardening and wiring only. Everything it serves runs in plain Node services.
import { app, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createApp, type RunningApp } from '../app/create-app';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createElectronStoreBackend } from './electron-store-backend';
import { bindContract } from './ipc';
import { buildMenu } from './menu';
import { openAllowlisted } from './open-external';
import { hardenDefaultSession } from './session-hardening';
import { guardWebContents } from './web-contents-guards';
import { createMainWindow } from './window';
import { restorableBounds, trackWindowState } from './window-state';

// a test build (OC9_TEST_BUILD=1 at build time, for e2e launchers running as root in containers) may go without
// Chromium's sandbox; a shipped build has the constant false compiled in, so no variable at run time can turn it off
if (!__OC9_TEST_BUILD__) app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let running: RunningApp | null = null;
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, (url) => void openAllowlisted(url, running?.externalOrigins() ?? []));
  });

  void app.whenReady().then(async () => {
    hardenDefaultSession();
    serveRenderer(join(import.meta.dirname, '../renderer'));
    const currentApp = await createApp({
      dataDir: app.getPath('userData'),
      logDir: app.getPath('logs'),
      transport: 'electron',
      version: app.getVersion(),
      storeBackend: createElectronStoreBackend,
      openExternal: openAllowlisted,
    });
    running = currentApp;
    const windowState = currentApp.windowState;
    const window = createMainWindow(restorableBounds(windowState.get()));
    mainWindow = window;
    trackWindowState(window, windowState);
    bindContract(window, currentApp.host);
    buildMenu((screen) => currentApp.host.emit('app.navigate', { screen }));
    window.on('closed', () => {
      mainWindow = null;
    });
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void running?.stop();
  });
}
