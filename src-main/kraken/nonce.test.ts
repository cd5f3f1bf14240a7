import { describe, expect, it } from 'vitest';
import { createNonceSource, sharedNonceSource } from './nonce';

const increasing = (nonces: string[]): boolean => nonces.every((n, i) => i === 0 || BigInt(n) > BigInt(nonces[i - 1] ?? '0'));

describe('nonces', () => {
  it('are the clock in microseconds when time has moved on', () => {
    let now = 1_790_000_000_000;
    const source = createNonceSource(() => now);
    expect(source.next()).toBe('1790000000000000');
    now += 5;
    expect(source.next()).toBe('1790000000005000');
  });

  it('stay strictly increasing for many calls within one millisecond and when the clock steps back', () => {
    let now = 1_790_000_000_000;
    const source = createNonceSource(() => now);
    const first = Array.from({ length: 5000 }, () => source.next());
    now -= 60_000;
    const afterStepBack = Array.from({ length: 10 }, () => source.next());
    const all = [...first, ...afterStepBack];
    expect(increasing(all)).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it('stay strictly increasing across concurrent callers', async () => {
    const source = createNonceSource(() => 1_790_000_000_000);
    const nonces = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
        return source.next();
      }),
    );
    expect(new Set(nonces).size).toBe(20);
    expect(increasing([...nonces].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)))).toBe(true);
  });

  it('are one sequence per API key for every client of the process', () => {
    const now = (): number => 1_790_000_000_000;
    const a = sharedNonceSource('shared-test-key', now);
    const b = sharedNonceSource('shared-test-key', now);
    const other = sharedNonceSource('another-test-key', now);
    const interleaved = [a.next(), b.next(), a.next(), b.next()];
    expect(increasing(interleaved)).toBe(true);
    expect(other.next()).toBe('1790000000000000');
  });
});
