import { useEffect, useState } from 'react';
import { PortfolioScreen } from '../features/portfolio/PortfolioScreen';
import { HistoryScreen } from '../features/history/HistoryScreen';
import { ReconcileScreen } from '../features/reconcile/ReconcileScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { ConversionScreen } from '../features/conversion/ConversionScreen';
import { SaleScreen } from '../features/sale/SaleScreen';
import { MainPaneContext } from '../components/main-pane';
import { useAccountsStore } from '../features/connect/accounts-store';
import { forgetOnAccountSwitch } from './account-scope';
import { startAppStore } from './app-store';
import { useStores } from './store-context';
import { Header } from './Header';
import { MirrorNotice } from './MirrorNotice';
import { Sidebar } from './Sidebar';
import { useNavigation, type Screen } from './navigation';
import './app.css';

const SCREEN_VIEWS: Record<Screen, () => React.JSX.Element> = {
  portfolio: PortfolioScreen,
  history: HistoryScreen,
  reconcile: ReconcileScreen,
  settings: SettingsScreen,
  convert: ConversionScreen,
  sell: SaleScreen,
};

export function App() {
  const screen = useNavigation((state) => state.screen);
  // a screen belongs to one account: switching remounts it, so it loads that account's data
  const accountKey = useAccountsStore((state) => state.state?.activeId ?? 'demo');
  const stores = useStores();
  useEffect(() => startAppStore(stores.app, stores.api), [stores]);
  useEffect(() => stores.navigation.getState().follow(), [stores]);
  useEffect(() => forgetOnAccountSwitch(stores), [stores]);
  useEffect(() => stores.api.subscribe('app.navigate', ({ screen: next }) => stores.navigation.getState().go(next)), [stores]);
  // a conversion waiting for Kraken shows on every screen (sidebar, Portfolio, History), so its state is app-wide
  useEffect(() => {
    void stores.conversion.getState().loadActive();
    return stores.api.subscribe('conversion.changed', stores.conversion.getState().setActive);
  }, [stores]);
  const [pane, setPane] = useState<HTMLElement | null>(null);
  // every screen opens at its top, whatever the last one was scrolled to
  useEffect(() => {
    // braces: newer Chromium returns a promise from scrollTo, and an effect may only return its cleanup
    pane?.scrollTo({ top: 0 });
  }, [pane, screen]);
  const View = SCREEN_VIEWS[screen];
  return (
    <div className="app">
      <Header />
      <div className="app-body">
        <Sidebar />
        <main className="app-main" id="main" ref={setPane}>
          <MainPaneContext.Provider value={pane}>
            <MirrorNotice key={`mirror-${accountKey}`} />
            <View key={accountKey} />
          </MainPaneContext.Provider>
        </main>
      </div>
    </div>
  );
}
