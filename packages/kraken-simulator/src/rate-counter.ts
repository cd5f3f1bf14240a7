// Kraken's per-key REST call counter (decays continuously by tier) and the per-pair matching-engine counter that
// AddOrder and CancelOrder hit instead.
import type { Clock } from '../../../src-shared/clock';
import type { Tier } from './scenario';

export const REST_LIMITS: Record<Tier, { max: number; decayPerSecond: number }> = {
  starter: { max: 15, decayPerSecond: 0.33 },
  intermediate: { max: 20, decayPerSecond: 0.5 },
  pro: { max: 20, decayPerSecond: 1 },
};

export const ENGINE_LIMITS: Record<Tier, { max: number; decayPerSecond: number; openOrdersPerPair: number }> = {
  starter: { max: 60, decayPerSecond: 1, openOrdersPerPair: 60 },
  intermediate: { max: 125, decayPerSecond: 2.34, openOrdersPerPair: 80 },
  pro: { max: 180, decayPerSecond: 3.75, openOrdersPerPair: 225 },
};

/** Cancel penalty by the order's age in seconds (Kraken's "Spot Trading Limits" table). */
const CANCEL_PENALTIES: [maxAgeSeconds: number, points: number][] = [
  [5, 8],
  [10, 6],
  [15, 5],
  [45, 4],
  [90, 2],
  [300, 1],
];

export function cancelPenalty(ageSeconds: number): number {
  return CANCEL_PENALTIES.find(([maxAge]) => ageSeconds < maxAge)?.[1] ?? 0;
}

export class DecayingCounter {
  private level = 0;
  private updatedAt: number;

  constructor(
    private readonly max: number,
    private readonly decayPerSecond: number,
    private readonly clock: Clock,
  ) {
    this.updatedAt = clock.now();
  }

  value(): number {
    const now = this.clock.now();
    this.level = Math.max(0, this.level - ((now - this.updatedAt) / 1000) * this.decayPerSecond);
    this.updatedAt = now;
    return this.level;
  }

  /** Adds the cost if it fits under the maximum; a refused call adds nothing. */
  tryAdd(cost: number): boolean {
    const level = this.value();
    if (cost > 0 && level + cost > this.max + 1e-9) return false;
    this.level = level + cost;
    return true;
  }

  /** Adds unconditionally (cancel penalties land even when they push past the maximum). */
  add(points: number): void {
    this.level = this.value() + points;
  }
}

/** One counter per key (REST) or per key and pair (engine), created on first use. */
export class CounterSet {
  private readonly counters = new Map<string, DecayingCounter>();

  constructor(private readonly clock: Clock) {}

  get(id: string, limits: { max: number; decayPerSecond: number }): DecayingCounter {
    let counter = this.counters.get(id);
    if (!counter) {
      counter = new DecayingCounter(limits.max, limits.decayPerSecond, this.clock);
      this.counters.set(id, counter);
    }
    return counter;
  }
}
