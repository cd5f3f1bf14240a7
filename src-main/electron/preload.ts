// Exposes exactly the contract bridge: one invoke for known call names, one event subscription whose callback
// never sees the IPC event (it would leak `sender`). No raw ipcRenderer, no process.env.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { callNames } from '../../src-shared/contract';
import { CALL_CHANNEL, EVENT_CHANNEL } from './ipc-channels';

const knownCalls = new Set<string>(callNames);

contextBridge.exposeInMainWorld('oc9', {
  invoke: (name: unknown, input: unknown): Promise<unknown> => {
    if (typeof name !== 'string' || !knownCalls.has(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_call', message: `"${String(name)}" is not a call this app knows.`, retryable: false },
      });
    }
    return ipcRenderer.invoke(CALL_CHANNEL, name, input);
  },
  onEvent: (listener: (name: string, payload: unknown) => void): (() => void) => {
    const wrapped = (_event: IpcRendererEvent, name: string, payload: unknown): void => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
});
