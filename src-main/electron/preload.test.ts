// Fakes the electron module (no binary here): the preload must expose exactly the contract bridge.
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const listeners = new Map<string, (...args: unknown[]) => void>();
  return {
    exposed,
    listeners,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer: {
      invoke: vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true, value: 'answer' })),
      on: (channel: string, fn: (...args: unknown[]) => void) => listeners.set(channel, fn),
      removeListener: (channel: string) => listeners.delete(channel),
    },
  };
});
vi.mock('electron', () => electron);
await import('./preload');

interface Bridge {
  invoke(name: unknown, input: unknown): Promise<unknown>;
  onEvent(listener: (...args: unknown[]) => void): () => void;
}
const bridge = electron.exposed['oc9'] as Bridge;

describe('preload', () => {
  it('exposes one object with exactly invoke and onEvent', () => {
    expect(Object.keys(electron.exposed)).toEqual(['oc9']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
  });

  it('forwards known calls and refuses unknown ones without touching IPC', async () => {
    expect(await bridge.invoke('app.info', {})).toEqual({ ok: true, value: 'answer' });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('oc9:call', 'app.info', {});
    electron.ipcRenderer.invoke.mockClear();
    expect(await bridge.invoke('shell.exec', { cmd: 'rm -rf /' })).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('hands listeners the event name and payload, never the IPC event', () => {
    const seen: unknown[][] = [];
    const stop = bridge.onEvent((...args) => seen.push(args));
    electron.listeners.get('oc9:event')?.({ sender: 'secret internals' }, 'app.navigate', { screen: 'history' });
    stop();
    expect(seen).toEqual([['app.navigate', { screen: 'history' }]]);
    expect(electron.listeners.has('oc9:event')).toBe(false);
  });
});
