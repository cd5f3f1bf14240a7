// One way to write a moment across the app: the operator's locale, medium date, time to the minute, and the time zone
// where it matters (when Kraken booked something, when a book was true).
const FORMAT: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const WITH_ZONE: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};

export function formatDateTime(ms: number, options: { zone?: boolean } = {}): string {
  return new Date(ms).toLocaleString(undefined, options.zone === true ? WITH_ZONE : FORMAT);
}

/** A moment as a `<time>` element: machine-readable, written the app's one way. */
export function DateTime({ ms, zone = false }: { ms: number; zone?: boolean }) {
  return <time dateTime={new Date(ms).toISOString()}>{formatDateTime(ms, { zone })}</time>;
}
