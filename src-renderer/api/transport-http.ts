// Browser mode: calls go to the local server with the per-run token; events arrive over Server-Sent Events.
import type { Transport } from '../../src-shared/rpc';
import type { MainLink } from './main-link';

const SERVER_GONE = {
  code: 'unavailable',
  message: 'OC9 Console’s server stopped answering. Start it again (npm run serve), then reload this page.',
  retryable: true,
} as const;

const TOKEN_KEY = 'oc9.browserToken';

/** The token arrives in the URL the server printed; keep it for reloads, then drop it from the address bar. */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** `reportLink` hears whether the local server answers: the header says so when it stops. */
export function createHttpTransport(reportLink: (link: MainLink) => void): Transport {
  const token = takeToken() ?? '';
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let source: EventSource | null = null;

  function ensureEventSource(): void {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    // the event stream reconnects by itself; while it cannot, the server is gone
    source.onerror = () => reportLink('down');
    source.onopen = () => reportLink('up');
    source.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as { name: string; payload: unknown };
      for (const listener of listeners) listener(event.name, event.payload);
    };
  }

  return {
    async invoke(name, input) {
      let response: Response;
      try {
        response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-oc9-token': token },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        reportLink('down');
        return { ok: false, error: SERVER_GONE };
      }
      reportLink('up');
      if (response.status === 401) {
        return {
          ok: false,
          error: {
            code: 'unauthorized',
            message: 'This page has no valid access token. Open the address that `npm run serve` printed.',
            retryable: false,
          },
        };
      }
      return (await response.json()) as unknown;
    },
    subscribe(listener) {
      listeners.add(listener);
      ensureEventSource();
      return () => listeners.delete(listener);
    },
  };
}
