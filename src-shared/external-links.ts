// The only pages the app ever opens outside itself: Kraken's own sites over https (checked after URL parsing,
// so "pro.kraken.com.attacker.example" cannot pass), plus the demo simulator's stand-in page when in demo mode.
const ALLOWED_HOSTS = new Set(['pro.kraken.com', 'www.kraken.com', 'support.kraken.com', 'status.kraken.com', 'docs.kraken.com']);

export const KRAKEN_LINKS = {
  balances: 'https://pro.kraken.com/app/portfolio/spot',
  ledger: 'https://pro.kraken.com/app/history/main/ledger',
  apiKeys: 'https://pro.kraken.com/app/settings/api',
  status: 'https://status.kraken.com/',
  smallBalancesHelp: 'https://support.kraken.com/hc/en-us/articles/converting-small-balances',
} as const;

export function isAllowedExternalUrl(raw: string, extraOrigins: readonly string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (extraOrigins.includes(url.origin)) return true;
  return url.protocol === 'https:' && url.port === '' && ALLOWED_HOSTS.has(url.hostname);
}
