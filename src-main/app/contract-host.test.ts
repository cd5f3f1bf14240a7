import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { createLogger } from '../logger';
import { createContractHost } from './contract-host';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oc9-host-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createContractHost', () => {
  it('logs an internal failure with its stack, redacted, and tells the user only to check the log', async () => {
    const logger = createLogger({ dir });
    logger.redact(['kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==']);
    const handlers = {
      'settings.get': () => Promise.reject(new TypeError('cannot read x of kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fW')),
      'settings.update': () => Promise.reject(new AppError('storage', 'Disk full.')),
    } as unknown as Handlers;
    const host = createContractHost(handlers, logger);

    const result = await host.dispatch('settings.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!result.ok && result.error.message).not.toMatch(/cannot read|kQH5/);
    expect(await host.dispatch('settings.update', {})).toMatchObject({ ok: false, error: { code: 'storage' } });

    const lines = readFileSync(logger.path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: 'error', msg: 'settings.get failed inside the app', call: 'settings.get' });
    const error = line?.['error'] as { name: string; stack: string };
    expect(error.name).toBe('TypeError');
    expect(error.stack).toContain('contract-host.test.ts');
    expect(JSON.stringify(line)).not.toContain('kQH5HW/8p1uGOVjbgWA7');
  });
});
