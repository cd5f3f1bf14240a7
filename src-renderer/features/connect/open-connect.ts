// The "Connect your Kraken account" action: Settings, with the connect form open (Settings reads the hash).
export const CONNECT_HASH = '#/settings/connect';

export function openConnect(): void {
  window.location.hash = CONNECT_HASH;
}
