// The Electron binary cannot run here, so the electron module is faked: these tests pin what the shell asks of it.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => unknown;
  class FakeWebContents {
    handlers = new Map<string, Handler>();
    openHandler: Handler | null = null;
    on(event: string, handler: Handler): this {
      this.handlers.set(event, handler);
      return this;
    }
    setWindowOpenHandler(handler: Handler): void {
      this.openHandler = handler;
    }
  }
  class FakeBrowserWindow {
    static last: FakeBrowserWindow | null = null;
    webContents = new FakeWebContents();
    loadedUrl = '';
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.last = this;
    }
    maximize(): void {}
    once(): this {
      return this;
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      return Promise.resolve();
    }
  }
  return { app: { isPackaged: true }, BrowserWindow: FakeBrowserWindow };
});
vi.mock('electron', () => electron);

const { createMainWindow } = await import('./window');

function created() {
  const window = electron.BrowserWindow.last;
  if (!window) throw new Error('no window was created');
  return window;
}

describe('createMainWindow', () => {
  beforeEach(() => {
    createMainWindow(null);
  });

  it('creates a sandboxed, context-isolated window without Node', () => {
    expect(created().options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(String((created().options['webPreferences'] as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(created().loadedUrl).toBe('app://oc9/index.html');
  });
});
