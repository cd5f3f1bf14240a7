// The search of the whole ledger for conversions made anywhere: newest first, page by page, resumable. A large
// account's ledger takes hours at a Starter key's pace, so after every page the caller keeps a cursor and the
// sweeps complete so far; a restart goes on from there instead of from the newest entry again.
import { z } from 'zod';
import { findDustSweeps, type DustSweep } from '../../src-shared/dust-sweep';
import { compareKrakenTimes } from '../../src-shared/kraken-time';
import { LedgerCursor, LedgerEntry } from '../../src-shared/ledger';
import type { CallHooks, KrakenClient } from '../kraken/client';
import { KrakenCallError } from '../kraken/errors';

export const SearchCursor = z.object({
  /** The newest entry when the search began: the fixed upper bound that keeps offsets stable. */
  head: LedgerCursor,
  /** Entries read so far, newest first. */
  ofs: z.number().int().nonnegative(),
  /** Entries at the oldest time read so far: a sweep booked then may have more legs on the next page. */
  carry: z.array(LedgerEntry),
});
export type SearchCursor = z.infer<typeof SearchCursor>;

export interface SearchPage {
  /** Sweeps whose every leg has now been read. */
  sweeps: DustSweep[];
  cursor: SearchCursor;
  pages: number;
  /** Entries the search covers, as Kraken counts them, when it said. */
  total: number | null;
}

export interface LedgerSearchOptions {
  client: Pick<KrakenClient, 'ledgers'>;
  /** The newest entry of the last finished search; null searches everything. */
  since: LedgerCursor | null;
  /** Where an unfinished search stopped. */
  resume: SearchCursor | null;
  hooks?: CallHooks;
  onPage: (page: SearchPage) => Promise<void> | void;
}

function distinct(entries: readonly LedgerEntry[]): LedgerEntry[] {
  return [...new Map(entries.map((entry) => [entry.id, entry])).values()];
}

/** Reads until it reaches `since` or the oldest entry; resolves with the newest entry now searched. */
export async function searchLedgerForSweeps(options: LedgerSearchOptions): Promise<LedgerCursor | null> {
  const { client, since } = options;
  let cursor = options.resume;
  let start = since?.id;
  let pages = 0;
  for (;;) {
    let page;
    try {
      page = await client.ledgers({ start, ...(cursor ? { end: cursor.head.id } : {}), ofs: cursor?.ofs ?? 0 }, options.hooks);
    } catch (error) {
      // Kraken refuses a start id it does not know: the entry's time (exclusive too) does the same job
      const refusedStart = error instanceof KrakenCallError && error.details.krakenError === 'EGeneral:Invalid arguments:start';
      if (!(since && start === since.id && refusedStart)) throw error;
      start = String(since.time);
      continue;
    }
    pages += 1;
    const fresh: LedgerEntry[] = [];
    let reachedKnown = false;
    for (const entry of page.items) {
      if (entry.id === since?.id) {
        reachedKnown = true;
        break;
      }
      fresh.push(entry);
    }
    if (cursor === null) {
      const newest = fresh[0];
      if (!newest) return since;
      cursor = { head: { id: newest.id, time: newest.time }, ofs: 0, carry: [] };
    }
    const ofs = cursor.ofs + page.items.length;
    const last = reachedKnown || fresh.length === 0 || (page.count !== undefined && ofs >= page.count);
    const pool = distinct([...cursor.carry, ...fresh]);
    const oldest = last ? null : fresh.map((entry) => entry.time).reduce((a, b) => (compareKrakenTimes(a, b) <= 0 ? a : b));
    const complete = oldest === null ? pool : pool.filter((entry) => entry.time !== oldest);
    cursor = { ...cursor, ofs, carry: oldest === null ? [] : pool.filter((entry) => entry.time === oldest) };
    await options.onPage({ sweeps: findDustSweeps(complete), cursor, pages, total: page.count ?? null });
    if (last) return cursor.head;
  }
}
