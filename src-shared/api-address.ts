// Where Kraken calls may go: https anywhere, plain http only to this machine (the simulator), never a URL that
// carries a user name or password, and never a path, so a key is only ever sent to an address the operator meant.
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** What is wrong with an API address, in words for the connect form; null when it is fine. */
export function apiAddressProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'The API address must look like https://api.kraken.com.';
  }
  if (url.username !== '' || url.password !== '') {
    return 'The API address must not hold a user name or password: give only https:// and the host, such as https://api.kraken.com.';
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOST.test(url.hostname)) {
    return 'The API address must start with https:// (plain http:// is allowed only for a simulator on this computer).';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The API address must start with https://.';
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]$/.test(text)) {
    return 'The API address must be only the host, with no path, such as https://api.kraken.com.';
  }
  return null;
}
