// Time is injected everywhere, so tests and benchmarks can run on a virtual clock. The clocks here are the real one, a
// virtual one for tests and benchmarks, and an offset one that lets the demo simulator jump a day ahead while it still
// ticks in real time.
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

export interface VirtualClock extends Clock {
  advance(ms: number): void;
}

/** Time moves only when someone sleeps or advances it; a sleep returns at once with the clock moved forward. */
export function createVirtualClock(startMs = Date.UTC(2026, 10, 1)): VirtualClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += Math.max(0, ms);
    },
    sleep: async (ms) => {
      current += Math.max(0, ms);
      await Promise.resolve();
    },
  };
}

export interface OffsetClock extends Clock {
  advance(ms: number): void;
  offset(): number;
}

export function createOffsetClock(base: Clock = systemClock): OffsetClock {
  let offsetMs = 0;
  return {
    now: () => base.now() + offsetMs,
    sleep: (ms) => base.sleep(ms),
    advance: (ms) => {
      offsetMs += Math.max(0, ms);
    },
    offset: () => offsetMs,
  };
}

/** Time running `factor` times faster than real time, for benchmarks that play an hour in seconds: timers, the
 * simulator's and the app's, all run on it. */
export function createScaledClock(factor: number, startMs = Date.now()): Clock {
  const realStart = Date.now();
  return {
    now: () => startMs + (Date.now() - realStart) * factor,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / factor))),
  };
}
