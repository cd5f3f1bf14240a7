// Stores that hold one Kraken account's data are emptied the moment the operator switches account, before the
// screens remount, so no screen shows the previous account's numbers while the new ones load.
import { useAccountsStore } from '../features/connect/accounts-store';
import { useConversionStore } from '../features/conversion/conversion-store';
import { useHistoryStore } from '../features/history/history-store';
import { usePortfolioStore } from '../features/portfolio/portfolio-store';
import { useReconcileStore } from '../features/reconcile/reconcile-store';
import { useSaleStore } from '../features/sale/sale-store';

interface ResettableStore<T> {
  getInitialState(): T;
  setState(state: T, replace: true): void;
}

function reset<T>(store: ResettableStore<T>): void {
  store.setState(store.getInitialState(), true);
}

export function forgetAccountData(): void {
  reset(usePortfolioStore);
  reset(useConversionStore);
  reset(useHistoryStore);
  reset(useReconcileStore);
  reset(useSaleStore);
}

useAccountsStore.subscribe((next, previous) => {
  // the first list only says which account the app started on: nothing to forget yet
  if (previous.state !== null && next.state?.activeId !== previous.state.activeId) forgetAccountData();
});
