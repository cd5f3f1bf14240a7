// The main window: security-relevant webPreferences written inline (static checkers read literals). Navigation,
// new windows and webviews are guarded for every web contents in web-contents-guards.ts.
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './ipc-channels';
import type { WindowBounds } from './window-state';

export function createMainWindow(bounds: WindowBounds | null): BrowserWindow {
  const window = new BrowserWindow({
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 820,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 960,
    minHeight: 620,
    show: false,
    title: 'OC9 Console',
    backgroundColor: '#0b0e14',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  if (bounds?.maximized) window.maximize();

  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
