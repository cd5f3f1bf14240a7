// Saved files that no longer read cleanly at start, against the real app: each is set aside where the operator can
// find it, every record that still parses is kept, and the screen concerned can say so.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './create-app';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oc9-notices-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: unknown) =>
  writeFileSync(join(dir, `${name}.json`), typeof content === 'string' ? content : JSON.stringify(content));

describe('saved files that do not read cleanly at start', () => {
  it('are set aside and reported per file, with what still works, keeping every record that parses', async () => {
    write('accounts', '{"version":1,"data":{"activeId":"acct-1","accounts":[{"id":"acct-1",');
    write('settings', {
      version: 1,
      data: {
        quoteCurrency: 'EUR',
        dustThresholdUsd: 'abc',
        borderlineBand: '0.10',
        conversionFeeRate: '0.03',
        autoRefreshSeconds: 60,
        reconcileTolerance: { absolute: '0', relative: '0', valueUsd: '0' },
      },
    });
    write('conversions', {
      version: 1,
      data: {
        accounts: {
          'demo:Demo account': {
            lastTarget: 'ZEUR',
            active: { plan: 'half-written' },
            receipts: [{ receipt: 'torn' }],
            scannedTo: null,
            scannedAt: null,
            search: null,
          },
        },
      },
    });

    const app = await createApp({ dataDir: dir, transport: 'browser', version: '0', vaultService: `oc9-notices-${process.pid}` });
    try {
      const notices = await app.host.dispatch('app.storageNotices', {});
      expect(notices.ok).toBe(true);
      const byFile = new Map(
        (notices.ok ? (notices.value as { file: string; message: string; recovered: boolean }[]) : []).map((n) => [n.file, n]),
      );
      expect([...byFile.keys()].sort()).toEqual(['accounts', 'conversions', 'settings']);

      expect(byFile.get('accounts')).toMatchObject({
        recovered: false,
        message: expect.stringMatching(/not valid JSON.*kept as .*accounts\.corrupt-.*\.json.*still in the system keychain/s) as string,
      });
      expect(byFile.get('settings')).toMatchObject({
        recovered: true,
        message: expect.stringMatching(/\(1 entry\).*settings\.corrupt-/s) as string,
      });
      expect(byFile.get('conversions')).toMatchObject({
        recovered: true,
        message: expect.stringMatching(/\(2 entries\).*Kraken’s ledger/s) as string,
      });

      // what still parsed was kept: the chosen currency, the last destination
      const settings = await app.host.dispatch('settings.get', {});
      expect(settings).toMatchObject({ ok: true, value: { quoteCurrency: 'EUR', dustThresholdUsd: '1.00' } });
      const saved = JSON.parse(readFileSync(join(dir, 'conversions.json'), 'utf8')) as {
        data: { accounts: Record<string, { lastTarget: string }> };
      };
      expect(saved.data.accounts['demo:Demo account']?.lastTarget).toBe('ZEUR');
      // the originals are kept byte for byte next to the files
      const aside = (message: string) => /kept as (\S+\.json)/.exec(message)?.[1] ?? '';
      expect(readFileSync(aside(byFile.get('accounts')?.message ?? ''), 'utf8')).toContain('"acct-1"');
      expect(existsSync(aside(byFile.get('conversions')?.message ?? ''))).toBe(true);

      // and the log says so too
      const log = readFileSync(join(dir, 'logs', 'oc9-console.log'), 'utf8');
      expect(log.match(/saved file set aside/g)).toHaveLength(3);
    } finally {
      await app.stop();
    }
  });
});
