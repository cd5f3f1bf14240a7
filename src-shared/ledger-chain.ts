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
  const ordered = oldestFirst(entries);
  let running = start;
  let previous: LedgerEntry | null = null;
  for (let at = 0; at < ordered.length;) {
    // one moment at a time: its entries are chained in whichever order fits
    let end = at + 1;
    while (end < ordered.length && compareKrakenTimes(ordered[end]?.time ?? '', ordered[at]?.time ?? '') === 0) end += 1;
    const moment = ordered.slice(at, end);
    for (;;) {
      const chained = moment.find((e) => dec(e.balance).equals(running.plus(entryNet(e))));
      const next = chained ?? moment[0];
      if (next === undefined) break;
      if (chained === undefined) breaks.push({ entry: next, previous, expected: running.plus(entryNet(next)) });
      running = dec(next.balance);
      previous = next;
      moment.splice(moment.indexOf(next), 1);
    }
    at = end;
  }
  return { breaks, end: running };
}

/** The balance before an entry, by its own running balance. */
export function balanceBefore(entry: LedgerEntry): Dec {
  return dec(entry.balance).minus(entryNet(entry));
}
