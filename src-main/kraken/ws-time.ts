// v2 writes times as RFC 3339 (2023-09-22T10:23:42.925034Z), REST as seconds (1695378222.925034): both ways, every
// fractional digit kept, so an entry read from the socket and the same entry read from REST are the same text.

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;

/** Kraken's seconds text as an RFC 3339 timestamp. */
export function rfc3339OfKrakenTime(seconds: string): string {
  const [whole = '0', fraction = ''] = seconds.split('.');
  const iso = new Date(Number(whole) * 1000).toISOString().slice(0, 19);
  return `${iso}${fraction === '' ? '' : `.${fraction}`}Z`;
}

/** An RFC 3339 timestamp as Kraken's seconds text (no trailing zeros, as Kraken writes its JSON numbers); null when
 * it is not one. */
export function krakenTimeOfRfc3339(timestamp: string): string | null {
  const match = RFC3339.exec(timestamp);
  if (!match) return null;
  const whole = Date.parse(`${match[1] ?? ''}Z`) / 1000;
  if (!Number.isFinite(whole)) return null;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}
