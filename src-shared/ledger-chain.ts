// Kraken's running balance: each ledger entry's `balance` is the asset's previous balance + amount − fee. Walking
// one asset's entries proves the chain, or finds where it breaks (an entry missing or altered between two others).
import { compareKrakenTimes } from './kraken-time';
import { entryNet, oldestFirst, type LedgerEntry } from './ledger';
import type { Dec } from './money';
import { dec } from './money';

export interface ChainBreak {
  /** The entry whose balance does not follow. */
  entry: LedgerEntry;
  /** The entry before it in the chain; null when it is the first. */
  previous: LedgerEntry | null;
  /** The balance the chain gives after this entry. */
  expected: Dec;
}

/**
 * Walks one asset's entries oldest first from the balance before the first (entries of one moment in whichever order
 * chains: Kraken's order within a moment is not their ids'). Returns every break and the balance after the last.
 */
export function walkChain(entries: readonly LedgerEntry[], start: Dec): { breaks: ChainBreak[]; end: Dec } {
  const breaks: ChainBreak[] = [];
  const remaining = oldestFirst(entries);
  let running = start;
  let previous: LedgerEntry | null = null;
  while (remaining.length > 0) {
    const earliest = remaining[0]?.time ?? '0';
    const sameTime = remaining.filter((e) => compareKrakenTimes(e.time, earliest) === 0);
    const chained = sameTime.find((e) => dec(e.balance).equals(running.plus(entryNet(e))));
    const next = chained ?? sameTime[0];
    if (next === undefined) break;
    if (chained === undefined) breaks.push({ entry: next, previous, expected: running.plus(entryNet(next)) });
    running = dec(next.balance);
    previous = next;
    remaining.splice(remaining.indexOf(next), 1);
  }
  return { breaks, end: running };
}

/** The balance before an entry, by its own running balance. */
export function balanceBefore(entry: LedgerEntry): Dec {
  return dec(entry.balance).minus(entryNet(entry));
}
