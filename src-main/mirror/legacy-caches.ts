// The JSON caches the mirror replaces — Reconcile's ledger since its checkpoint (reconcile-ledger.json) and its trade
// history (reconcile-trades.json) — carried into each account's mirror on the first start, then deleted. The ledger
// search's state in conversions.json goes with the conversion store's next format (it holds no entries worth keeping:
// the mirror reads the whole ledger itself). A cache that cannot be carried over (no mirror file to hold it) stays.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LedgerCursor, LedgerEntry, oldestFirst, Trade } from '../../src-shared/ledger';
import { timesAsText } from '../store/times-as-text';
import { Pending, type AccountMirror } from './account-mirror';

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
  const oldest = entries.at(-1)?.time ?? top.time;
  mirror.writePage('ledger', {
    records: entries,
    seqs: entries.map((_, k) => -k),
    pending: () => Pending.visible,
    state: (current) => ({
      ...current,
      head: { id: head.id, time: head.time, seq: -entries.indexOf(head) },
      floor:
        kept.base === null
          ? { end: top.id, endSeq: 0, ofs: entries.length, time: oldest }
          : { end: kept.base.id, endSeq: -entries.length, ofs: 0, time: oldest },
      complete: kept.base === null,
    }),
  });
}

/** Every trade of the account, as the trade cache kept them: the mirror's trades, whole. */
function carryTrades(mirror: AccountMirror, kept: z.infer<typeof KeptTrades>): void {
  const trades = newestFirst(kept.trades);
  const top = trades[0];
  if (top === undefined || mirror.state('trades').head !== null) return;
  mirror.writePage('trades', {
    records: trades,
    seqs: trades.map((_, k) => -k),
    pending: () => Pending.visible,
    state: (current) => ({
      ...current,
      head: { id: kept.head?.id ?? top.id, time: kept.head?.time ?? top.time, seq: 0 },
      floor: { end: top.id, endSeq: 0, ofs: trades.length, time: trades.at(-1)?.time ?? top.time },
      complete: true,
    }),
  });
}

/**
 * Carries every stored account's cached ledger and trades into its mirror, then deletes the cache files. The demo's
 * records are dropped: its simulator makes a new ledger on every start, so they match nothing.
 */
export function carryOverLegacyCaches(dataDir: string, open: (key: string) => AccountMirror | null): void {
  const caches = [
    { file: join(dataDir, 'reconcile-ledger.json'), records: readCache(join(dataDir, 'reconcile-ledger.json'), KeptLedger), carry: carryLedger },
    { file: join(dataDir, 'reconcile-trades.json'), records: readCache(join(dataDir, 'reconcile-trades.json'), KeptTrades), carry: carryTrades },
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
