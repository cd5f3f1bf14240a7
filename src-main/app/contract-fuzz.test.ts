// Random JSON sent to every contract call of the real app (demo mode on the embedded simulator): validation never
// throws, so a bad input is always invalid_input (or the handler's own clear error), never `internal`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callNames, calls } from '../../src-shared/contract';
import { createVirtualClock } from '../../src-shared/clock';
import { createApp, type RunningApp } from './create-app';

let dir: string;
let app: RunningApp;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'oc9-fuzz-'));
  // virtual time: rate-limit waits of the demo account pass at once, so the property test runs many calls
  app = await createApp({
    dataDir: dir,
    transport: 'browser',
    version: '0.0.0',
    vaultService: `oc9-fuzz-${process.pid}`,
    clock: createVirtualClock(Date.now()),
  });
});
afterAll(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The field names a call's input object takes, so random values land on real fields as well as unknown ones. */
function fieldsOf(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

const hostileText = fc.constantFrom('abc', '1e3', 'NaN', '', ' 1', '-0', '0x10', 'Infinity', '1.2.3', '١٢', '9'.repeat(400));

function inputFor(name: string): fc.Arbitrary<unknown> {
  const fields = fieldsOf(calls[name as keyof typeof calls].input as z.ZodType);
  const value = fc.oneof(fc.jsonValue(), hostileText);
  const onFields = fields.length === 0 ? fc.constant({}) : fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: fields.length });
  return fc.oneof(fc.jsonValue(), onFields);
}

describe('every contract call under random input', () => {
  it('answers invalid_input or a clear error, never internal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...callNames).chain((name) => fc.tuple(fc.constant(name), inputFor(name))),
        async ([name, input]) => {
          const result = await app.host.dispatch(name, input);
          if (!result.ok) expect(result.error.code, `${name} ${JSON.stringify(input)}: ${result.error.message}`).not.toBe('internal');
        },
      ),
      { numRuns: 500 },
    );
  }, 120_000);

  it('the decimal settings name the field for non-decimal text', async () => {
    for (const bad of ['abc', '1e3', 'NaN', '']) {
      const result = await app.host.dispatch('settings.update', { dustThresholdUsd: bad });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(!result.ok && result.error.message).toMatch(/dustThresholdUsd/);
    }
  });
});
