// When a failed read is tried again, and after how long: exponential backoff with jitter, only for failures that
// can pass by themselves, an invalid nonce only once, never sooner than Kraken's own "try again at", and never past
// a time budget, so under a sustained fault the operator hears about it within seconds rather than a minute.
import type { KrakenCallError } from './kraken-errors';

export interface RetryPolicy {
  /** Tries after the first one. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** From the first try: no retry is started that would run past it, and each try's timeout ends by it. */
  budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 4_000, budgetMs: 9_000 };

/** The shortest timeout a try is given, however little budget is left: a try that cannot succeed is not made. */
export const MIN_TRY_MS = 1_000;

/** base·2^attempt, capped, then jittered into its upper half so clients that failed together spread out. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface RetryState {
  /** How many tries have failed so far (1 after the first failure). */
  failures: number;
  nonceRetried: boolean;
  /** When the first try started (the budget's origin). */
  startedAtMs: number;
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
  const delay = Math.max(backoff, askedFor);
  const left = state.startedAtMs + policy.budgetMs - nowMs;
  return delay + MIN_TRY_MS <= left ? delay : undefined;
}
