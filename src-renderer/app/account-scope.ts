// Stores that hold one Kraken account's data are emptied the moment the operator switches account, before the
// screens remount, so no screen shows the previous account's numbers while the new ones load.
import type { Stores } from './stores';

interface ResettableStore<T> {
  getInitialState(): T;
  setState(state: T, replace: true): void;
}

function reset<T>(store: ResettableStore<T>): void {
  store.setState(store.getInitialState(), true);
}

export function forgetAccountData(stores: Stores): void {
  reset(stores.portfolio);
  reset(stores.conversion);
  reset(stores.history);
  reset(stores.reconcile);
  reset(stores.sale);
}

/** Forgets the account's data whenever the active account changes; returns the unsubscribe. */
export function forgetOnAccountSwitch(stores: Stores): () => void {
  return stores.accounts.subscribe((next, previous) => {
    // the first list only says which account the app started on: nothing to forget yet
    if (previous.state !== null && next.state?.activeId !== previous.state.activeId) forgetAccountData(stores);
  });
}
