// One way to write a moment across the app: the operator's locale, medium date, time to the minute.
export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
