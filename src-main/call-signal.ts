// The abort signal of the contract call being served, carried through every await into the services and the Kraken
// client without a parameter on each function; work that outlives its call (a watch, a search) runs detached.
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<AbortSignal>();

export function runWithSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return storage.run(signal, work);
}

/** The signal of the call this code runs for; undefined outside a call and in detached work. */
export function currentSignal(): AbortSignal | undefined {
  return storage.getStore();
}

/** Starts work that must go on after the call that started it is answered or abandoned. */
export function detached<T>(work: () => T): T {
  return storage.exit(work);
}
