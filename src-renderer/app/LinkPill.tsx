import { useAppStore } from './app-store';

const WORDS = {
  live: { label: 'live', tone: 'positive', title: 'Kraken’s live feed brings every ledger entry, order and price as it happens.' },
  reconnecting: { label: 'reconnecting', tone: 'warning', title: 'The live feed dropped; getting it back. Nothing booked meanwhile is lost: it is read from Kraken once back.' },
  polling: { label: 'polling', tone: 'warning', title: 'No live feed: the app reads Kraken’s REST API on a timer until it can connect again.' },
} as const;

/** How the account is heard right now, in the header: live feed, reconnecting, or REST polling. */
export function LinkPill() {
  const link = useAppStore((state) => state.link);
  if (link === null) return null;
  const words = WORDS[link];
  return (
    <span className={`status-pill status-${words.tone}`} role="status" aria-label={`Account feed: ${words.label}`} title={words.title} data-link={link}>
      <span className="status-dot" aria-hidden="true" />
      {words.label}
    </span>
  );
}
