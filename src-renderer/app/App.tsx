import { useEffect } from 'react';
import { PortfolioScreen } from '../features/portfolio/PortfolioScreen';
import { HistoryScreen } from '../features/history/HistoryScreen';
import { ReconcileScreen } from '../features/reconcile/ReconcileScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { ConversionScreen } from '../features/conversion/ConversionScreen';
import { subscribe } from '../api/api';
import { useAccountsStore } from '../features/connect/accounts-store';
import './account-scope';
import { startAppStore } from './app-store';
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
};

export function App() {
  const screen = useNavigation((state) => state.screen);
  // a screen belongs to one account: switching remounts it, so it loads that account's data
  const accountKey = useAccountsStore((state) => state.state?.activeId ?? 'demo');
  useEffect(() => startAppStore(), []);
  useEffect(() => subscribe('app.navigate', ({ screen: next }) => useNavigation.getState().go(next)), []);
  const View = SCREEN_VIEWS[screen];
  return (
    <div className="app">
      <Header />
      <div className="app-body">
        <Sidebar />
        <main className="app-main" id="main">
          <MirrorNotice key={`mirror-${accountKey}`} />
          <View key={accountKey} />
        </main>
      </div>
    </div>
  );
}
