// The page's stores under test talk to the real main side: the app's services, the embedded Kraken simulator and
// its ledger, in this process. Answers and events cross as JSON, as they do over IPC or browser mode's server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type RunningApp } from '../src-main/app/create-app';
import { callAdmin } from '../src-main/simulator/test-client';
import type { Transport } from '../src-shared/rpc';
import { createApiClient, type ApiClient } from './api/api';

export interface MainSide {
  api: ApiClient;
  dataDir: string;
  /** The simulator's admin API (deposits, sweeps, faults); fails the test on anything but 200. */
  admin(path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

const asWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null)) as unknown;

export function inProcessTransport(app: RunningApp): Transport {
  return {
    invoke: async (name, input) => asWire(await app.host.dispatch(name, asWire(input))),
    subscribe: (listener) => app.host.subscribe((name, payload) => listener(name, asWire(payload))),
  };
}

export async function startMainSide(options: { watchIntervalMs?: number } = {}): Promise<MainSide> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oc9-stores-'));
  const app = await createApp({
    dataDir,
    transport: 'browser',
    version: '0',
    vaultService: `oc9-stores-${process.pid}`,
    ...(options.watchIntervalMs !== undefined ? { watchIntervalMs: options.watchIntervalMs } : {}),
  });
  return {
    api: createApiClient(inProcessTransport(app)),
    dataDir,
    admin: async (path, body) => {
      const answer = await callAdmin(app.simulatorUrl ?? '', path, body);
      if (answer.status !== 200) throw new Error(`simulator admin ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
    stop: async () => {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when `check` holds, polling briefly; fails with `what` after `ms`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
