// The JSON caches the mirror replaces — Reconcile's ledger since its checkpoint (reconcile-ledger.json) and its trade
// history (reconcile-trades.json) — carried into each account's mirror on the first start, then deleted. The ledger
// search's state in conversions.json goes with the conversion store's next format (it holds no entries worth keeping:
// the mirror reads the whole ledger itself). A cache that cannot be carried over (no mirror file to hold it) stays.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LedgerCursor, LedgerEntry, oldestFirst, Trade } from '../../src-shared/ledger';
import { timesAsText } from '../store/migrations/times-as-text';
import { Pending, type AccountMirror, type Stream } from './account-mirror';

const KeptLedger = z.object({ base: LedgerCursor.nullable(), head: LedgerCursor.nullable(), entries: z.array(LedgerEntry) });
const KeptTrades = z.object({ trades: z.array(Trade), head: LedgerCursor.nullable() });

/** A cache file as json-store wrote it: `{version, data: {accounts: {<account key>: record}}}`. */
function readCache<T>(file: string, record: z.ZodType<T>): Map<string, T> | null {
  if (!existsSync(file)) return null;
  try {
    const parsed = z
      .object({ data: z.object({ accounts: z.record(z.string(), record.nullable()) }) })
      .parse(timesAsText(JSON.parse(readFileSync(file, 'utf8'))));
    return new Map(Object.entries(parsed.data.accounts).flatMap(([key, value]) => (value === null ? [] : [[key, value] as [string, T]])));
  } catch {
    // an unreadable cache held nothing the mirror cannot read again from Kraken
    return new Map();
  }
}

const newestFirst = <R extends { id: string; time: string }>(records: readonly R[]): R[] => oldestFirst(records).reverse();

/** Entries since a checkpoint: an empty mirror takes them as its first range (the backfill goes on below the
 * checkpoint); a mirror that already reads the account keeps them unseen until a read confirms them. */
function carryLedger(mirror: AccountMirror, kept: z.infer<typeof KeptLedger>): void {
  const entries = newestFirst(kept.entries);
  const top = entries[0];
  const empty = mirror.state('ledger').head === null && mirror.state('ledger').floor === null;
  if (top === undefined) return;
  if (!empty || kept.head === null) {
    mirror.ingestLedger(entries, { followsHead: false });
    return;
  }
  const head = entries.find((e) => e.id === kept.head?.id) ?? top;
  // below the checkpoint the backfill reads on from it; without one the cache held the whole ledger
  const floor =
    kept.base === null ? { end: top.id, endSeq: 0, ofs: entries.length } : { end: kept.base.id, endSeq: -entries.length, ofs: 0 };
  firstRange(mirror, 'ledger', entries, { head, floor, complete: kept.base === null });
}

/** A carried cache as the mirror's first range: newest first, every record seen, the sync going on from its ends. */
function firstRange<R extends LedgerEntry | Trade>(
  mirror: AccountMirror,
  stream: Stream,
  records: readonly R[],
  ends: { head: { id: string; time: string }; floor: { end: string; endSeq: number; ofs: number }; complete: boolean },
): void {
  const oldest = records.at(-1)?.time ?? ends.head.time;
  mirror.writePage(stream, {
    records,
    seqs: records.map((_, k) => -k),
    pending: () => Pending.visible,
    state: (current) => ({
      ...current,
      head: {
        ...ends.head,
        seq: -Math.max(
          0,
          records.findIndex((r) => r.id === ends.head.id),
        ),
      },
      floor: { ...ends.floor, time: oldest },
      complete: ends.complete,
    }),
  });
}

/** Every trade of the account, as the trade cache kept them: the mirror's trades, whole. */
function carryTrades(mirror: AccountMirror, kept: z.infer<typeof KeptTrades>): void {
  const trades = newestFirst(kept.trades);
  const top = trades[0];
  if (top === undefined || mirror.state('trades').head !== null) return;
  firstRange(mirror, 'trades', trades, { head: kept.head ?? top, floor: { end: top.id, endSeq: 0, ofs: trades.length }, complete: true });
}

/**
 * Carries every stored account's cached ledger and trades into its mirror, then deletes the cache files. The demo's
 * records are dropped: its simulator makes a new ledger on every start, so they match nothing.
 */
export function carryOverLegacyCaches(dataDir: string, open: (key: string) => AccountMirror | null): void {
  const caches = [
    {
      file: join(dataDir, 'reconcile-ledger.json'),
      records: readCache(join(dataDir, 'reconcile-ledger.json'), KeptLedger),
      carry: carryLedger,
    },
    {
      file: join(dataDir, 'reconcile-trades.json'),
      records: readCache(join(dataDir, 'reconcile-trades.json'), KeptTrades),
      carry: carryTrades,
    },
  ] as const;
  for (const cache of caches) {
    if (cache.records === null) continue;
    let carried = true;
    for (const [key, record] of cache.records) {
      if (key.startsWith('demo:')) continue;
      const mirror = open(key);
      if (mirror === null || mirror.file() === null) {
        carried = false;
        continue;
      }
      (cache.carry as (m: AccountMirror, r: typeof record) => void)(mirror, record);
    }
    if (carried) rmSync(cache.file, { force: true });
  }
}
