// Fakes the electron module (no binary here): checks the contract binding trusts only the app's own main frame.
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { bindContract } from './ipc';
import { CALL_CHANNEL, EVENT_CHANNEL } from './ipc-channels';

vi.mock('electron', () => ({}));

type CallHandler = (event: { senderFrame: { url: string } | null }, name: unknown, input: unknown) => unknown;

function fakeWindow() {
  let handler: CallHandler | null = null;
  const sent: unknown[][] = [];
  const closers: (() => void)[] = [];
  const window = {
    webContents: {
      mainFrame: { ipc: { handle: (channel: string, fn: CallHandler) => channel === CALL_CHANNEL && (handler = fn) } },
      send: (...args: unknown[]) => sent.push(args),
    },
    isDestroyed: () => false,
    on: (event: string, fn: () => void) => event === 'closed' && closers.push(fn),
  };
  return {
    window: window as unknown as BrowserWindow,
    call: (...args: Parameters<CallHandler>) => handler?.(...args),
    sent,
    close: () => closers.forEach((fn) => fn()),
  };
}

describe('bindContract', () => {
  const dispatched: unknown[][] = [];
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const host = {
    dispatch: (name: string, input: unknown) => {
      dispatched.push([name, input]);
      return Promise.resolve({ ok: true as const, value: 'done' });
    },
    subscribe: (listener: (name: string, payload: unknown) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  it("dispatches calls from the app's own frame", async () => {
    const { window, call } = fakeWindow();
    bindContract(window, host);
    expect(await call({ senderFrame: { url: 'app://oc9/index.html' } }, 'app.info', {})).toEqual({ ok: true, value: 'done' });
    expect(dispatched).toContainEqual(['app.info', {}]);
  });

  it('refuses calls from any other origin or a vanished frame', async () => {
    const { window, call } = fakeWindow();
    bindContract(window, host);
    dispatched.length = 0;
    for (const frame of [{ url: 'https://attacker.example/' }, { url: 'file:///index.html' }, null]) {
      expect(await call({ senderFrame: frame }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(dispatched).toEqual([]);
  });

  it('forwards events to the window until it closes', () => {
    const { window, sent, close } = fakeWindow();
    bindContract(window, host);
    listeners.forEach((listener) => listener('app.navigate', { screen: 'history' }));
    close();
    listeners.forEach((listener) => listener('app.navigate', { screen: 'settings' }));
    expect(sent).toEqual([[EVENT_CHANNEL, 'app.navigate', { screen: 'history' }]]);
  });
});
