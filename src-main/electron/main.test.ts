// The Electron entry on a faked electron module (no binary here): the sandbox cannot be switched off at run time,
// and every web contents created, not only the main window's, gets the navigation and new-window guards.
import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents } from './fake-web-contents';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, (...args: unknown[]) => unknown>();
  const app = {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: () => true,
    quit: vi.fn(),
    on: (event: string, listener: (...args: unknown[]) => unknown) => listeners.set(event, listener),
    whenReady: () => new Promise(() => undefined),
  };
  const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
  return { app, listeners, protocol, default: {} };
});
vi.mock('electron', () => electron);

describe('the Electron entry', () => {
  it('enables the sandbox even when OC9_E2E=1 is set at run time, and guards every web contents', async () => {
    process.env['OC9_E2E'] = '1';
    process.env['OC9_TEST_BUILD'] = '1';
    try {
      await import('./main');
    } finally {
      delete process.env['OC9_E2E'];
      delete process.env['OC9_TEST_BUILD'];
    }
    expect(electron.app.enableSandbox).toHaveBeenCalledTimes(1);

    const devtools = new FakeWebContents();
    electron.listeners.get('web-contents-created')?.({}, devtools);
    expect(devtools.fire('will-navigate', 'https://attacker.example/')).toBe(true);
    expect(devtools.fire('will-attach-webview')).toBe(true);
    expect(devtools.openHandler?.({ url: 'https://attacker.example/' })).toEqual({ action: 'deny' });
  });
});
