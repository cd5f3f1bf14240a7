import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createVirtualClock } from '../../src-shared/clock';
import { createJsonStore } from './json-store';
import type { StoreProblem } from './json-store';

const Settings = z.object({ theme: z.enum(['dark', 'light']), refreshSeconds: z.number().int().min(5) });
type Settings = z.infer<typeof Settings>;
const defaults: Settings = { theme: 'dark', refreshSeconds: 30 };

// v2 renamed refreshSeconds to refresh: { seconds } and added a window size
const SettingsV2 = z.object({
  theme: z.enum(['dark', 'light']),
  refresh: z.object({ seconds: z.number().int().min(5) }),
  window: z.object({ width: z.number(), height: z.number() }),
});
type SettingsV2 = z.infer<typeof SettingsV2>;
const defaultsV2: SettingsV2 = { theme: 'dark', refresh: { seconds: 30 }, window: { width: 1280, height: 800 } };
const toV2 = (old: unknown): SettingsV2 => {
  const v1 = Settings.parse(old);
  return { theme: v1.theme, refresh: { seconds: v1.refreshSeconds }, window: { width: 1280, height: 800 } };
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oc9-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const openV1 = (extra: { onCorrupt?: (p: StoreProblem) => void; clock?: { now(): number } } = {}) =>
  createJsonStore({ dir, name: 'settings', schema: Settings, defaults, version: 1, ...extra });
const fileOf = (name = 'settings') => join(dir, `${name}.json`);
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const asideFiles = () => readdirSync(dir).filter((f) => f.includes('.corrupt-'));

describe('createJsonStore', () => {
  it('starts from defaults without creating a file, then round-trips through a fresh instance', () => {
    const store = openV1();
    expect(store.get()).toEqual(defaults);
    expect(store.problems).toEqual([]);
    expect(store.path).toBe(fileOf());
    expect(existsSync(fileOf())).toBe(false);

    store.set({ theme: 'light', refreshSeconds: 60 });
    expect(readJson(fileOf())).toEqual({ version: 1, data: { theme: 'light', refreshSeconds: 60 } });
    expect(openV1().get()).toEqual({ theme: 'light', refreshSeconds: 60 });
  });

  it('updates from the current value and hands out copies', () => {
    const store = openV1();
    const copy = store.get();
    copy.refreshSeconds = 999;
    expect(store.get().refreshSeconds).toBe(30);
    expect(store.update((s) => ({ ...s, refreshSeconds: s.refreshSeconds * 2 }))).toEqual({ theme: 'dark', refreshSeconds: 60 });
    expect(openV1().get().refreshSeconds).toBe(60);
  });

  it('rejects a value that fails the schema, and writes nothing', () => {
    const store = openV1();
    store.set({ theme: 'light', refreshSeconds: 10 });
    const before = readFileSync(fileOf(), 'utf8');
    const bad = { theme: 'neon', refreshSeconds: 1 } as unknown as Settings;
    expect(() => store.set(bad)).toThrow(expect.objectContaining({ code: 'invalid_input' }) as Error);
    expect(() => store.set(bad)).toThrow(/theme.*refreshSeconds/s);
    expect(readFileSync(fileOf(), 'utf8')).toBe(before);
    expect(store.get()).toEqual({ theme: 'light', refreshSeconds: 10 });
  });

  it('migrates a version 1 file to version 2 and saves the result', () => {
    openV1().set({ theme: 'light', refreshSeconds: 45 });
    const store = createJsonStore({
      dir,
      name: 'settings',
      schema: SettingsV2,
      defaults: defaultsV2,
      version: 2,
      migrations: { 2: toV2 },
    });
    const expected = { theme: 'light', refresh: { seconds: 45 }, window: { width: 1280, height: 800 } };
    expect(store.problems).toEqual([]);
    expect(store.get()).toEqual(expected);
    expect(readJson(fileOf())).toEqual({ version: 2, data: expected });
  });

  it('runs every step of a migration chain in order', () => {
    openV1().set({ theme: 'dark', refreshSeconds: 5 });
    const V3 = SettingsV2.extend({ compact: z.boolean() });
    const store = createJsonStore({
      dir,
      name: 'settings',
      schema: V3,
      defaults: { ...defaultsV2, compact: false },
      version: 3,
      migrations: { 3: (old) => ({ ...SettingsV2.parse(old), compact: true }), 2: toV2 },
    });
    expect(store.get()).toEqual({ theme: 'dark', refresh: { seconds: 5 }, window: { width: 1280, height: 800 }, compact: true });
  });

  it('sets invalid JSON aside, reports it, and starts from defaults', () => {
    writeFileSync(fileOf(), '{"version": 1, "data": {"theme": "li');
    const reported: StoreProblem[] = [];
    const clock = createVirtualClock(Date.UTC(2026, 10, 1, 12, 30, 0));
    const store = openV1({ onCorrupt: (p) => reported.push(p), clock });

    expect(store.get()).toEqual(defaults);
    const aside = join(dir, 'settings.corrupt-2026-11-01T12-30-00-000Z.json');
    expect(store.problems).toEqual([expect.objectContaining({ kind: 'invalid_json', setAsidePath: aside })]);
    expect(reported).toEqual(store.problems);
    expect(store.problems[0]?.message).toMatch(/not valid JSON.*settings\.corrupt-2026-11-01T12-30-00-000Z\.json.*default/);
    expect(readFileSync(aside, 'utf8')).toBe('{"version": 1, "data": {"theme": "li');
    expect(existsSync(fileOf())).toBe(false);

    store.set({ theme: 'light', refreshSeconds: 20 });
    expect(openV1().get()).toEqual({ theme: 'light', refreshSeconds: 20 });
    expect(readFileSync(aside, 'utf8')).toBe('{"version": 1, "data": {"theme": "li');
  });

  it.each([
    ['data of another shape', JSON.stringify({ version: 1, data: ['dark', 30] })],
    ['no envelope', JSON.stringify({ theme: 'dark', refreshSeconds: 30 })],
    ['a JSON array', '[1, 2, 3]'],
    ['JSON null', 'null'],
  ])('sets a file with %s aside untouched', (_label, content) => {
    writeFileSync(fileOf(), content);
    const store = openV1();
    expect(store.get()).toEqual(defaults);
    expect(store.problems.map((p) => p.kind)).toEqual(['schema_violation']);
    expect(store.problems[0]?.message).toMatch(/^The saved settings\.json could not be read: .*started with default settings\.$/);
    expect(asideFiles()).toHaveLength(1);
    expect(readFileSync(store.problems[0]?.setAsidePath ?? '', 'utf8')).toBe(content);
  });

  it('keeps what still parses of a file with a value outside the schema, and says what it dropped and where the original is', () => {
    const content = JSON.stringify({ version: 1, data: { theme: 'light', refreshSeconds: 'often' } });
    writeFileSync(fileOf(), content);
    const store = createJsonStore({
      dir,
      name: 'settings',
      schema: Settings,
      defaults,
      version: 1,
      stillWorks: 'Your keys stay in the keychain.',
    });
    expect(store.get()).toEqual({ theme: 'light', refreshSeconds: 30 });
    expect(store.problems).toEqual([
      expect.objectContaining({ file: 'settings', kind: 'schema_violation', recovered: true, dropped: ['refreshSeconds'] }),
    ]);
    expect(store.problems[0]?.message).toMatch(
      /^Part of the saved settings\.json could not be read \(1 entry\)\. The original file was kept as .*settings\.corrupt-.*\.json; everything else in it was recovered\. Your keys stay in the keychain\.$/,
    );
    expect(readFileSync(store.problems[0]?.setAsidePath ?? '', 'utf8')).toBe(content);
    expect(readJson(fileOf())).toEqual({ version: 1, data: { theme: 'light', refreshSeconds: 30 } });
    expect(openV1().problems).toEqual([]);
  });

  it('removes temp files a crash left mid-write, and nothing else', () => {
    openV1().set({ theme: 'light', refreshSeconds: 45 });
    const old = (Date.now() - 10 * 60_000) / 1000;
    for (const name of ['settings.json.tmp-1790000000a1b2c3', 'settings.json.tmp-1790000001ffffff']) {
      writeFileSync(join(dir, name), '{"version":1,"da');
      utimesSync(join(dir, name), old, old);
    }
    writeFileSync(join(dir, 'settings.json.tmp-1790000002000000'), '{');
    writeFileSync(join(dir, 'other.json.tmp-1790000000a1b2c3'), '{');
    utimesSync(join(dir, 'other.json.tmp-1790000000a1b2c3'), old, old);
    writeFileSync(join(dir, 'settings.json.tmp-notes'), 'mine');
    utimesSync(join(dir, 'settings.json.tmp-notes'), old, old);
    expect(openV1().get()).toEqual({ theme: 'light', refreshSeconds: 45 });
    // a fresh one may belong to a writer in another process; another store's and odd names are left alone
    expect(readdirSync(dir).sort()).toEqual([
      'other.json.tmp-1790000000a1b2c3',
      'settings.json',
      'settings.json.tmp-1790000002000000',
      'settings.json.tmp-notes',
    ]);
  });

  it('sets aside a file from a newer version instead of reading it wrongly', () => {
    writeFileSync(fileOf(), JSON.stringify({ version: 7, data: { anything: true } }));
    const store = openV1();
    expect(store.problems).toEqual([expect.objectContaining({ kind: 'newer_version' })]);
    expect(store.problems[0]?.message).toContain('newer version of OC9 Console');
    expect(store.get()).toEqual(defaults);
  });

  it('sets aside a file whose migration fails or is missing', () => {
    writeFileSync(fileOf(), JSON.stringify({ version: 1, data: { theme: 'dark' } }));
    const failing = createJsonStore({
      dir,
      name: 'settings',
      schema: SettingsV2,
      defaults: defaultsV2,
      version: 2,
      migrations: { 2: toV2 },
    });
    expect(failing.problems.map((p) => p.kind)).toEqual(['migration_failed']);
    expect(failing.get()).toEqual(defaultsV2);

    writeFileSync(fileOf(), JSON.stringify({ version: 1, data: defaults }));
    const missing = createJsonStore({ dir, name: 'settings', schema: SettingsV2, defaults: defaultsV2, version: 2 });
    expect(missing.problems).toEqual([expect.objectContaining({ kind: 'migration_failed', detail: 'no migration to version 2' })]);
    expect(asideFiles()).toHaveLength(2);
  });

  it('never overwrites an earlier set-aside file from the same moment', () => {
    const clock = createVirtualClock(Date.UTC(2026, 0, 2));
    writeFileSync(fileOf(), 'first');
    const first = openV1({ clock }).problems[0]?.setAsidePath ?? '';
    writeFileSync(fileOf(), 'second');
    const second = openV1({ clock }).problems[0]?.setAsidePath ?? '';
    expect(second).not.toBe(first);
    expect(readFileSync(first, 'utf8')).toBe('first');
    expect(readFileSync(second, 'utf8')).toBe('second');
  });

  it('reports a write it could not make as a retryable storage error and keeps the old value', () => {
    const store = openV1();
    rmSync(dir, { recursive: true });
    writeFileSync(dir, 'a file where the folder should be');
    try {
      expect(() => store.set({ theme: 'light', refreshSeconds: 10 })).toThrow(
        expect.objectContaining({ code: 'storage', retryable: true }) as Error,
      );
      expect(store.get()).toEqual(defaults);
    } finally {
      rmSync(dir);
    }
  });

  it('refuses bad options at creation', () => {
    const base = { dir, name: 'settings', schema: Settings, defaults, version: 1 };
    expect(() => createJsonStore({ ...base, dir: 'relative/dir' })).toThrow(/absolute/);
    expect(() => createJsonStore({ ...base, name: '../escape' })).toThrow(/invalid name/);
    expect(() => createJsonStore({ ...base, version: 0 })).toThrow(/version/);
    expect(() => createJsonStore({ ...base, migrations: { 3: (x) => x } })).toThrow(/migration key 3/);
    expect(() => createJsonStore({ ...base, defaults: { theme: 'dark', refreshSeconds: 1 } })).toThrow(/defaults/);
  });
});

// Several processes write the same file as fast as they can while this one keeps reading it: with atomic writes
// (temp file + rename) every read sees a whole file. The control run switches conf to its plain writeFileSync path
// (it does that under SNAP) to prove the reader does catch torn files.
describe('atomic writes', () => {
  const storeModule = fileURLToPath(new URL('./json-store.ts', import.meta.url));
  const WRITES = 100;
  const ROWS = 2000;
  const Doc = z.object({ writer: z.number(), n: z.number(), rows: z.array(z.string()).length(ROWS) });
  const writerScript = (writer: number, storeDir: string) => `
import { z } from 'zod';
import { createJsonStore } from ${JSON.stringify(storeModule)};
const rows = (n) => Array.from({ length: ${ROWS} }, (_, i) => 'row-' + ${writer} + '-' + n + '-' + i);
const Doc = z.object({ writer: z.number(), n: z.number(), rows: z.array(z.string()) });
const store = createJsonStore({ dir: ${JSON.stringify(storeDir)}, name: 'busy', schema: Doc, defaults: { writer: -1, n: -1, rows: [] }, version: 1 });
for (let n = 0; n < ${WRITES}; n++) store.set({ writer: ${writer}, n, rows: rows(n) });
`;
  // without atomic writes a writer may itself start on a torn file and stop: the control run expects that
  const runWriter = (writer: number, env: NodeJS.ProcessEnv, tolerateFailure: boolean) =>
    new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', writerScript(writer, dir)],
        { cwd: fileURLToPath(new URL('../..', import.meta.url)), timeout: 30_000, env },
        (error, _stdout, stderr) => (error && !tolerateFailure ? reject(new Error(`writer ${writer} failed: ${stderr}`)) : resolve()),
      );
    });

  async function hammer(env: NodeJS.ProcessEnv, tolerateWriterFailure = false) {
    const path = join(dir, 'busy.json');
    const seed = { writer: 9, n: 0, rows: Array.from({ length: ROWS }, () => 'seed') };
    createJsonStore({ dir, name: 'busy', schema: Doc, defaults: seed, version: 1 }).set(seed);
    let done = false;
    const writers = Promise.all([0, 1, 2].map((w) => runWriter(w, env, tolerateWriterFailure))).finally(() => {
      done = true;
    });
    let reads = 0;
    let torn = 0;
    while (!done) {
      try {
        Doc.parse((JSON.parse(readFileSync(path, 'utf8')) as { data: unknown }).data);
      } catch {
        torn++;
      }
      reads++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writers;
    return { reads, torn, path };
  }

  it('never shows a partial file to a concurrent reader', async () => {
    const { reads, torn, path } = await hammer({ ...process.env, SNAP: '' });
    expect(torn).toBe(0);
    expect(reads).toBeGreaterThan(50);
    // the last write overall is some writer's last write
    expect(Doc.parse((readJson(path) as { data: unknown }).data).n).toBe(WRITES - 1);
    expect(readdirSync(dir)).toEqual(['busy.json']);
  });

  it('control: the same reader catches torn files when writes are not atomic', async () => {
    const { torn } = await hammer({ ...process.env, SNAP: '1' }, true);
    expect(torn).toBeGreaterThan(0);
  });
});
