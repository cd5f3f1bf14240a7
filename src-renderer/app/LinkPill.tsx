import type { LinkState } from '../../src-shared/contract/link';
import { useAppStore } from './app-store';
import styles from './app.module.css';

const WORDS: Record<LinkState, { label: string; tone: string | undefined; title: string }> = {
  live: {
    label: 'live',
    tone: styles.statusPositive,
    title: 'Kraken’s live feed brings every ledger entry, order and price as it happens.',
  },
  reconnecting: {
    label: 'reconnecting',
    tone: styles.statusWarning,
    title: 'The live feed dropped; getting it back. Nothing booked meanwhile is lost: it is read from Kraken once back.',
  },
  polling: {
    label: 'polling',
    tone: styles.statusWarning,
    title: 'No live feed: the app reads Kraken’s REST API on a timer until it can connect again.',
  },
};

/** How the account is heard right now, in the header: live feed, reconnecting, or REST polling. */
export function LinkPill() {
  const link = useAppStore((state) => state.link);
  if (link === null) return null;
  const words = WORDS[link];
  return (
    <span
      className={`${styles.statusPill} ${words.tone ?? ''}`}
      role="status"
      aria-label={`Account feed: ${words.label}`}
      title={words.title}
      data-link={link}
    >
      <span className={styles.statusDot} aria-hidden="true" />
      {words.label}
    </span>
  );
}
