import { useMainLink } from '../api/main-link';
import { useAppStore } from './app-store';

const STATUS_WORDS: Record<string, string> = {
  online: 'Kraken online',
  maintenance: 'Kraken maintenance',
  cancel_only: 'Kraken cancel-only',
  post_only: 'Kraken post-only',
};

export function KrakenStatusPill() {
  const status = useAppStore((state) => state.status);
  const error = useAppStore((state) => state.statusError);
  const link = useMainLink((state) => state.link);
  const retry = useAppStore((state) => state.retry);
  // without the main side nothing about Kraken is known: say what happened instead
  if (link === 'down') {
    return (
      <span className="status-pill status-negative" role="status" title="Start it again (npm run serve), then reload this page.">
        <span className="status-dot" aria-hidden="true" />
        App server stopped: Kraken status unknown
      </span>
    );
  }
  if (retry) {
    return (
      <span className="status-pill status-warning" role="status" title={retry.reason}>
        <span className="status-dot" aria-hidden="true" />
        Kraken not answering: retrying ({retry.attempt} of {retry.of})
      </span>
    );
  }
  const tone = error ? 'negative' : status?.status === 'online' ? 'positive' : status ? 'warning' : 'neutral';
  const label = error ? 'Kraken unreachable' : status ? (STATUS_WORDS[status.status] ?? status.status) : 'Checking Kraken…';
  return (
    <span className={`status-pill status-${tone}`} role="status" title={error?.message}>
      <span className="status-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
