import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src-shared/clock';
import { DecayingCounter, REST_LIMITS } from '@oc9/kraken-simulator/test-support';
import {
  callCost,
  COUNTER_LIMITS,
  counterLowerBoundMs,
  createRateLimiter,
  SAFETY_MARGIN,
  type CounterStore,
  type SavedCounter,
  type Tier,
} from './rate-limiter';

describe('call costs', () => {
  it('follow Kraken: ledger and trade history 2, orders 0, the rest 1', () => {
    expect([callCost('Ledgers'), callCost('TradesHistory'), callCost('QueryLedgers')]).toEqual([2, 2, 2]);
    expect([callCost('AddOrder'), callCost('CancelOrder')]).toEqual([0, 0]);
    expect([callCost('Balance'), callCost('OpenOrders'), callCost('GetApiKeyInfo')]).toEqual([1, 1, 1]);
  });

  it('match the simulator’s tier table', () => {
    expect(COUNTER_LIMITS).toEqual(REST_LIMITS);
  });
});

describe('the call-counter model', () => {
  it('lets a burst fill the counter up to the margin, then spaces calls by cost / decay', async () => {
    const clock = createVirtualClock(0);
    const limiter = createRateLimiter({ tier: 'starter', clock });
    const waits: number[] = [];
    for (let i = 0; i < 7; i += 1) expect(await limiter.acquire(2)).toBe(0);
    expect(limiter.level()).toBe(14);
    expect(await limiter.acquire(2, (ms) => waits.push(ms))).toBe(Math.ceil((2 / 0.33) * 1000));
    expect(waits).toEqual([6061]);
    expect(clock.now()).toBe(6061);
  });

  it('decays while idle and lets free calls (orders) through even when full', async () => {
    const clock = createVirtualClock(0);
    const limiter = createRateLimiter({ tier: 'intermediate', clock });
    for (let i = 0; i < 19; i += 1) await limiter.acquire(1);
    expect(await limiter.acquire(0)).toBe(0);
    clock.advance(10_000);
    expect(limiter.level()).toBeCloseTo(14, 9);
  });

  it('holds a background read back until it would leave the reserve free, without booking anything', async () => {
    const clock = createVirtualClock(0);
    const limiter = createRateLimiter({ tier: 'starter', clock });
    for (let i = 0; i < 4; i += 1) await limiter.acquire(2);
    // ceiling 14: a cost-2 read with 6 in reserve may start at a level of 6, so the 8 booked must decay by 2
    expect(await limiter.waitForRoom(2, 6)).toBe(Math.ceil((2 / 0.33) * 1000));
    expect(limiter.level()).toBeCloseTo(6, 2);
    // room already there: no wait
    expect(await limiter.waitForRoom(2, 6)).toBe(0);
  });

  it('after Kraken says the limit was hit, waits until the counter has room again', async () => {
    const clock = createVirtualClock(0);
    const limiter = createRateLimiter({ tier: 'pro', clock });
    limiter.markFull();
    expect(limiter.level()).toBe(20);
    expect(await limiter.acquire(1)).toBe(1000 * (1 + SAFETY_MARGIN));
    // Kraken's counter held more than the model knew (another tool on the key): background reads keep one unit more free
    expect(limiter.learnedMargin()).toBe(1);
    // at 19 after that call, a background read of 1 with 6 in reserve starts at 20 − 1 − 1 − 6 − 1 (learned) = 11
    expect(await limiter.waitForRoom(1, 6)).toBe(1000 * (19 - 11));
  });

  it('serves waiting calls in arrival order', async () => {
    const clock = createVirtualClock(0);
    const limiter = createRateLimiter({ tier: 'starter', clock });
    for (let i = 0; i < 7; i += 1) await limiter.acquire(2);
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3].map(async (n) => {
        await limiter.acquire(2);
        order.push(n);
      }),
    );
    expect(order).toEqual([1, 2, 3]);
    // each waits 2 / 0.33 s, rounded up to the millisecond
    expect(clock.now()).toBeGreaterThanOrEqual((3 * 2 * 1000) / 0.33);
    expect(clock.now()).toBeLessThanOrEqual(3 * 6061);
  });

  it('never lets Kraken’s counter (the simulator’s) refuse a call, whatever the mix and pauses', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Tier>('starter', 'intermediate', 'pro'),
        fc.array(fc.tuple(fc.constantFrom(0, 1, 2), fc.nat(4000)), { minLength: 1, maxLength: 80 }),
        async (tier, calls) => {
          const clock = createVirtualClock(1_000_000);
          const limiter = createRateLimiter({ tier, clock });
          const kraken = new DecayingCounter(REST_LIMITS[tier].max, REST_LIMITS[tier].decayPerSecond, clock);
          for (const [cost, pauseMs] of calls) {
            clock.advance(pauseMs);
            await limiter.acquire(cost);
            expect(kraken.tryAdd(cost)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shares its estimate through a store: a second client, or the next start, waits for what the first booked', async () => {
    const clock = createVirtualClock(0);
    let saved: SavedCounter | null = null;
    const store: CounterStore = { load: () => saved, save: (counter) => void (saved = counter) };
    // nothing recorded: the key may have been used a moment ago, so the first start counts it half full
    const first = createRateLimiter({ tier: 'starter', clock, store });
    expect(first.level()).toBe(7.5);
    for (let i = 0; i < 3; i += 1) await first.acquire(2);
    expect(saved).toMatchObject({ level: 13.5, at: 0, learnedMargin: 0 });
    clock.advance(1000);
    const second = createRateLimiter({ tier: 'starter', clock, store });
    expect(second.level()).toBeCloseTo(13.17, 2);
    expect(await second.acquire(2)).toBe(Math.ceil(((13.17 - 12) / 0.33) * 1000));
    // the first client hears of the second's booking before its next call
    expect(await first.acquire(2)).toBe(Math.ceil((2 / 0.33) * 1000));
    first.markFull();
    expect(createRateLimiter({ tier: 'starter', clock, store }).learnedMargin()).toBe(1);
  });

  it('knows the lower bound a counter allows for a long run of calls', () => {
    expect(counterLowerBoundMs(200, 2, 'starter')).toBeCloseTo((385 / 0.33) * 1000, 6);
    expect(counterLowerBoundMs(5, 2, 'starter')).toBe(0);
  });
});
