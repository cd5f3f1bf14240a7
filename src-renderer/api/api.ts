// The renderer's single door to the main side: the typed contract client over whichever transport is present.
import { calls, events, type Api, type Events } from '../../src-shared/contract';
import { createClient, onEvent, type EventListener, type Transport } from '../../src-shared/rpc';
import { createElectronTransport } from './transport-electron';
import { createHttpTransport } from './transport-http';

const transport: Transport = window.oc9 ? createElectronTransport(window.oc9) : createHttpTransport();

export const api: Api = createClient(calls, transport);

export function subscribe<N extends Extract<keyof Events, string>>(name: N, listener: EventListener<Events, N>): () => void {
  return onEvent(events, transport, name, listener);
}
