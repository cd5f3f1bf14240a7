// When a failed read is tried again, and after how long: exponential backoff with jitter, only for failures that
// can pass by themselves, an invalid nonce only once, and never sooner than Kraken's own "try again at".
import type { KrakenCallError } from './errors';

export interface RetryPolicy {
  /** Tries after the first one. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 15_000 };

/** base·2^attempt, capped, then jittered into its upper half so clients that failed together spread out. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface RetryState {
  /** How many tries have failed so far (1 after the first failure). */
  failures: number;
  nonceRetried: boolean;
}

/** Milliseconds to wait before trying the same read again, or undefined to give up with this error. */
export function readRetryDelay(
  error: KrakenCallError,
  state: RetryState,
  policy: RetryPolicy,
  nowMs: number,
  random: () => number,
): number | undefined {
  if (state.failures > policy.maxRetries || !error.details.transient) return undefined;
  if (error.code === 'invalid_nonce' && state.nonceRetried) return undefined;
  const backoff = backoffMs(state.failures - 1, policy, random);
  const askedFor = error.details.retryAtMs === undefined ? 0 : error.details.retryAtMs - nowMs;
  return Math.max(backoff, askedFor);
}
