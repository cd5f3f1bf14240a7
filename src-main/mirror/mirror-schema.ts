// The account mirror's tables, as numbered migrations: migration n takes a database from schema version n-1 to n
// (kept in SQLite's user_version). Amounts and times are Kraken's text; STRICT tables refuse anything else.
import type { DatabaseSync } from 'node:sqlite';

/** Index i holds migration i + 1. Never edit one that has shipped: add the next. */
const MIGRATIONS: readonly string[] = [
  `
  -- pending: 0 seen by readers; 1 read by a catch-up that has not reached the held head yet; 2 at the oldest time a
  -- backfill has read (more legs of that moment may be on the next page); 3 carried over or fed in, not yet confirmed
  -- by a read of Kraken. seq: the entry's place in Kraken's own order (entries of one moment are not in id order).
  CREATE TABLE ledger (
    id TEXT PRIMARY KEY NOT NULL,
    refid TEXT NOT NULL,
    time TEXT NOT NULL,
    time_key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    subtype TEXT NOT NULL,
    aclass TEXT NOT NULL,
    asset TEXT NOT NULL,
    amount TEXT NOT NULL,
    fee TEXT NOT NULL,
    balance TEXT NOT NULL,
    extra TEXT,
    pending INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX ledger_by_time ON ledger (time_key, id);
  CREATE INDEX ledger_by_refid ON ledger (refid);
  CREATE INDEX ledger_by_asset ON ledger (asset, time_key, id);
  CREATE INDEX ledger_sweeps ON ledger (refid) WHERE subtype = 'dustsweeping';
  CREATE INDEX ledger_pending ON ledger (pending) WHERE pending <> 0;

  CREATE TABLE trades (
    id TEXT PRIMARY KEY NOT NULL,
    ordertxid TEXT NOT NULL,
    pair TEXT NOT NULL,
    time TEXT NOT NULL,
    time_key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    ordertype TEXT NOT NULL,
    price TEXT NOT NULL,
    cost TEXT NOT NULL,
    fee TEXT NOT NULL,
    vol TEXT NOT NULL,
    extra TEXT,
    pending INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX trades_by_time ON trades (time_key, id);
  CREATE INDEX trades_pending ON trades (pending) WHERE pending <> 0;

  -- one row per stream ('ledger', 'trades'): where the sync stands, as JSON
  CREATE TABLE sync_state (stream TEXT PRIMARY KEY NOT NULL, state TEXT NOT NULL) STRICT;
  -- what the mirror copies (its origin) and the saved call-counter estimate of the account's API key
  CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/** Brings the schema up to SCHEMA_VERSION, each step in its own transaction. */
export function migrate(db: DatabaseSync): void {
  for (let version = schemaVersion(db); version < SCHEMA_VERSION; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(MIGRATIONS[version] ?? '');
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

/**
 * A time as text that sorts like the moment it names: 12 digits of seconds and 10 of fraction. Kraken's own text is
 * kept beside it; a time with more than 10 decimals still sorts (by the id after it) and reads back exactly.
 */
export function timeKey(time: string): string {
  const [whole = '0', fraction = ''] = time.split('.');
  return `${whole.padStart(12, '0')}.${fraction.slice(0, 10).padEnd(10, '0')}`;
}
