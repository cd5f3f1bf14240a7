// Identical reads in flight share one run: 300 clients asking for the portfolio cost Kraken one portfolio. The shared
// run is abandoned only when every caller has gone away.
import type { WireResult } from '../../src-shared/rpc';
import { runWithSignal } from '../call-signal';

export type Dispatch = (name: string, input: unknown, signal?: AbortSignal) => Promise<WireResult>;

interface Shared {
  result: Promise<WireResult>;
  controller: AbortController;
  waiting: number;
}

export function coalesceReads(
  dispatch: (name: string, input: unknown) => Promise<WireResult>,
  isRead: (name: string) => boolean,
): Dispatch {
  const inFlight = new Map<string, Shared>();

  const join = (shared: Shared, signal: AbortSignal | undefined): Promise<WireResult> => {
    shared.waiting += 1;
    signal?.addEventListener(
      'abort',
      () => {
        shared.waiting -= 1;
        if (shared.waiting === 0) shared.controller.abort();
      },
      { once: true },
    );
    return shared.result;
  };

  return (name, input, signal) => {
    if (!isRead(name)) return signal ? runWithSignal(signal, () => dispatch(name, input)) : dispatch(name, input);
    const key = `${name}\u0000${JSON.stringify(input ?? {})}`;
    const existing = inFlight.get(key);
    if (existing && !existing.controller.signal.aborted) return join(existing, signal);
    const controller = new AbortController();
    const result = runWithSignal(controller.signal, () => dispatch(name, input)).finally(() => {
      if (inFlight.get(key)?.result === result) inFlight.delete(key);
    });
    const shared: Shared = { controller, waiting: 0, result };
    inFlight.set(key, shared);
    return join(shared, signal);
  };
}
