// One Kraken account's ledger entries and trades, kept in its SQLite file: written a page per transaction (upsert by
// id, so reading anything twice changes nothing), read by every screen, and heard by whoever listens. Entries from
// any source go in through the same door: a REST page today, a WebSocket update later.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { LedgerCursor, LedgerEntry, Trade } from '../../src-shared/ledger';
import type { CounterStore, SavedCounter } from '../kraken/rate-limiter';
import { isStorageFailure, memoryCopyOf, openMirrorDatabase, storageReason, type MirrorNotice } from './mirror-database';
import { timeKey } from './mirror-schema';

export type Stream = 'ledger' | 'trades';

/** A record's place: its id and time, and where it stands in Kraken's own order. */
export interface Placed {
  id: string;
  time: string;
  seq: number;
}

/** Where the sync of one stream stands; saved with every page, so a restart goes on from there. */
export interface SyncState {
  /** The newest record held in Kraken's order: every record from the floor up to it is held. */
  head: Placed | null;
  /** The backfill: the next older page is `ofs` records below `end` (inclusive, whose place is `endSeq`); `time` is
   * the oldest time read so far. Null before the first read. */
  floor: { end: string; endSeq: number; ofs: number; time: string | null } | null;
  /** The backfill reached the account's first record. */
  complete: boolean;
  /** A catch-up read newest first that has not yet reached the head: it goes on from `ofs` below `top`. */
  catchUp: { top: Placed; ofs: number; total: number; start: string } | null;
  /** When the head last caught up with Kraken (ms). */
  syncedAt: number | null;
  /** Kraken's count of the stream's records, when it last said. */
  total: number | null;
}

export const EMPTY_SYNC: SyncState = { head: null, floor: null, complete: false, catchUp: null, syncedAt: null, total: null };

/** Whether readers see a record yet (see the `pending` column in mirror-schema.ts). */
export const Pending = { visible: 0, catchingUp: 1, atFloor: 2, unconfirmed: 3 } as const;
export type Pending = (typeof Pending)[keyof typeof Pending];

export interface MirrorChange {
  stream: Stream;
  /** Records written (new or again). */
  written: number;
  /** Whether what readers see may have changed. */
  visible: boolean;
}

/** How one page is written: its records with their places and visibility, and the sync state after it. */
export interface PageWrite<R> {
  records: readonly R[];
  seqs: readonly number[];
  /** Visibility of each record. */
  pending: (record: R, index: number) => Pending;
  /** Records of an earlier page that this page makes visible. */
  reveal?: { from: Pending; olderThan?: string };
  state: (current: SyncState) => SyncState;
}

type Row = Record<string, SQLInputValue>;

const LEDGER_FIELDS = ['id', 'refid', 'time', 'type', 'subtype', 'aclass', 'asset', 'amount', 'fee', 'balance'] as const;
const TRADE_FIELDS = ['id', 'ordertxid', 'pair', 'time', 'type', 'ordertype', 'price', 'cost', 'fee', 'vol'] as const;

function upsertSql(table: Stream, fields: readonly string[]): string {
  const columns = [...fields, 'time_key', 'seq', 'extra', 'pending'];
  const updates = [...fields.filter((f) => f !== 'id'), 'time_key', 'extra'].map((c) => `${c} = excluded.${c}`);
  // a record seen by readers stays seen; its place stays unless it was only carried over before
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `:${c}`).join(', ')})
    ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')},
      seq = CASE WHEN ${table}.pending = ${Pending.unconfirmed} THEN excluded.seq ELSE ${table}.seq END,
      pending = MIN(${table}.pending, excluded.pending)`;
}

function toRow(record: LedgerEntry | Trade, fields: readonly string[], seq: number, pending: Pending): Row {
  const row: Row = {};
  for (const field of fields) row[field] = (record as unknown as Record<string, string>)[field] ?? '';
  row['time_key'] = timeKey(record.time);
  row['seq'] = seq;
  row['extra'] = record.extra === undefined ? null : JSON.stringify(record.extra);
  row['pending'] = pending;
  return row;
}

function fromRow<T>(row: Record<string, unknown>, fields: readonly string[]): T {
  const record: Record<string, unknown> = {};
  for (const field of fields) record[field] = row[field];
  if (typeof row['extra'] === 'string') record['extra'] = JSON.parse(row['extra']) as unknown;
  return record as T;
}

const entryOf = (row: Record<string, unknown>): LedgerEntry => fromRow<LedgerEntry>(row, LEDGER_FIELDS);
const tradeOf = (row: Record<string, unknown>): Trade => fromRow<Trade>(row, TRADE_FIELDS);
const ORDER = 'ORDER BY time_key, id';
/** What readers get of a record: its fields, not the mirror's bookkeeping. */
const ENTRY = `SELECT ${[...LEDGER_FIELDS, 'extra'].join(', ')} FROM ledger`;
const TRADE = `SELECT ${[...TRADE_FIELDS, 'extra'].join(', ')} FROM trades`;

export interface AccountMirrorOptions {
  /** The database file. */
  file: string;
  /** How the operator knows the account, for messages. */
  label: string;
  /** What the mirror copies (an account id, or a demo simulator's run): a different origin starts it afresh. */
  origin: string;
  now: () => number;
}

export interface AccountMirror {
  /** What the operator should know about the mirror's storage; null when all is well. */
  notice(): MirrorNotice | null;
  /** The database file, or null while the mirror lives in memory. */
  file(): string | null;
  state(stream: Stream): SyncState;
  /** Writes one page and the sync state after it in one transaction, then tells the listeners. */
  writePage(stream: Stream, page: PageWrite<LedgerEntry | Trade>): void;
  /**
   * Ledger entries from any source, newest first as Kraken lists them; written again they change nothing. With
   * `followsHead` (a feed whose sequence shows nothing was missed) they extend the head and readers see them at once;
   * otherwise they wait, unseen, until a read of Kraken confirms them.
   */
  ingestLedger(entries: readonly LedgerEntry[], options: { followsHead: boolean }): void;
  onChange(listener: (change: MirrorChange) => void): () => void;

  /** Entries after a cursor, in Kraken's order at equal times; every entry when the cursor is null. Oldest first. */
  ledgerAfter(cursor: LedgerCursor | null): LedgerEntry[];
  /** Entries booked after a time (exclusive, as Kraken's `start`), oldest first. */
  ledgerSince(time: string): LedgerEntry[];
  /** The newest entry at or before a time, in Kraken's order. */
  newestAtOrBefore(time: string): LedgerCursor | null;
  oldestEntry(): LedgerEntry | null;
  entry(id: string): LedgerEntry | null;
  /** Every entry of each ledger group with a dust-sweep leg, oldest first. */
  sweepEntries(): LedgerEntry[];
  /** One asset's entries from one time to another (both included), oldest first. */
  assetEntriesBetween(asset: string, from: string, to: string): LedgerEntry[];
  /** The asset's newest entry before a time, if held. */
  assetEntryBefore(asset: string, time: string): LedgerEntry | null;
  /** The asset's oldest entry after a time, if held. */
  assetEntryAfter(asset: string, time: string): LedgerEntry | null;
  /** A held record's place in Kraken's order. */
  seqOf(stream: Stream, id: string): number | null;
  trades(): Trade[];
  /** The trades that moved an asset (their ledger legs name it). */
  tradesOfAsset(asset: string): Trade[];
  count(stream: Stream): number;
  /** The saved estimate of the account key's call counter, shared by every client and process using the key. */
  counter: CounterStore;
  close(): void;
}

export function openAccountMirror(options: AccountMirrorOptions): AccountMirror {
  const opened = openMirrorDatabase({ file: options.file, label: options.label, now: options.now });
  let db: DatabaseSync = opened.db;
  let file = opened.file;
  let notice = opened.notice;
  const listeners = new Set<(change: MirrorChange) => void>();
  const statements = new Map<string, ReturnType<DatabaseSync['prepare']>>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };

  const meta = (key: string): string | null =>
    (prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  const setMeta = (key: string, value: string) =>
    prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);

  /** Runs a write in one transaction; when the disk refuses it, goes on in memory with what was held. */
  const transaction = (write: () => void): void => {
    const attempt = () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        write();
        db.exec('COMMIT');
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    };
    try {
      attempt();
    } catch (error) {
      if (file === null || !isStorageFailure(error)) throw error;
      const copy = memoryCopyOf(file);
      db.close();
      statements.clear();
      notice = {
        kind: 'unavailable',
        message:
          `The copy of Kraken’s ledger for ${options.label} can no longer be saved in ${file} (${storageReason(error)}). ` +
          'OC9 Console goes on with this session’s copy in memory and reads Kraken directly; free disk space or make the folder writable, then restart.',
      };
      db = copy;
      file = null;
      attempt();
    }
  };

  const tell = (change: MirrorChange) => {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch {
        // a listener's failure is its own; the write it heard of is done
      }
    }
  };

  const state = (stream: Stream): SyncState => {
    const row = prepare('SELECT state FROM sync_state WHERE stream = ?').get(stream) as { state: string } | undefined;
    return row === undefined ? { ...EMPTY_SYNC } : { ...EMPTY_SYNC, ...(JSON.parse(row.state) as Partial<SyncState>) };
  };
  const saveState = (stream: Stream, next: SyncState) =>
    prepare('INSERT INTO sync_state (stream, state) VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET state = excluded.state').run(
      stream,
      JSON.stringify(next),
    );

  // a mirror of another origin (another account, another demo run) holds nothing this one can use
  const origin = meta('origin');
  if (origin !== options.origin) {
    transaction(() => {
      for (const table of ['ledger', 'trades', 'sync_state']) db.exec(`DELETE FROM ${table}`);
      setMeta('origin', options.origin);
    });
  }

  const writePage = (stream: Stream, page: PageWrite<LedgerEntry | Trade>): void => {
    const fields = stream === 'ledger' ? LEDGER_FIELDS : TRADE_FIELDS;
    let visible = false;
    transaction(() => {
      const upsert = prepare(upsertSql(stream, fields));
      page.records.forEach((record, index) => {
        const pending = page.pending(record, index);
        visible ||= pending === Pending.visible;
        upsert.run(toRow(record, fields, page.seqs[index] ?? 0, pending));
      });
      if (page.reveal) {
        const { from, olderThan } = page.reveal;
        const revealed =
          olderThan === undefined
            ? prepare(`UPDATE ${stream} SET pending = 0 WHERE pending = ?`).run(from)
            : prepare(`UPDATE ${stream} SET pending = 0 WHERE pending = ? AND time_key > ?`).run(from, timeKey(olderThan));
        visible ||= Number(revealed.changes) > 0;
      }
      saveState(stream, page.state(state(stream)));
    });
    tell({ stream, written: page.records.length, visible });
  };

  const all = (sql: string, ...params: SQLInputValue[]) => prepare(sql).all(...params) as Record<string, unknown>[];
  const one = (sql: string, ...params: SQLInputValue[]): LedgerEntry | null => {
    const row = prepare(sql).get(...params) as Record<string, unknown> | undefined;
    return row === undefined ? null : entryOf(row);
  };

  const ledgerAfter = (cursor: LedgerCursor | null): LedgerEntry[] => {
    if (cursor === null) return all(`${ENTRY} WHERE pending = 0 ${ORDER}`).map(entryOf);
    const held = prepare('SELECT seq FROM ledger WHERE id = ? AND pending = 0').get(cursor.id) as { seq: number } | undefined;
    const key = timeKey(cursor.time);
    // at the cursor's own moment Kraken's order decides; a cursor the mirror does not hold leaves only later moments
    const rows =
      held === undefined
        ? all(`${ENTRY} WHERE pending = 0 AND time_key > ? ${ORDER}`, key)
        : all(`${ENTRY} WHERE pending = 0 AND time_key >= ? AND (time_key > ? OR seq > ?) ${ORDER}`, key, key, held.seq);
    return rows.map(entryOf);
  };

  const mirror: AccountMirror = {
    notice: () => notice,
    file: () => file,
    state,
    writePage,
    ingestLedger(entries, { followsHead }) {
      if (entries.length === 0) return;
      const head = state('ledger').head;
      const base = head?.seq ?? 0;
      const newest = entries[0];
      writePage('ledger', {
        records: entries,
        seqs: entries.map((_, index) => base + entries.length - index),
        pending: () => (followsHead ? Pending.visible : Pending.unconfirmed),
        state: (current) =>
          followsHead && newest !== undefined
            ? { ...current, head: { id: newest.id, time: newest.time, seq: base + entries.length } }
            : current,
      });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ledgerAfter,
    ledgerSince: (time) => all(`${ENTRY} WHERE pending = 0 AND time_key > ? ${ORDER}`, timeKey(time)).map(entryOf),
    newestAtOrBefore(time) {
      const row = prepare('SELECT id, time FROM ledger WHERE pending = 0 AND time_key <= ? ORDER BY time_key DESC, seq DESC LIMIT 1').get(
        timeKey(time),
      ) as { id: string; time: string } | undefined;
      return row === undefined ? null : { id: row.id, time: row.time };
    },
    oldestEntry: () => one(`${ENTRY} WHERE pending = 0 ${ORDER} LIMIT 1`),
    entry: (id) => one(`${ENTRY} WHERE id = ? AND pending = 0`, id),
    sweepEntries: () =>
      all(`${ENTRY} WHERE pending = 0 AND refid IN (SELECT refid FROM ledger WHERE subtype = 'dustsweeping' AND pending = 0) ${ORDER}`).map(
        entryOf,
      ),
    assetEntriesBetween: (asset, from, to) =>
      all(`${ENTRY} WHERE pending = 0 AND asset = ? AND time_key BETWEEN ? AND ? ${ORDER}`, asset, timeKey(from), timeKey(to)).map(entryOf),
    assetEntryBefore: (asset, time) =>
      one(`${ENTRY} WHERE pending = 0 AND asset = ? AND time_key < ? ORDER BY time_key DESC, seq DESC LIMIT 1`, asset, timeKey(time)),
    assetEntryAfter: (asset, time) =>
      one(`${ENTRY} WHERE pending = 0 AND asset = ? AND time_key > ? ORDER BY time_key, seq LIMIT 1`, asset, timeKey(time)),
    seqOf: (stream, id) => (prepare(`SELECT seq FROM ${stream} WHERE id = ?`).get(id) as { seq: number } | undefined)?.seq ?? null,
    trades: () => all(`${TRADE} WHERE pending = 0 ${ORDER}`).map(tradeOf),
    tradesOfAsset: (asset) =>
      all(`${TRADE} WHERE pending = 0 AND id IN (SELECT refid FROM ledger WHERE asset = ? AND pending = 0) ${ORDER}`, asset).map(tradeOf),
    count: (stream) => Number((prepare(`SELECT COUNT(*) AS n FROM ${stream} WHERE pending = 0`).get() as { n: number }).n),
    counter: {
      load: () => {
        const saved = meta('rate-counter');
        return saved === null ? null : (JSON.parse(saved) as SavedCounter);
      },
      save: (counter) => {
        try {
          transaction(() => void setMeta('rate-counter', JSON.stringify(counter)));
        } catch {
          // the estimate is a courtesy to the next start; the calls themselves go on
        }
      },
    },
    close() {
      listeners.clear();
      statements.clear();
      if (db.isOpen) db.close();
    },
  };
  return mirror;
}
