// A client-side copy of Kraken's per-key call counter: each private call adds its cost, the counter decays by tier,
// and a call waits (FIFO, on the injected clock) until it fits, so Kraken's limit is never hit. With a counter store
// the estimate is shared (every client and process of the key reads and writes it) and survives a restart.
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
/** At most this many more units are kept free after Kraken refused calls (another tool shares the key). */
export const MAX_LEARNED_MARGIN = 5;

/** The counter as last estimated, by any client of the key. */
export interface SavedCounter {
  level: number;
  /** When (ms, the clock's) the level was that. */
  at: number;
  /** Units background reads keep free beyond their reserve, learned from Kraken's refusals. */
  learnedMargin: number;
}

export interface CounterStore {
  load(): SavedCounter | null;
  save(counter: SavedCounter): void;
}

export interface RateLimiter {
  /** Waits until a call of this cost fits, then books it; resolves with the milliseconds waited. */
  acquire(cost: number, onWait?: (waitMs: number) => void): Promise<number>;
  /**
   * For background reads: waits, outside the booking queue, until the counter would stay `reserve` units below its
   * ceiling after this call, so calls the operator is waiting for always find room and never queue behind it. Stops
   * waiting as soon as `stillBackground` says the read became one the operator waits for.
   */
  waitForRoom(cost: number, reserve: number, onWait?: (waitMs: number) => void, stillBackground?: () => boolean): Promise<number>;
  /** Kraken said the limit was hit: assume the counter is full. */
  markFull(): void;
  /** The modelled counter now. */
  level(): number;
  /** Units background reads keep free for other users of the key, learned from Kraken's refusals. */
  learnedMargin(): number;
}

export function createRateLimiter(options: { tier: Tier; clock: Clock; margin?: number; store?: CounterStore }): RateLimiter {
  const { max, decayPerSecond } = COUNTER_LIMITS[options.tier];
  const { clock, store } = options;
  const decayed = (level: number, since: number): number => Math.max(0, level - ((clock.now() - since) / 1000) * decayPerSecond);
  const saved = store?.load() ?? null;
  // a key whose counter nobody recorded may have been used a moment ago (a restart mid-sync, another tool): start
  // from half full rather than empty
  let counter = store === undefined ? 0 : saved === null ? max / 2 : decayed(saved.level, saved.at);
  let learned = saved?.learnedMargin ?? 0;
  let updatedAt = clock.now();
  const ceiling = (): number => max - (options.margin ?? SAFETY_MARGIN);
  const queue = createSerialQueue();

  const level = (): number => {
    counter = decayed(counter, updatedAt);
    updatedAt = clock.now();
    return counter;
  };
  /** Takes in what other clients of the key booked since, and keeps this estimate for them. */
  const share = (write: boolean): void => {
    if (store === undefined) return;
    const other = write ? null : store.load();
    if (other !== null) {
      counter = Math.max(level(), decayed(other.level, other.at));
      learned = Math.max(learned, other.learnedMargin);
    }
    if (write) store.save({ level: level(), at: clock.now(), learnedMargin: learned });
  };

  /** Sleeps until the modelled counter has decayed to `room` (or `goOn` says stop); resolves with the ms waited. */
  const decayTo = async (room: number, onWait?: (waitMs: number) => void, goOn?: () => boolean): Promise<number> => {
    let waited = 0;
    for (let excess = level() - room; excess > 1e-9 && (goOn?.() ?? true); excess = level() - room) {
      // with someone to ask, a long wait is taken a second at a time
      const waitMs = Math.ceil((excess / decayPerSecond) * 1000);
      const step = goOn === undefined ? waitMs : Math.min(waitMs, 1000);
      onWait?.(step);
      await clock.sleep(step);
      waited += step;
    }
    return waited;
  };

  const book = async (cost: number, onWait?: (waitMs: number) => void): Promise<number> => {
    // a free call never waits; a cost above the ceiling can only run from an empty counter
    if (cost === 0) return 0;
    let waited = 0;
    // another client of the key may book while this one waits: look again after each wait
    for (share(false); level() > Math.max(0, ceiling() - cost) + 1e-9; share(false)) {
      waited += await decayTo(Math.max(0, ceiling() - cost), onWait);
    }
    counter = level() + cost;
    share(true);
    return waited;
  };

  return {
    acquire: (cost, onWait) => queue.run(() => book(cost, onWait)),
    waitForRoom: (cost, reserve, onWait, stillBackground) => {
      share(false);
      // what Kraken's refusals taught is kept free by reads nobody waits for, so the operator's never wait longer
      return decayTo(Math.max(0, ceiling() - cost - reserve - learned), onWait, stillBackground);
    },
    markFull: () => {
      // Kraken's counter is full, and it held more than this model knew: background reads keep one unit more free
      level();
      counter = max;
      learned = Math.min(MAX_LEARNED_MARGIN, learned + 1);
      share(true);
    },
    level,
    learnedMargin: () => learned,
  };
}

/** The earliest moment the last of `calls` calls of one cost can start from an empty counter: (calls·cost − max) / decay. */
export function counterLowerBoundMs(calls: number, cost: number, tier: Tier): number {
  const { max, decayPerSecond } = COUNTER_LIMITS[tier];
  return Math.max(0, ((calls * cost - max) / decayPerSecond) * 1000);
}
