// Time is injected everywhere, so tests and benchmarks can run on a virtual clock.
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}
