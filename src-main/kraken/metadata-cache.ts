// Asset and pair metadata change rarely: keep Kraken's Assets and AssetPairs answers for a while (1 h by default,
// on the injected clock), share one request between concurrent callers, and never keep a failure.
import type { Clock } from '../../src-shared/clock';
import type { KrakenClient } from './client';
import type { AssetPairsResult, AssetsResult } from './schemas';

export const DEFAULT_METADATA_TTL_MS = 60 * 60 * 1000;

export interface MetadataCache {
  assets(): Promise<AssetsResult>;
  assetPairs(): Promise<AssetPairsResult>;
  /** Forget both answers (e.g. after switching between demo and live). */
  invalidate(): void;
}

interface Slot<T> {
  value: Promise<T>;
  /** When the answer arrived; undefined while the request runs. */
  fetchedAt?: number;
}

export function createMetadataCache(
  client: Pick<KrakenClient, 'assets' | 'assetPairs'>,
  options: { clock: Clock; ttlMs?: number },
): MetadataCache {
  const ttlMs = options.ttlMs ?? DEFAULT_METADATA_TTL_MS;
  const { clock } = options;

  const cached = <T>(load: () => Promise<T>) => {
    let slot: Slot<T> | undefined;
    return {
      get: (): Promise<T> => {
        const fresh = slot && (slot.fetchedAt === undefined || clock.now() - slot.fetchedAt < ttlMs);
        if (slot && fresh) return slot.value;
        const current: Slot<T> = {
          value: load().then(
            (value) => {
              current.fetchedAt = clock.now();
              return value;
            },
            (error: unknown) => {
              if (slot === current) slot = undefined;
              throw error;
            },
          ),
        };
        slot = current;
        return current.value;
      },
      clear: () => {
        slot = undefined;
      },
    };
  };

  const assets = cached(() => client.assets());
  const pairs = cached(() => client.assetPairs());
  return {
    assets: assets.get,
    assetPairs: pairs.get,
    invalidate: () => {
      assets.clear();
      pairs.clear();
    },
  };
}
