// One typed, versioned JSON file: validated on every read and write, migrated forward, and when it cannot be read
// the file is set aside next to the original and reported, so nothing is ever silently lost.
import { existsSync, renameSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../../src-shared/clock';
import { AppError } from '../../src-shared/errors';
import { systemClock } from '../../src-shared/clock';
import { confBackend } from './backend';
import type { StoreBackendFactory } from './backend';
import { removeOrphanTemps } from './orphan-temps';
import { salvage } from './salvage';

export type StoreProblemKind = 'invalid_json' | 'schema_violation' | 'newer_version' | 'migration_failed';

export interface StoreProblem {
  /** The store's name (`accounts`, `conversions`, `settings`…): which screen tells the operator. */
  file: string;
  kind: StoreProblemKind;
  /** Plain words for the operator: what happened and where the old file is. */
  message: string;
  /** Where the unreadable file now lives. */
  setAsidePath: string;
  /** Technical detail for the log (never the file's content). */
  detail: string;
  /** What could not be kept (paths inside the file); empty when the whole file was unreadable. */
  dropped: string[];
  /** Records that still parsed were kept, rather than starting from defaults. */
  recovered: boolean;
}

export interface JsonStoreOptions<T> {
  /** Absolute folder. */
  dir: string;
  /** File name without extension: letters, digits, '.', '_' and '-'. */
  name: string;
  schema: z.ZodType<T>;
  defaults: T;
  /** Current format version, an integer from 1. */
  version: number;
  /** migrations[n] turns data of version n-1 into data of version n. */
  migrations?: Record<number, (old: unknown) => unknown>;
  onCorrupt?: (problem: StoreProblem) => void;
  /** One sentence for the operator on what still works when this file is set aside (e.g. keys stay in the keychain). */
  stillWorks?: string;
  backend?: StoreBackendFactory;
  clock?: Pick<Clock, 'now'>;
}

export interface JsonStore<T> {
  readonly path: string;
  /** What went wrong while opening the file (empty when it opened cleanly). */
  readonly problems: readonly StoreProblem[];
  /** A copy: changing it changes nothing until set(). */
  get(): T;
  /** Validates, then writes atomically; on failure nothing changes. */
  set(value: T): void;
  update(change: (current: T) => T): T;
}

const Envelope = z.object({ version: z.number().int().min(1), data: z.unknown() });
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function createJsonStore<T>(options: JsonStoreOptions<T>): JsonStore<T> {
  const { dir, name, schema, version } = options;
  const migrations = options.migrations ?? {};
  checkOptions(options, migrations);
  const defaults = schema.safeParse(options.defaults);
  if (!defaults.success) throw new Error(`createJsonStore(${name}): defaults fail the schema: ${issues(defaults.error)}`);

  const backend = (options.backend ?? confBackend)({ dir, name });
  const clock = options.clock ?? systemClock;
  removeOrphanTemps(dir, basename(backend.path), clock.now());
  const problems: StoreProblem[] = [];

  const report = (problem: StoreProblem): void => {
    problems.push(problem);
    options.onCorrupt?.(problem);
  };
  const stillWorks = options.stillWorks ? ` ${options.stillWorks}` : '';

  const setAside = (kind: StoreProblemKind, why: string, detail: string): undefined => {
    const setAsidePath = moveAside(backend.path, dir, name, clock.now());
    report({
      file: name,
      kind,
      setAsidePath,
      detail,
      dropped: [],
      recovered: false,
      message:
        `The saved ${name}.json could not be read: ${why}. The file was kept as ${setAsidePath}, ` +
        `and OC9 Console started with default ${name}.${stillWorks}`,
    });
    return undefined;
  };

  /** Sets the file aside, then keeps every record of it that still parses. */
  const recover = (data: unknown, detail: string): T | undefined => {
    const { value, dropped } = salvage(schema, data, defaults.data);
    if (dropped.includes('(everything)')) {
      return setAside('schema_violation', 'its content does not match what this version of OC9 Console expects', detail);
    }
    const setAsidePath = moveAside(backend.path, dir, name, clock.now());
    write(value);
    report({
      file: name,
      kind: 'schema_violation',
      setAsidePath,
      detail,
      dropped,
      recovered: true,
      message:
        `Part of the saved ${name}.json could not be read (${countEntries(dropped.length)}). The original file ` +
        `was kept as ${setAsidePath}; everything else in it was recovered.${stillWorks}`,
    });
    return value;
  };

  const write = (value: T) => {
    try {
      backend.write({ version, data: value });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new AppError(
        'storage',
        `Could not save ${name} to ${backend.path}${typeof code === 'string' ? ` (${code})` : ''}. ` +
          'Check that the disk has free space and that the folder can be written, then try again.',
        true,
      );
    }
  };

  const load = (): T | undefined => {
    let raw: unknown;
    try {
      raw = backend.read();
    } catch {
      return setAside('invalid_json', 'the file is not valid JSON', 'JSON parse failed');
    }
    if (raw === undefined) return undefined;
    const envelope = Envelope.safeParse(raw);
    if (!envelope.success) {
      return setAside('schema_violation', 'the file has no format version', issues(envelope.error));
    }
    const fileVersion = envelope.data.version;
    if (fileVersion > version) {
      return setAside(
        'newer_version',
        `it was written by a newer version of OC9 Console (format ${fileVersion}; this version reads up to ${version})`,
        `file version ${fileVersion} > ${version}`,
      );
    }
    let data = envelope.data.data;
    for (let step = fileVersion + 1; step <= version; step++) {
      const migrate = migrations[step];
      const failed = (detail: string) =>
        setAside('migration_failed', `it could not be upgraded from format ${fileVersion} to ${version}`, detail);
      if (!migrate) return failed(`no migration to version ${step}`);
      try {
        data = migrate(data);
      } catch (error) {
        return failed(`migration to version ${step} threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) return recover(data, issues(parsed.error));
    if (fileVersion < version) write(parsed.data);
    return parsed.data;
  };

  let current: T = load() ?? defaults.data;

  const set = (value: T) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new AppError(
        'invalid_input',
        `Could not save ${name}: the data failed its checks (${issues(parsed.error)}). Nothing was written.`,
      );
    }
    write(parsed.data);
    current = parsed.data;
  };

  return {
    path: backend.path,
    problems,
    get: () => structuredClone(current),
    set,
    update(change) {
      set(change(structuredClone(current)));
      return structuredClone(current);
    },
  };
}

function checkOptions<T>(options: JsonStoreOptions<T>, migrations: Record<number, unknown>): void {
  const { dir, name, version } = options;
  if (!isAbsolute(dir)) throw new Error(`createJsonStore(${name}): dir must be absolute, got ${dir}`);
  if (!FILE_NAME.test(name)) throw new Error(`createJsonStore: invalid name ${JSON.stringify(name)}`);
  if (!Number.isInteger(version) || version < 1) throw new Error(`createJsonStore(${name}): version must be an integer >= 1`);
  for (const key of Object.keys(migrations)) {
    const step = Number(key);
    if (!Number.isInteger(step) || step < 2 || step > version) {
      throw new Error(`createJsonStore(${name}): migration key ${key} must be an integer from 2 to ${version}`);
    }
  }
}

/** Renames the unreadable file to <name>.corrupt-<timestamp>.json; refuses to go on if it cannot. */
function moveAside(path: string, dir: string, name: string, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  let target = join(dir, `${name}.corrupt-${stamp}.json`);
  for (let n = 2; existsSync(target); n++) target = join(dir, `${name}.corrupt-${stamp}-${n}.json`);
  try {
    renameSync(path, target);
  } catch {
    // starting from defaults would overwrite the file on the next save: better to stop here
    throw new AppError(
      'storage',
      `The saved ${name} at ${path} could not be read, and could not be moved aside either. ` +
        'Move or repair that file by hand, then start OC9 Console again.',
    );
  }
  return target;
}

/** The operator hears how much was lost; the log gets which paths (they are the file's internals). */
function countEntries(count: number): string {
  return count === 1 ? '1 entry' : `${count} entries`;
}

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
