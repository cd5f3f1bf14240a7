// A book is true at one moment (its positions file's `asOf`, the trade history's read, the apply that wrote a
// snapshot). Reconcile's checkpoint is Kraken as it was at that moment, never when the file happened to be imported:
// each ledger entry carries the balance it left behind, so the balances then follow from the entries booked since.
import { dec, toWire } from './money';
import { entryNet, oldestFirst, type LedgerCursor, type LedgerEntry } from './ledger';
import type { Checkpoint } from './reconcile';

export interface MomentInput {
  /** The book's moment (ms). */
  at: number;
  /** The newest ledger entry at or before the moment; null when the ledger has none that old. */
  cursor: LedgerCursor | null;
  /** Kraken's balances, read before `entriesAfter` so nothing booked in between is missed. */
  balancesNow: Readonly<Record<string, string>>;
  /** Every ledger entry after the cursor (after the moment when there is no cursor). */
  entriesAfter: readonly LedgerEntry[];
}

/** Balance per asset at the moment: the first later entry's running balance less what it moved, else today's. */
export function balancesAtMoment(
  balancesNow: Readonly<Record<string, string>>,
  entriesAfter: readonly LedgerEntry[],
): Record<string, string> {
  const balances: Record<string, string> = {};
  for (const [asset, balance] of Object.entries(balancesNow)) balances[asset] = toWire(dec(balance));
  const firstAfter = new Map<string, LedgerEntry>();
  for (const entry of oldestFirst(entriesAfter)) if (!firstAfter.has(entry.asset)) firstAfter.set(entry.asset, entry);
  for (const [asset, entry] of firstAfter) balances[asset] = toWire(dec(entry.balance).minus(entryNet(entry)));
  return balances;
}

/**
 * Assets the account held at the moment, by the balances and the entries since. When no ledger entry precedes the
 * moment the account held nothing then, so any asset named here shows that the ledger Kraken returns begins later
 * than the account did, and the balances at that moment cannot be known.
 */
export function heldAtMoment(balancesNow: Readonly<Record<string, string>>, entriesAfter: readonly LedgerEntry[]): string[] {
  const balances = balancesAtMoment(balancesNow, entriesAfter);
  return Object.keys(balances)
    .filter((asset) => !dec(balances[asset] ?? '0').isZero())
    .sort();
}

export function checkpointAtMoment(input: MomentInput): Checkpoint {
  return { at: input.at, ledgerCursor: input.cursor, balances: balancesAtMoment(input.balancesNow, input.entriesAfter) };
}
