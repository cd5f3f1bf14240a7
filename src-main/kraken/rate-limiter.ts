// A client-side copy of Kraken's per-key call counter: each private call adds its cost, the counter decays by tier,
// and a call waits (FIFO, on the injected clock) until it fits, so Kraken's limit is never hit.
import type { Clock } from '../../src-shared/clock';
import { createSerialQueue } from './serial-queue';

export type Tier = 'starter' | 'intermediate' | 'pro';

export interface CounterLimits {
  max: number;
  decayPerSecond: number;
}

export const COUNTER_LIMITS: Readonly<Record<Tier, CounterLimits>> = {
  starter: { max: 15, decayPerSecond: 0.33 },
  intermediate: { max: 20, decayPerSecond: 0.5 },
  pro: { max: 20, decayPerSecond: 1 },
};

const COSTS: Readonly<Record<string, number>> = {
  Ledgers: 2,
  TradesHistory: 2,
  QueryLedgers: 2,
  // Orders go through the matching engine's own per-pair limiter instead.
  AddOrder: 0,
  CancelOrder: 0,
};

export function callCost(method: string): number {
  return COSTS[method] ?? 1;
}

/** Counter units kept free: covers rounding and a counter that decays in steps rather than smoothly. */
export const SAFETY_MARGIN = 1;

export interface RateLimiter {
  /** Waits until a call of this cost fits, then books it; resolves with the milliseconds waited. */
  acquire(cost: number, onWait?: (waitMs: number) => void): Promise<number>;
  /**
   * For background reads: waits, outside the booking queue, until the counter would stay `reserve` units below its
   * ceiling after this call, so calls the operator is waiting for always find room and never queue behind it.
   */
  waitForRoom(cost: number, reserve: number, onWait?: (waitMs: number) => void): Promise<number>;
  /** Kraken said the limit was hit: assume the counter is full. */
  markFull(): void;
  /** The modelled counter now. */
  level(): number;
}

export function createRateLimiter(options: { tier: Tier; clock: Clock; margin?: number }): RateLimiter {
  const { max, decayPerSecond } = COUNTER_LIMITS[options.tier];
  const { clock } = options;
  const ceiling = max - (options.margin ?? SAFETY_MARGIN);
  let counter = 0;
  let updatedAt = clock.now();
  const queue = createSerialQueue();

  const level = (): number => {
    const now = clock.now();
    counter = Math.max(0, counter - ((now - updatedAt) / 1000) * decayPerSecond);
    updatedAt = now;
    return counter;
  };

  /** Sleeps until the modelled counter has decayed to `room`; resolves with the milliseconds waited. */
  const decayTo = async (room: number, onWait?: (waitMs: number) => void): Promise<number> => {
    let waited = 0;
    for (let excess = level() - room; excess > 1e-9; excess = level() - room) {
      const waitMs = Math.ceil((excess / decayPerSecond) * 1000);
      onWait?.(waitMs);
      await clock.sleep(waitMs);
      waited += waitMs;
    }
    return waited;
  };

  const book = async (cost: number, onWait?: (waitMs: number) => void): Promise<number> => {
    // A cost above the ceiling can only run from an empty counter; a free call never waits.
    const waited = cost > 0 ? await decayTo(Math.max(0, ceiling - cost), onWait) : 0;
    counter = level() + cost;
    return waited;
  };

  return {
    acquire: (cost, onWait) => queue.run(() => book(cost, onWait)),
    waitForRoom: (cost, reserve, onWait) => decayTo(Math.max(0, ceiling - cost - reserve), onWait),
    markFull: () => {
      level();
      counter = max;
    },
    level,
  };
}

/** The earliest moment the last of `calls` calls of one cost can start from an empty counter: (calls·cost − max) / decay. */
export function counterLowerBoundMs(calls: number, cost: number, tier: Tier): number {
  const { max, decayPerSecond } = COUNTER_LIMITS[tier];
  return Math.max(0, ((calls * cost - max) / decayPerSecond) * 1000);
}
