// Saved files of every format version ever written, loaded through the real app: each opens without being set
// aside, and what it held is what the app shows. A new format version must come with its migration and a sample.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src-shared/clock';
import { createApp } from '../app/create-app';
import { SAVED_FILES } from './saved-file-formats';

const SAMPLES = join(import.meta.dirname, 'saved-files');
const versions = Array.from({ length: Math.max(...Object.values(SAVED_FILES).map((f) => f.version)) }, (_, i) => i + 1);

describe('saved files of every version', () => {
  it('has a sample of every file in every version it has had', () => {
    for (const [name, format] of Object.entries(SAVED_FILES)) {
      const versionsOfFile = [1, ...Object.keys(format.migrations).map(Number)];
      expect(versionsOfFile.sort((a, b) => a - b)).toEqual(Array.from({ length: format.version }, (_, i) => i + 1));
      for (const version of versionsOfFile) {
        const sample = join(SAMPLES, `v${version}`, `${name}.json`);
        expect(existsSync(sample), sample).toBe(true);
        expect((JSON.parse(readFileSync(sample, 'utf8')) as { version: number }).version).toBe(version);
      }
    }
  });

  it.each(versions)('version %i files open in today’s app with nothing set aside and everything shown', async (version) => {
    const dir = mkdtempSync(join(tmpdir(), `oc9-saved-v${version}-`));
    // each file as the app of that version left it: its newest sample up to this version
    for (let older = 1; older <= version; older++) {
      for (const file of readdirSync(join(SAMPLES, `v${older}`))) copyFileSync(join(SAMPLES, `v${older}`, file), join(dir, file));
    }
    const app = await createApp({
      dataDir: dir,
      transport: 'browser',
      version: '0',
      vaultService: `oc9-saved-${process.pid}`,
      clock: createVirtualClock(Date.UTC(2026, 10, 21)),
    });
    try {
      const call = async <T>(name: string): Promise<T> => {
        const result = await app.host.dispatch(name, {});
        if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
        return result.value as T;
      };
      expect(await call('app.storageNotices')).toEqual([]);
      expect(await call('settings.get')).toMatchObject({ quoteCurrency: 'EUR', dustThresholdUsd: '1.50' });
      // version 1 had no small-balance limit: it gets the default; version 2 keeps its own
      expect(await call('settings.get')).toMatchObject({ smallBalanceLimitUsd: version === 1 ? '10' : '25' });
      expect((await call<{ accounts: { keyName: string }[] }>('accounts.list')).accounts.map((a) => a.keyName)).toEqual(['oc9-bot']);
      const active = await call<{ status: string; receiptRefid: string } | null>('conversion.active');
      expect(active).toMatchObject({ status: 'completed', receiptRefid: expect.any(String) as string });
      const history = await call<{ entries: { receipt: { refid: string }; origin: string }[] }>('conversion.history');
      expect(history.entries.map((entry) => entry.receipt.refid)).toContain(active?.receiptRefid);
      expect(history.entries.find((entry) => entry.receipt.refid === active?.receiptRefid)?.origin).toBe('app');
      const reconcile = await call<{ snapshot: unknown; audit: { note: string }[] }>('reconcile.state');
      expect(reconcile.snapshot).not.toBeNull();
      expect(reconcile.audit.map((entry) => entry.note)).toEqual(['fixture']);
      const runs = await call<{ steps: { clOrdId: string; status: string }[] }[]>('sale.runs');
      expect(runs.flatMap((run) => run.steps)).toEqual([expect.objectContaining({ clOrdId: 'oc9-9b2f6c1e4d-0', status: 'filled' })]);
      expect(app.windowState.get()).toMatchObject({ width: 1440, height: 900 });
      expect(readdirSync(dir).filter((file) => file.includes('.corrupt-'))).toEqual([]);
    } finally {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
