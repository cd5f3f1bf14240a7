import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { AccountSwitcher } from '../features/connect/AccountSwitcher';
import { useAppStore } from './app-store';
import { KrakenStatusPill } from './KrakenStatusPill';
import { LinkPill } from './LinkPill';
import { useNavigation } from './navigation';

export function Header() {
  const info = useAppStore((state) => state.info);
  const go = useNavigation((state) => state.go);
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          OC9
        </span>
        <span className="brand-name">Console</span>
      </div>
      <div className="header-right">
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
