// Every store of the page, made once in main.tsx from the contract client (and, in a test, from a client of the
// test's own): nothing subscribes, polls or builds a transport before this runs.
import type { ApiClient } from '../api/api';
import { createMainLinkStore, type MainLinkStore } from '../api/main-link';
import { createAccountsStore, type AccountsStore } from '../features/connect/accounts-store';
import { createConversionStore, type ConversionStore } from '../features/conversion/conversion-store';
import { createHistoryStore, type HistoryStore } from '../features/history/history-store';
import { createPortfolioStore, type PortfolioStore } from '../features/portfolio/portfolio-store';
import { createReconcileStore, type ReconcileStore } from '../features/reconcile/reconcile-store';
import { createToleranceStore, type ToleranceStore } from '../features/reconcile/tolerance-store';
import { createSaleStore, type SaleStore } from '../features/sale/sale-store';
import { createSettingsStore, type SettingsStore } from '../features/settings/settings-store';
import { createAppStore, type AppStore } from './app-store';
import { createNavigationStore, type HashLocation, type NavigationStore } from './navigation';

export interface Stores {
  api: ApiClient;
  mainLink: MainLinkStore;
  navigation: NavigationStore;
  app: AppStore;
  accounts: AccountsStore;
  settings: SettingsStore;
  portfolio: PortfolioStore;
  conversion: ConversionStore;
  history: HistoryStore;
  reconcile: ReconcileStore;
  tolerance: ToleranceStore;
  sale: SaleStore;
}

export interface StoreDeps {
  api: ApiClient;
  location: HashLocation;
  /** Opens Kraken's page where the operator completes a conversion. */
  openPage: (url: string) => void;
  mainLink?: MainLinkStore;
}

export function createStores({ api, location, openPage, mainLink = createMainLinkStore() }: StoreDeps): Stores {
  const app = createAppStore(api);
  return {
    api,
    mainLink,
    navigation: createNavigationStore(location),
    app,
    accounts: createAccountsStore(api, app),
    settings: createSettingsStore(api),
    portfolio: createPortfolioStore(api),
    conversion: createConversionStore(api, openPage),
    history: createHistoryStore(api),
    reconcile: createReconcileStore(api),
    tolerance: createToleranceStore(api),
    sale: createSaleStore(api),
  };
}
