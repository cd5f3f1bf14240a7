// Faults for the WebSocket feed, injected through the admin API: drop every connection now; stall them (open, but
// silent: no data, heartbeat or pong); lose the next private update (its sequence number is skipped); send the next
// private update twice; refuse the next subscriptions' tokens.
import { z } from 'zod';

export const WsFaultSpec = z.object({
  kind: z.enum(['drop', 'stall', 'skip-sequence', 'duplicate', 'reject-token']),
  /** skip-sequence, duplicate and reject-token: how many messages or subscriptions it applies to. */
  count: z.number().int().positive().default(1),
});
export type WsFaultSpec = z.infer<typeof WsFaultSpec>;

type Pending = 'skip-sequence' | 'duplicate' | 'reject-token';

export class WsFaultQueue {
  private readonly counts = new Map<Pending, number>();
  private readonly listeners = new Set<(kind: 'drop' | 'stall') => void>();

  add(spec: WsFaultSpec): void {
    if (spec.kind === 'drop' || spec.kind === 'stall') {
      for (const listener of this.listeners) listener(spec.kind);
      return;
    }
    this.counts.set(spec.kind, (this.counts.get(spec.kind) ?? 0) + spec.count);
  }

  clear(): void {
    this.counts.clear();
  }

  pending(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** Whether a fault of this kind applies to this message or subscription (consumed once). */
  take(kind: Pending): boolean {
    const left = this.counts.get(kind) ?? 0;
    if (left <= 0) return false;
    if (left === 1) this.counts.delete(kind);
    else this.counts.set(kind, left - 1);
    return true;
  }

  /** Hears faults that act on the open connections at once. */
  onImmediate(listener: (kind: 'drop' | 'stall') => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
