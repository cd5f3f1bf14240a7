// Where an account's WebSocket v2 feeds are: Kraken's own hosts for api.kraken.com, and the simulator's paths on the
// same host for any other REST address (the demo, and a simulator standing in for Kraken in tests).

export const KRAKEN_WS_URLS = { public: 'wss://ws.kraken.com/v2', private: 'wss://ws-auth.kraken.com/v2' } as const;

export function wsUrlsFor(restBaseUrl: string): { public: string; private: string } {
  const url = new URL(restBaseUrl);
  if (url.hostname === 'api.kraken.com') return { ...KRAKEN_WS_URLS };
  const origin = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  return { public: `${origin}/ws/v2`, private: `${origin}/ws-auth/v2` };
}
