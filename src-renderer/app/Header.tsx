import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { AccountSwitcher } from '../features/connect/AccountSwitcher';
import { useAppStore } from './app-store';
import { KrakenStatusPill } from './KrakenStatusPill';
import { LinkPill } from './LinkPill';
import { useNavigation } from './navigation';
import styles from './app.module.css';

export function Header() {
  const info = useAppStore((state) => state.info);
  const go = useNavigation((state) => state.go);
  return (
    <header className={styles.appHeader}>
      <div className={styles.brand}>
        <span className={styles.brandMark} aria-hidden="true">
          OC9
        </span>
        <span className={styles.brandName}>Console</span>
      </div>
      <div className={styles.headerRight}>
        <KrakenStatusPill />
        <LinkPill />
        <AccountSwitcher />
        {info && (
          <Badge
            tone={info.mode === 'demo' ? 'warning' : 'positive'}
            title={info.mode === 'demo' ? 'A simulated Kraken account: nothing here touches real funds.' : 'Connected to Kraken'}
          >
            {info.mode === 'demo' ? 'Demo' : 'Live'}
          </Badge>
        )}
        {info?.mode === 'demo' && (
          <Button variant="primary" size="sm" onClick={() => go('settings', { kind: 'connect' })}>
            Connect your Kraken account
          </Button>
        )}
      </div>
    </header>
  );
}
