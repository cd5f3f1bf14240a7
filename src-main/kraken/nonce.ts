// Kraken accepts a private call only if its nonce is above the last one the key used, so nonces are microsecond
// timestamps made strictly increasing, per API key, for every client in this process.

export interface NonceSource {
  /** A new nonce, above every nonce this source has handed out. */
  next(): string;
}

/** max(now in µs, last + 1): time-based so a restart never goes backwards, counter-based within a microsecond. */
function nextAfter(last: bigint, nowMs: number): bigint {
  const fromClock = BigInt(Math.floor(nowMs)) * 1000n;
  return fromClock > last ? fromClock : last + 1n;
}

/** A sequence of its own (for a caller that manages its keys itself). */
export function createNonceSource(nowMs: () => number): NonceSource {
  let last = 0n;
  return {
    next: () => {
      last = nextAfter(last, nowMs());
      return last.toString();
    },
  };
}

const lastByKey = new Map<string, bigint>();

/** All clients of one API key in this process draw from one sequence, so two of them never reuse a nonce. */
export function sharedNonceSource(apiKey: string, nowMs: () => number): NonceSource {
  return {
    next: () => {
      const nonce = nextAfter(lastByKey.get(apiKey) ?? 0n, nowMs());
      lastByKey.set(apiKey, nonce);
      return nonce.toString();
    },
  };
}
