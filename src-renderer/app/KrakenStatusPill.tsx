import { useMainLink } from '../api/main-link';
import { useAppStore } from './app-store';
import styles from './app.module.css';

const TONE_CLASS: Record<'negative' | 'positive' | 'warning' | 'neutral', string | undefined> = {
  negative: styles.statusNegative,
  positive: styles.statusPositive,
  warning: styles.statusWarning,
  neutral: '',
};

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
      <span
        className={`${styles.statusPill} ${styles.statusNegative}`}
        role="status"
        title="Start it again (npm run serve), then reload this page."
      >
        <span className={styles.statusDot} aria-hidden="true" />
        App server stopped: Kraken status unknown
      </span>
    );
  }
  if (retry) {
    return (
      <span className={`${styles.statusPill} ${styles.statusWarning}`} role="status" title={retry.reason}>
        <span className={styles.statusDot} aria-hidden="true" />
        Kraken not answering: retrying ({retry.attempt} of {retry.of})
      </span>
    );
  }
  const tone = error ? 'negative' : status?.status === 'online' ? 'positive' : status ? 'warning' : 'neutral';
  const label = error ? 'Kraken unreachable' : status ? (STATUS_WORDS[status.status] ?? status.status) : 'Checking Kraken…';
  return (
    <span className={`${styles.statusPill} ${TONE_CLASS[tone]}`} role="status" title={error?.message}>
      <span className={styles.statusDot} aria-hidden="true" />
      {label}
    </span>
  );
}
