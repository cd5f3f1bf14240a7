import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetadataCache } from './metadata-cache';
import { recordingFetch, startHarness, testKeys, type Harness } from './test-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.stop());

describe('the asset and pair metadata cache', () => {
  it('asks Kraken once per hour, and once for concurrent callers', async () => {
    const recorder = recordingFetch();
    const cache = createMetadataCache(h.client(testKeys.trader, { fetch: recorder.fetch }), { clock: h.clock });
    const [a, b] = await Promise.all([cache.assets(), cache.assets()]);
    expect(a).toBe(b);
    await cache.assetPairs();
    h.clock.advance(59 * 60 * 1000);
    expect((await cache.assets()).XXBT?.altname).toBe('XBT');
    expect((await cache.assetPairs()).XXBTZUSD?.altname).toBe('XBTUSD');
    expect(recorder.requests.map((r) => r.url.split('/').at(-1))).toEqual(['Assets', 'AssetPairs']);
    h.clock.advance(60 * 1000);
    await cache.assets();
    expect(recorder.requests).toHaveLength(3);
  });

  it('never keeps a failure, and forgets everything on request', async () => {
    const recorder = recordingFetch();
    const cache = createMetadataCache(h.client(testKeys.trader, { fetch: recorder.fetch, maxRetries: 0 }), {
      clock: h.clock,
      ttlMs: 1000,
    });
    await h.admin('faults', { kind: 'html', endpoint: 'AssetPairs' });
    await expect(cache.assetPairs()).rejects.toMatchObject({ code: 'bad_response' });
    expect((await cache.assetPairs()).XXBTZUSD).toBeDefined();
    cache.invalidate();
    await cache.assetPairs();
    expect(recorder.requests).toHaveLength(3);
  });
});
