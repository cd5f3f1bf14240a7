import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { salvage } from './salvage';

const Receipt = z.object({ refid: z.string(), amount: z.string().regex(/^\d+(\.\d+)?$/) });
const Account = z.object({
  lastTarget: z.string().nullable(),
  active: z.object({ planId: z.string() }).nullable(),
  receipts: z.array(Receipt),
  search: z.object({ page: z.number() }).nullable().default(null),
});
const File = z.object({ accounts: z.record(z.string(), Account) });
const EMPTY_FILE = { accounts: {} };

describe('salvage', () => {
  it('keeps every receipt and account that still parses, and names what it dropped', () => {
    const data = {
      accounts: {
        demo: {
          lastTarget: 'ZUSD',
          active: { planId: 7 },
          receipts: [
            { refid: 'A', amount: '1.5' },
            { refid: 'B', amount: 'lots' },
            { refid: 'C', amount: '2' },
          ],
          search: 'x',
        },
        live: { lastTarget: null, active: { planId: 'P1' }, receipts: [] },
        broken: 'not an account',
      },
    };
    const { value, dropped } = salvage(File, data, EMPTY_FILE);
    expect(value).toEqual({
      accounts: {
        demo: {
          lastTarget: 'ZUSD',
          active: null,
          receipts: [
            { refid: 'A', amount: '1.5' },
            { refid: 'C', amount: '2' },
          ],
          search: null,
        },
        live: { lastTarget: null, active: { planId: 'P1' }, receipts: [], search: null },
      },
    });
    expect(dropped).toEqual(['accounts.demo.active', 'accounts.demo.receipts[1]', 'accounts.demo.search', 'accounts.broken']);
  });

  it('keeps each setting that still parses and gives the rest their default', () => {
    const Settings = z.object({ theme: z.enum(['dark', 'light']), refresh: z.number().min(5), tolerance: z.object({ abs: z.string() }) });
    const defaults = { theme: 'dark' as const, refresh: 30, tolerance: { abs: '0.1' } };
    expect(salvage(Settings, { theme: 'light', refresh: 'soon', tolerance: { abs: 5 } }, defaults)).toEqual({
      value: { theme: 'light', refresh: 30, tolerance: { abs: '0.1' } },
      dropped: ['refresh', 'tolerance.abs'],
    });
  });

  it('falls back whole when nothing of the shape is left', () => {
    expect(salvage(File, [1, 2], EMPTY_FILE)).toEqual({ value: EMPTY_FILE, dropped: ['(everything)'] });
  });
});
