// The renderer's single door to the main side: the typed contract client, with its events, over a transport that
// main.tsx chooses (Electron's preload bridge or browser mode's local server). Nothing here runs at import time.
import { calls, events, type Api, type EventName, type Events } from '../../src-shared/contract';
import { createClient, onEvent, type EventListener, type Transport } from '../../src-shared/rpc';

export type Subscribe = <N extends EventName>(name: N, listener: EventListener<Events, N>) => () => void;

/** Every call of the contract, plus `subscribe` for its events; answers and events are validated. */
export type ApiClient = Api & { subscribe: Subscribe };

export function createApiClient(transport: Transport): ApiClient {
  const subscribe: Subscribe = (name, listener) => onEvent(events, transport, name, listener);
  return { ...createClient(calls, transport), subscribe };
}
