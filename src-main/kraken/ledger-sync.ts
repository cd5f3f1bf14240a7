// Brings the ledger up to date: every page newest first, down to the checkpoint (the newest entry already known),
// paced by the client's call-counter model and reporting pages, entries and rate waits as it goes.
import type { LedgerCursor, LedgerEntry } from '../../src-shared/ledger';
import type { KrakenClient } from './client';
import { KrakenCallError } from './errors';
import { collectNewestFirst, type PageRequest } from './history-paging';

export interface LedgerSyncProgress {
  pages: number;
  /** New entries fetched so far. */
  entries: number;
  /** New entries Kraken says there are, when it said. */
  total?: number;
  rateWaits: number;
  /** Time spent waiting for the call counter, in the client clock's milliseconds. */
  rateWaitMs: number;
}

export interface LedgerSyncOptions {
  /** The newest entry of the last sync; absent or null reads the whole history. */
  since?: LedgerCursor | null;
  onPage?: (progress: LedgerSyncProgress) => void;
  /** Called before each wait for the call counter, with the progress so far. */
  onRateWait?: (waitMs: number, progress: LedgerSyncProgress) => void;
}

export interface LedgerSyncResult {
  /** Entries newer than `since`, newest first. */
  entries: LedgerEntry[];
  /** The newest entry now known (unchanged `since` when nothing is new; null for an empty ledger). */
  checkpoint: LedgerCursor | null;
  pages: number;
  rateWaits: number;
  rateWaitMs: number;
}

export async function syncLedgers(
  client: Pick<KrakenClient, 'ledgers'>,
  options: LedgerSyncOptions = {},
): Promise<LedgerSyncResult> {
  const since = options.since ?? null;
  const progress: LedgerSyncProgress = { pages: 0, entries: 0, rateWaits: 0, rateWaitMs: 0 };
  const hooks = {
    onRateWait: (waitMs: number) => {
      progress.rateWaits += 1;
      progress.rateWaitMs += waitMs;
      options.onRateWait?.(waitMs, { ...progress });
    },
  };
  // `start` is the checkpoint's id; should Kraken not know that id, its time (exclusive too) does the same job
  let start: string | undefined = since?.id;
  const fetchPage = async ({ end, ofs }: PageRequest) => {
    try {
      return await client.ledgers({ start, end, ofs }, hooks);
    } catch (error) {
      const refusedStart = error instanceof KrakenCallError && error.details.krakenError === 'EGeneral:Invalid arguments:start';
      if (!(since && start === since.id && refusedStart)) throw error;
      start = String(since.time);
      return client.ledgers({ start, end, ofs }, hooks);
    }
  };
  const entries = await collectNewestFirst(fetchPage, {
    stopAtId: since?.id,
    onPage: (paging) => {
      Object.assign(progress, { pages: paging.pages, entries: paging.items, total: paging.total });
      options.onPage?.({ ...progress });
    },
  });
  const newest = entries[0];
  return {
    entries,
    checkpoint: newest ? { id: newest.id, time: newest.time } : since,
    pages: progress.pages,
    rateWaits: progress.rateWaits,
    rateWaitMs: progress.rateWaitMs,
  };
}

/** Every entry booked after a moment (Kraken seconds, exclusive), newest first: e.g. the last day, for the cooldown. */
export async function ledgersAfter(
  client: Pick<KrakenClient, 'ledgers'>,
  afterSeconds: number,
  hooks?: { onRateWait?: (waitMs: number) => void },
): Promise<LedgerEntry[]> {
  const start = String(Math.floor(afterSeconds));
  return collectNewestFirst(({ end, ofs }) => client.ledgers({ start, end, ofs }, hooks));
}
