// Every account's mirror and its one sync engine, opened on first use and closed when the app stops. The mirror of
// an account lives in <data folder>/mirror/; what the operator must know about it (rebuilt, kept in memory only, a
// running balance that does not add up) is its status.
import { join } from 'node:path';
import type { Clock } from '../../src-shared/clock';
import type { MirrorStatus } from '../../src-shared/contract/mirror';
import type { CounterStore } from '../kraken/rate-limiter';
import { accountKey } from '../connection/account-key';
import type { Connection } from '../connection/connection-manager';
import { openAccountMirror, type AccountMirror } from './account-mirror';
import { createMirrorSync, type MirrorSync } from './mirror-sync';

/** What identifies an account's mirror: its key, where its Kraken is, and how the operator calls it. */
export type MirrorAccount = Pick<Connection, 'mode' | 'label' | 'accountId' | 'baseUrl'>;

export interface MirrorOf {
  mirror: AccountMirror;
  sync: MirrorSync;
}

export interface AccountMirrors {
  /** The connection's mirror and sync engine (engine bound to the connection's client). */
  of(connection: Connection): MirrorOf;
  /** Where the account's key keeps its call-counter estimate. */
  counterStore(account: MirrorAccount): CounterStore;
  /** Opens a stored account's mirror by its key, for carrying old caches over. */
  openByKey(key: string, label: string, origin: string): AccountMirror;
  status(connection: Connection): MirrorStatus;
  close(): void;
}

/** The mirror's file name for an account key: readable, and safe on every file system. */
export function mirrorFileName(key: string): string {
  return `${key.replace(/[^A-Za-z0-9._-]+/g, '-')}.sqlite`;
}

/** What a mirror copies: a stored account is one Kraken account; the demo's simulator makes a new ledger each run. */
export function mirrorOrigin(account: MirrorAccount): string {
  return account.mode === 'demo' ? `${accountKey(account)}@${account.baseUrl}` : accountKey(account);
}

export function createAccountMirrors(options: { dataDir: string; clock: Clock }): AccountMirrors {
  const { clock } = options;
  const mirrors = new Map<string, AccountMirror>();
  const engines = new Map<string, { client: Connection['client']; sync: MirrorSync }>();

  const openByKey = (key: string, label: string, origin: string): AccountMirror => {
    let mirror = mirrors.get(key);
    if (mirror === undefined) {
      mirror = openAccountMirror({ file: join(options.dataDir, 'mirror', mirrorFileName(key)), label, origin, now: () => clock.now() });
      mirrors.set(key, mirror);
    }
    return mirror;
  };
  const open = (account: MirrorAccount) => openByKey(accountKey(account), account.label, mirrorOrigin(account));

  const of = (connection: Connection): MirrorOf => {
    const key = accountKey(connection);
    const mirror = open(connection);
    let engine = engines.get(key);
    // the account's client changes when its key is used again: the engine follows it
    if (engine === undefined || engine.client !== connection.client) {
      engine?.sync.stop();
      engine = { client: connection.client, sync: createMirrorSync({ mirror, client: connection.client, clock }) };
      engines.set(key, engine);
    }
    return { mirror, sync: engine.sync };
  };

  return {
    of,
    counterStore: (account) => open(account).counter,
    openByKey,
    status(connection) {
      const { mirror, sync } = of(connection);
      return { notice: mirror.notice(), problems: sync.problems().map((p) => p.message) };
    },
    close() {
      for (const { sync } of engines.values()) sync.stop();
      for (const mirror of mirrors.values()) mirror.close();
      engines.clear();
      mirrors.clear();
    },
  };
}
