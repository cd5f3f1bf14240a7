// An account mirror in a real SQLite file, synced from the real simulator over HTTP: for the mirror's tests, the
// services' tests and the benchmarks. Each `open` is what one start of the app does: a new client (sharing the key's
// saved call counter through the file) and a new sync engine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KrakenClient, KrakenClientOptions } from '../kraken/client';
import { testKeys, type Harness } from '../kraken/test-harness';
import type { ScenarioKey } from '@oc9/kraken-simulator';
import { openAccountMirror, type AccountMirror } from './account-mirror';
import { createMirrorSync, type MirrorSync } from './mirror-sync';

export interface MirrorRun {
  mirror: AccountMirror;
  sync: MirrorSync;
  client: KrakenClient;
  /** Stops the engine and closes the database, as the app does when it quits. */
  close(): void;
}

export interface MirrorFolder {
  dir: string;
  file: string;
  /** Opens the mirror file as one start of the app would. */
  open(options?: { key?: ScenarioKey; client?: Partial<KrakenClientOptions>; origin?: string }): MirrorRun;
  /** Closes every run still open and deletes the folder. */
  remove(): Promise<void>;
}

export async function mirrorFolder(harness: Harness): Promise<MirrorFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'oc9-mirror-'));
  const file = join(dir, 'account.sqlite');
  const runs = new Set<MirrorRun>();
  return {
    dir,
    file,
    open: (options = {}) => {
      const mirror = openAccountMirror({ file, label: 'Test account', origin: options.origin ?? 'test', now: () => harness.clock.now() });
      const client = harness.client(options.key ?? testKeys.trader, { counterStore: mirror.counter, ...options.client });
      const sync = createMirrorSync({ mirror, client, clock: harness.clock });
      const run: MirrorRun = {
        mirror,
        sync,
        client,
        close: () => {
          sync.stop();
          mirror.close();
          runs.delete(run);
        },
      };
      runs.add(run);
      return run;
    },
    remove: async () => {
      for (const run of [...runs]) run.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
