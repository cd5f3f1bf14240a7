import { useNow } from './use-now';
import { formatDateTime } from './DateTime';

function describeAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

/** "updated N s ago", ticking once a second so staleness is always visible. */
export function UpdatedAgo({ at }: { at: number | null }) {
  const now = useNow();
  if (at === null) return <span className="faint">not loaded yet</span>;
  return (
    <time className="faint" dateTime={new Date(at).toISOString()} title={formatDateTime(at, { zone: true })}>
      updated {describeAge(now - at)}
    </time>
  );
}
