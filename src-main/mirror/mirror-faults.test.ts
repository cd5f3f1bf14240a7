// The account mirror when things go wrong, for real: an unreadable file is set aside and rebuilt from Kraken; a child
// process killed mid-ingest leaves a consistent mirror that the next start completes; a full disk and a read-only
// folder (small tmpfs mounts: these tests need root, as the project's machines and CI run) leave the mirror in memory
// with one line for the operator, and the app goes on reading Kraken.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { oldestFirst } from '../../src-shared/ledger';
import { createKrakenClient } from '../kraken/client';
import { ledgerMovements, startHarness, testKeys, type Harness } from '../kraken/test-harness';
import { connectionOf, type Connection } from '../connection/connection-manager';
import { FIXTURE_FUNDING } from '@oc9/kraken-simulator/test-support';
import { openAccountMirror, type AccountMirror } from './account-mirror';
import { createAccountMirrors, mirrorFileName, type AccountMirrors } from './account-mirrors';
import { createMirrorSync } from './mirror-sync';

const foreground = { priority: 'foreground' } as const;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oc9-mirror-fault-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(options);
  cleanups.push(() => h.stop());
  return h;
}

/** A small tmpfs of its own at `dir`: a disk that really fills up, or a folder that really refuses writes. */
function mountTmpfs(dir: string, options: string): void {
  if (process.getuid?.() !== 0)
    throw new Error('The mirror fault tests mount a small tmpfs: run them as root (CI and the project machines do).');
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  cleanups.push(() => void execFileSync('umount', [dir]));
}

function demoConnection(h: Harness, mirrors?: AccountMirrors): Connection {
  const account = { mode: 'demo' as const, baseUrl: h.sim.url, label: 'Demo account', accountId: null };
  const key = testKeys.trader;
  const counter = mirrors?.counterStore(account);
  return connectionOf(
    account,
    createKrakenClient({
      baseUrl: h.sim.url,
      credentials: { apiKey: key.key, secret: key.secret },
      tier: key.tier,
      clock: h.clock,
      ...(counter ? { counterStore: counter } : {}),
    }),
    h.clock,
  );
}

function readAll(mirror: AccountMirror, h: Harness, connection: Connection) {
  const sync = createMirrorSync({ mirror, client: connection.client, clock: h.clock });
  return (async () => {
    await sync.catchUp('ledger', foreground);
    await sync.backfill('ledger', null, foreground);
  })();
}

describe('a mirror file that cannot be read', () => {
  it('is moved aside, the operator is told in one line, and it is rebuilt from Kraken; nothing else is touched', async () => {
    const h = await harness();
    const dataDir = await tempDir();
    const connection = demoConnection(h);
    const file = join(dataDir, 'mirror', mirrorFileName('demo:Demo account'));
    mkdirSync(join(dataDir, 'mirror'));
    writeFileSync(file, 'this is not a SQLite database, whatever its name says');
    const others = {
      'settings.json': '{"version":1,"data":{}}',
      'accounts.json': '{"version":1,"data":[]}',
      'conversions.json': '{"version":2,"data":{"accounts":{}}}',
    };
    for (const [name, text] of Object.entries(others)) writeFileSync(join(dataDir, name), text);

    const mirrors = createAccountMirrors({ dataDir, clock: h.clock });
    cleanups.push(() => mirrors.close());
    const { mirror, sync } = mirrors.of(connection);
    const status = mirrors.status(connection);
    expect(status.notice?.kind).toBe('rebuilt');
    expect(status.notice?.message).toMatch(
      /^The copy of Kraken’s ledger for Demo account could not be read \(file is not a database\), so it was moved aside as .*\.unreadable-.*\.sqlite and is being rebuilt from Kraken\. Settings, accounts and receipts are untouched\.$/,
    );
    const aside = readdirSync(join(dataDir, 'mirror')).find((name) => name.includes('.unreadable-'));
    expect(readFileSync(join(dataDir, 'mirror', aside ?? ''), 'utf8')).toBe('this is not a SQLite database, whatever its name says');
    await sync.catchUp('ledger', foreground);
    await sync.backfill('ledger', null, foreground);
    expect(mirror.count('ledger')).toBe(h.sim.account.ledger.all().length);
    expect(mirror.file()).toBe(file);
    for (const [name, text] of Object.entries(others)) expect(readFileSync(join(dataDir, name), 'utf8')).toBe(text);
  });
});

describe('a mirror file from a newer version', () => {
  it('is left as it is: this session keeps its copy in memory and says why', async () => {
    const h = await harness();
    const dir = await tempDir();
    const file = join(dir, 'account.sqlite');
    const newer = new DatabaseSync(file);
    newer.exec('CREATE TABLE ledger (id TEXT PRIMARY KEY, shape TEXT); PRAGMA user_version = 99;');
    newer.close();
    const mirror = openAccountMirror({ file, label: 'Desk key', origin: 'test', now: () => h.clock.now() });
    cleanups.push(() => mirror.close());
    expect(mirror.notice()).toEqual({
      kind: 'unavailable',
      message: expect.stringMatching(
        /^The copy of Kraken’s ledger for Desk key cannot be kept in .* \(account\.sqlite was written by a newer OC9 Console, and is left as it is\)\./,
      ) as unknown,
    });
    expect(mirror.file()).toBeNull();
    const check = new DatabaseSync(file, { readOnly: true });
    expect(check.prepare('PRAGMA user_version').get()).toEqual({ user_version: 99 });
    check.close();
  });
});

describe('a process killed mid-ingest', () => {
  const child = fileURLToPath(new URL('./test-sync-child.ts', import.meta.url));
  /** Runs the child until it has written `pages` more pages (or finished), then kills it with SIGKILL. */
  async function runAndKill(file: string, pages: number): Promise<'killed' | 'done'> {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, file, '3000', '200'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    proc.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`the sync child neither wrote nor finished in time:\n${errors}`));
      }, 30_000);
      proc.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const lines = output.split('\n').filter(Boolean);
        if (lines.some((line) => line.includes('"done"'))) return;
        // the kill lands while it reads or writes its next page: whatever it was doing is cut off
        if (lines.length >= pages && proc.exitCode === null) proc.kill('SIGKILL');
      });
      proc.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (signal === 'SIGKILL') resolve(output.includes('"done"') ? 'done' : 'killed');
        else if (code === 0) resolve('done');
        else reject(new Error(`the sync child failed (${String(code)}):\n${errors}`));
      });
    });
  }

  it('leaves a mirror the next start finds consistent, and that start goes on to the end', async () => {
    // the same scenario the child serves, for what the mirror should hold
    const h = await harness({ movements: ledgerMovements(3000 - FIXTURE_FUNDING.length), settings: { ledgerPageSize: 200 } });
    const inKrakenOrder = h.sim.account.ledger.all().map((e) => e.id);
    const file = join(await tempDir(), 'account.sqlite');
    let rounds = 0;
    for (let outcome = 'killed'; outcome === 'killed'; rounds++) {
      outcome = await runAndKill(file, 3);
      // what the next start finds: a sound file, and the entries readers see are whole pages from the newest down
      const db = new DatabaseSync(file);
      try {
        expect(db.prepare('PRAGMA quick_check').get()).toEqual({ quick_check: 'ok' });
        const held = new Set(
          db
            .prepare('SELECT id FROM ledger WHERE pending IN (0, 2)')
            .all()
            .map((row) => String(row['id'])),
        );
        const state = db.prepare("SELECT state FROM sync_state WHERE stream = 'ledger'").get() as { state: string } | undefined;
        const ofs = state === undefined ? 0 : ((JSON.parse(state.state) as { floor: { ofs: number } | null }).floor?.ofs ?? 0);
        // exactly the newest `ofs` entries, as the saved cursor says: no page half written, none lost
        expect(held).toEqual(new Set(inKrakenOrder.slice(inKrakenOrder.length - ofs)));
      } finally {
        db.close();
      }
    }
    expect(rounds).toBeGreaterThan(2);
    const mirror = openAccountMirror({ file, label: 'Test account', origin: 'test', now: () => h.clock.now() });
    cleanups.push(() => mirror.close());
    expect(mirror.ledgerAfter(null).map((e) => e.id)).toEqual(oldestFirst(h.sim.account.ledger.all()).map((e) => e.id));
    expect(mirror.state('ledger')).toMatchObject({ complete: true, head: { id: inKrakenOrder.at(-1) } });
  });
});

describe('a disk that refuses writes', () => {
  it('full mid-sync: the mirror goes on in memory with what it held, says so, and the app reads Kraken still', async () => {
    const h = await harness({ movements: ledgerMovements(6000) });
    const dataDir = await tempDir();
    mountTmpfs(dataDir, 'size=1m');
    const mirrors = createAccountMirrors({ dataDir, clock: h.clock });
    cleanups.push(() => mirrors.close());
    const connection = demoConnection(h, mirrors);
    const { mirror, sync } = mirrors.of(connection);
    expect(mirror.file()).not.toBeNull();
    await sync.catchUp('ledger', foreground);
    await sync.backfill('ledger', null, foreground);
    const status = mirrors.status(connection);
    expect(status.notice?.kind).toBe('unavailable');
    expect(status.notice?.message).toMatch(
      /can no longer be saved in .* \(database or disk is full\)\. OC9 Console goes on with this session’s copy in memory and reads Kraken directly; free disk space or make the folder writable, then restart\.$/,
    );
    expect(mirror.file()).toBeNull();
    expect(mirror.ledgerAfter(null).map((e) => e.id)).toEqual(oldestFirst(h.sim.account.ledger.all()).map((e) => e.id));
    await h.admin('deposit', { asset: 'ZUSD', amount: '1' });
    expect((await sync.catchUp('ledger', foreground)).records).toBe(1);
  });

  it('a read-only data folder: the mirror lives in memory from the start, and says why', async () => {
    const h = await harness();
    const dataDir = await tempDir();
    mountTmpfs(dataDir, 'ro,size=1m');
    const mirrors = createAccountMirrors({ dataDir, clock: h.clock });
    cleanups.push(() => mirrors.close());
    const connection = demoConnection(h, mirrors);
    const { mirror } = mirrors.of(connection);
    expect(mirrors.status(connection).notice).toEqual({
      kind: 'unavailable',
      message: expect.stringMatching(
        /^The copy of Kraken’s ledger for Demo account cannot be kept in .*\/mirror \(the folder could not be created: .*(EROFS|ENOENT)\)\. OC9 Console reads Kraken directly/,
      ) as unknown,
    });
    await readAll(mirror, h, connection);
    expect(mirror.count('ledger')).toBe(h.sim.account.ledger.all().length);
    expect(existsSync(join(dataDir, 'mirror'))).toBe(false);
  });
});
