// Opens one account mirror's SQLite file (WAL, schema checked and migrated). A file that cannot be read is moved aside
// and a new one started, to be rebuilt from Kraken; a folder that cannot be written (full disk, read-only) leaves the
// mirror in memory, so the app keeps working from Kraken directly. Either way the operator is told in one line.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate, SCHEMA_VERSION, schemaVersion } from './mirror-schema';

export interface MirrorNotice {
  /** rebuilt: the file was unreadable, set aside, and is being rebuilt; unavailable: nothing can be kept on disk. */
  kind: 'rebuilt' | 'unavailable';
  /** One line for the operator: what happened, what the app does, what to do. */
  message: string;
}

export interface OpenedMirror {
  db: DatabaseSync;
  /** The database file; null when the mirror lives in memory only. */
  file: string | null;
  notice: MirrorNotice | null;
}

/** SQLite's primary result codes that mean the file itself is not a usable database. */
const UNREADABLE = new Set([11 /* CORRUPT */, 26 /* NOTADB */]);
/** Codes and system errors that mean the disk or folder refuses writes. */
const STORAGE = new Set([3 /* PERM */, 8 /* READONLY */, 10 /* IOERR */, 13 /* FULL */, 14 /* CANTOPEN */, 23 /* AUTH */]);
const SYSTEM_STORAGE = new Set(['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT']);

function primaryCode(error: unknown): number | undefined {
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' ? code & 0xff : undefined;
}

export function isUnreadableDatabase(error: unknown): boolean {
  const code = primaryCode(error);
  return code !== undefined && UNREADABLE.has(code);
}

/** The disk is full or the folder cannot be written: the mirror cannot be kept there. */
export function isStorageFailure(error: unknown): boolean {
  const code = primaryCode(error);
  if (code !== undefined) return STORAGE.has(code);
  const system = (error as { code?: unknown }).code;
  return typeof system === 'string' && SYSTEM_STORAGE.has(system);
}

/** What the operator reads about a storage failure: the reason in SQLite's or the system's words. */
const SYSTEM_WORDS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

export function storageReason(error: unknown): string {
  const { errstr, code, message } = error as { errstr?: unknown; code?: unknown; message?: unknown };
  if (typeof code === 'string' && SYSTEM_WORDS[code] !== undefined) return `${SYSTEM_WORDS[code]}, ${code}`;
  for (const text of [errstr, code, message]) if (typeof text === 'string' && text !== '') return text;
  return 'unknown error';
}

function tune(db: DatabaseSync): void {
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA journal_mode = WAL');
  // WAL with NORMAL survives a killed process (a transaction is whole or absent); only power loss can drop the last
  db.exec('PRAGMA synchronous = NORMAL');
}

/** Throws SQLite's error when the file is not a sound database this version can use. */
function check(db: DatabaseSync): void {
  const result = db.prepare('PRAGMA quick_check').get() as { quick_check: string } | undefined;
  if (result?.quick_check !== 'ok') {
    throw Object.assign(new Error(`integrity check: ${result?.quick_check ?? 'no answer'}`), {
      errcode: 11,
      errstr: 'the file is damaged',
    });
  }
}

export function inMemory(): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  migrate(db);
  return db;
}

/** Renames the file (and its WAL companions) to <name>.unreadable-<time>.sqlite beside it; returns the new path. */
function setAside(file: string, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  const stem = basename(file).replace(/\.sqlite$/, '');
  let target = join(dirname(file), `${stem}.unreadable-${stamp}.sqlite`);
  for (let n = 2; existsSync(target); n++) target = join(dirname(file), `${stem}.unreadable-${stamp}-${n}.sqlite`);
  renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  return target;
}

function openFile(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  try {
    tune(db);
    check(db);
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) {
      throw Object.assign(new Error(`schema version ${version} is newer than ${SCHEMA_VERSION}`), { newer: version });
    }
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function unavailable(label: string, file: string, why: string): OpenedMirror {
  return {
    db: inMemory(),
    file: null,
    notice: {
      kind: 'unavailable',
      message:
        `The copy of Kraken’s ledger for ${label} cannot be kept in ${dirname(file)} (${why}). ` +
        'OC9 Console reads Kraken directly and keeps this session’s copy in memory; free disk space or make the folder writable, then restart.',
    },
  };
}

export function openMirrorDatabase(options: { file: string; label: string; now: () => number }): OpenedMirror {
  const { file, label } = options;
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    // a folder that cannot be made is a folder that cannot be written, whatever the system calls it
    return unavailable(label, file, `the folder could not be created: ${storageReason(error)}`);
  }
  try {
    return { db: openFile(file), file, notice: null };
  } catch (error) {
    const newer = (error as { newer?: number }).newer;
    if (newer !== undefined) {
      return unavailable(label, file, `${basename(file)} was written by a newer OC9 Console, and is left as it is`);
    }
    if (!isUnreadableDatabase(error)) {
      if (isStorageFailure(error)) return unavailable(label, file, storageReason(error));
      throw error;
    }
    let kept: string;
    try {
      kept = setAside(file, options.now());
      return {
        db: openFile(file),
        file,
        notice: {
          kind: 'rebuilt',
          message:
            `The copy of Kraken’s ledger for ${label} could not be read (${storageReason(error)}), so it was moved aside as ` +
            `${basename(kept)} and is being rebuilt from Kraken. Settings, accounts and receipts are untouched.`,
        },
      };
    } catch (second) {
      if (isStorageFailure(second)) return unavailable(label, file, storageReason(second));
      throw second;
    }
  }
}

/**
 * A memory database holding what the file held, for when the disk stops taking writes mid-session: the session keeps
 * what it read, and anything further comes from Kraken. Starts empty when even reading the file fails.
 */
export function memoryCopyOf(file: string): DatabaseSync {
  const db = inMemory();
  try {
    db.exec(`ATTACH DATABASE ${quote(file)} AS disk`);
    try {
      db.exec('BEGIN');
      for (const table of ['ledger', 'trades', 'sync_state', 'meta']) db.exec(`INSERT INTO main.${table} SELECT * FROM disk.${table}`);
      db.exec('COMMIT');
    } finally {
      if (db.isTransaction) db.exec('ROLLBACK');
      db.exec('DETACH DATABASE disk');
    }
  } catch {
    return inMemory();
  }
  return db;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
