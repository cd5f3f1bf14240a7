import { useAppStore } from '../../app/app-store';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { UpdatedAgo } from '../../components/UpdatedAgo';
import { formatDateTime } from '../../components/DateTime';
import styles from './settings.module.css';

export function AboutSection() {
  const info = useAppStore((state) => state.info);
  const status = useAppStore((state) => state.status);
  const statusError = useAppStore((state) => state.statusError);
  const refreshStatus = useAppStore((state) => state.refreshStatus);
  return (
    <Panel
      title="About"
      labelledBy="about-title"
      actions={
        <Button size="sm" variant="ghost" onClick={() => void refreshStatus()}>
          Refresh status
        </Button>
      }
    >
      <dl className={styles.facts}>
        <dt>Version</dt>
        <dd className="num">{info?.version ?? '…'}</dd>
        <dt>Mode</dt>
        <dd>{info ? (info.mode === 'demo' ? 'Demo (embedded Kraken simulator)' : 'Live') : '…'}</dd>
        <dt>Kraken API</dt>
        <dd className="num">{info?.apiBaseUrl ?? '…'}</dd>
        <dt>Kraken system status</dt>
        <dd data-testid="kraken-status">
          {status ? (
            <>
              <strong>{status.status}</strong>{' '}
              <span className="faint">
                · <UpdatedAgo at={status.fetchedAt} />
              </span>
            </>
          ) : statusError ? (
            'unreachable'
          ) : (
            'checking…'
          )}
        </dd>
        <dt>Kraken server time</dt>
        <dd className="num">{status ? formatDateTime(status.serverTime * 1000, { zone: true }) : '…'}</dd>
      </dl>
      {statusError && <ErrorNotice error={statusError} onRetry={() => void refreshStatus()} />}
    </Panel>
  );
}
