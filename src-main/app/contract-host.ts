// The contract served by the main side, whichever transport carries it: dispatch for calls, a bus for events.
import { calls, events, readCalls, type Handlers } from '../../src-shared/contract';
import { createDispatcher, createEmitter, type WireResult } from '../../src-shared/rpc';
import type { Logger } from '../logger';
import { coalesceReads } from './coalesce-reads';

export interface ContractHost {
  /** `signal` aborts when the caller has gone away: its Kraken calls stop, unless another caller shares the read. */
  dispatch(name: string, input: unknown, signal?: AbortSignal): Promise<WireResult>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export type Emit = ReturnType<typeof createEmitter<typeof events>>;

export function createContractHost(handlers: Handlers, logger?: Pick<Logger, 'error'>): ContractHost & { emit: Emit } {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const emit = createEmitter(events, (name, payload) => {
    for (const listener of listeners) listener(name, payload);
  });
  return {
    dispatch: coalesceReads(
      createDispatcher(calls, handlers, (name, error) => logger?.error(`${name} failed inside the app`, { call: name, error })),
      (name) => readCalls.has(name),
    ),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
  };
}
