// Kraken's "Convert small balances" has no API: it is only seen afterwards as one ledger refid whose legs are all
// `subtype: dustsweeping`. This finds those groups and derives the once-per-24-hours cooldown from the newest one.
import { dec } from './money';
import { krakenTimeMs } from './kraken-time';
import { groupByRefid } from './ledger';
import type { LedgerEntry } from './ledger';

export const DUST_SWEEP_COOLDOWN_MS = 24 * 60 * 60 * 1000;

export interface DustSweep {
  refid: string;
  /** Kraken seconds, as in the ledger. */
  time: string;
  /** The same moment in milliseconds. */
  at: number;
  /** One leg per swept asset (negative amount); the fee may sit on any of them. */
  spends: LedgerEntry[];
  /** The credit in the chosen currency; null when Kraken booked only spend legs (a lone spend leg). */
  receive: LedgerEntry | null;
  /** Receive legs beyond the first and non-sweep entries under the same refid: never expected, shown not dropped. */
  unexpectedLegs: LedgerEntry[];
}

function isReceiveLeg(entry: LedgerEntry): boolean {
  if (entry.type === 'receive') return true;
  if (entry.type === 'spend') return false;
  return dec(entry.amount).greaterThan(0);
}

/** Every dust-sweep group in the entries, newest first. */
export function findDustSweeps(entries: readonly LedgerEntry[]): DustSweep[] {
  const sweeps = groupByRefid(entries)
    .filter((group) => group.kind === 'dust-sweep')
    .map((group): DustSweep => {
      const legs = group.entries.filter((e) => e.subtype === 'dustsweeping');
      const others = group.entries.filter((e) => e.subtype !== 'dustsweeping');
      const receives = legs.filter(isReceiveLeg);
      return {
        refid: group.refid,
        time: group.time,
        at: krakenTimeMs(group.time),
        spends: legs.filter((e) => !isReceiveLeg(e)),
        receive: receives[0] ?? null,
        unexpectedLegs: [...receives.slice(1), ...others],
      };
    });
  return sweeps.reverse();
}

export interface DustSweepCooldown {
  available: boolean;
  /** When the next conversion is allowed (ms); null when no sweep was ever seen. */
  availableAt: number | null;
  /** 0 when available. */
  remainingMs: number;
  lastSweepAt: number | null;
}

/** Kraken allows one conversion per 24 hours, counted from the newest sweep; exactly 24 h later it is allowed. */
export function dustSweepCooldown(sweeps: readonly DustSweep[], nowMs: number): DustSweepCooldown {
  if (sweeps.length === 0) return { available: true, availableAt: null, remainingMs: 0, lastSweepAt: null };
  const lastSweepAt = Math.max(...sweeps.map((s) => s.at));
  const availableAt = lastSweepAt + DUST_SWEEP_COOLDOWN_MS;
  const remainingMs = Math.max(0, availableAt - nowMs);
  return { available: remainingMs === 0, availableAt, remainingMs, lastSweepAt };
}

/** The OC9 guide's rhythm: convert small balances about once a month. */
export const CLEANUP_INTERVAL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Whether to nudge the operator: small balances are waiting and the last cleanup is over a month old. With no
 * cleanup known, only once the whole ledger was searched ("never" must be a fact, not a guess).
 */
export function cleanupDue(input: { waiting: number; lastSweepAt: number | null; ledgerSearched: boolean; nowMs: number }): boolean {
  if (input.waiting === 0) return false;
  if (input.lastSweepAt === null) return input.ledgerSearched;
  return input.nowMs - input.lastSweepAt > CLEANUP_INTERVAL_MS;
}
