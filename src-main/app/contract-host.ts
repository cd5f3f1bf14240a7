// The contract served by the main side, whichever transport carries it: dispatch for calls, a bus for events.
import { calls, events, type Handlers } from '../../src-shared/contract';
import { createDispatcher, createEmitter, type WireResult } from '../../src-shared/rpc';
import type { Logger } from '../logger';

export interface ContractHost {
  dispatch(name: string, input: unknown): Promise<WireResult>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export type Emit = ReturnType<typeof createEmitter<typeof events>>;

export function createContractHost(handlers: Handlers, logger?: Pick<Logger, 'error'>): ContractHost & { emit: Emit } {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const emit = createEmitter(events, (name, payload) => {
    for (const listener of listeners) listener(name, payload);
  });
  return {
    dispatch: createDispatcher(calls, handlers, (name, error) => logger?.error(`${name} failed inside the app`, { call: name, error })),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
  };
}
