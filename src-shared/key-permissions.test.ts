import { describe, expect, it } from 'vitest';
import { groupPermissions, missingPermissionsMessage, withdrawWarning } from './key-permissions';

const READ_ALL = ['query-funds', 'query-open-trades', 'query-closed-trades', 'query-ledger'];

describe('groupPermissions', () => {
  it('finds a read-only key sufficient, with nothing to remove', () => {
    const report = groupPermissions(READ_ALL);
    expect(report.sufficient).toBe(true);
    expect(report.required.every((p) => p.granted)).toBe(true);
    expect(report.optional.map((p) => [p.code, p.granted])).toEqual([
      ['modify-trades', false],
      ['close-trades', false],
    ]);
    expect(report.remove).toEqual([]);
    expect(missingPermissionsMessage(report)).toBeNull();
    expect(withdrawWarning(report)).toBeNull();
  });

  it('names each missing required permission', () => {
    const report = groupPermissions(['query-open-trades', 'query-closed-trades']);
    expect(report.sufficient).toBe(false);
    expect(report.required.filter((p) => !p.granted).map((p) => p.code)).toEqual(['query-funds', 'query-ledger']);
    const message = missingPermissionsMessage(report) ?? '';
    expect(message).toContain('Funds – Query');
    expect(message).toContain('Query ledger entries');
    expect(message).not.toContain('Query open orders');
  });

  it('puts withdraw in the group to remove, and warns where to remove it', () => {
    const report = groupPermissions([...READ_ALL, 'modify-trades', 'withdraw-funds']);
    expect(report.sufficient).toBe(true);
    expect(report.remove.map((p) => p.code)).toEqual(['withdraw-funds']);
    expect(report.optional.find((p) => p.code === 'modify-trades')?.granted).toBe(true);
    const warning = withdrawWarning(report) ?? '';
    expect(warning).toContain('can withdraw funds');
    expect(warning).toContain('Settings › API');
  });

  it('lists permissions it neither needs nor fears, once and sorted', () => {
    const report = groupPermissions([...READ_ALL, 'export-data', 'add-funds', 'export-data']);
    expect(report.unused).toEqual(['add-funds', 'export-data']);
  });

  it('finds a key without permissions insufficient', () => {
    const report = groupPermissions([]);
    expect(report.sufficient).toBe(false);
    expect(report.required.some((p) => p.granted)).toBe(false);
  });
});
