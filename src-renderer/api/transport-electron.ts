// Electron: the preload exposes exactly the contract bridge as window.oc9, nothing else.
import type { Transport } from '../../src-shared/rpc';

export interface PreloadBridge {
  invoke(name: string, input: unknown): Promise<unknown>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    oc9?: PreloadBridge;
  }
}

export function createElectronTransport(bridge: PreloadBridge): Transport {
  return { invoke: (name, input) => bridge.invoke(name, input), subscribe: (listener) => bridge.onEvent(listener) };
}
