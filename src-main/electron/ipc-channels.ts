// The two raw IPC channels under the contract; nothing else crosses between preload and main.
export const CALL_CHANNEL = 'oc9:call';
export const EVENT_CHANNEL = 'oc9:event';
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://oc9';

/** Node's URL reports origin "null" for custom schemes, so compare scheme and host instead. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === 'oc9';
  } catch {
    return false;
  }
}
