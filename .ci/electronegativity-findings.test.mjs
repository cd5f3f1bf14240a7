import { describe, expect, it } from 'vitest';
import { findingsOf } from './electronegativity-findings.mjs';

const issue = (id, severity, extra = {}) => ({
  id,
  severity: { name: severity, value: 0 },
  confidence: { name: 'FIRM' },
  file: 'main/index.js',
  location: { line: 89, column: 7 },
  sample: 'await shell.openExternal(url, { activate: true }); // "quoted", HIGH',
  ...extra,
});

describe('findingsOf', () => {
  it('reads each issue’s severity from the runner’s answer, whatever its sample or description holds', () => {
    expect(
      findingsOf([
        issue('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', { description: 'Review, HIGH risk, "quoted"' }),
        issue('PRELOAD_JS_CHECK', 'HIGH'),
      ]),
    ).toEqual([
      { check: 'OPEN_EXTERNAL_JS_CHECK', severity: 'MEDIUM', confidence: 'FIRM', file: 'main/index.js', line: '89:7' },
      { check: 'PRELOAD_JS_CHECK', severity: 'HIGH', confidence: 'FIRM', file: 'main/index.js', line: '89:7' },
    ]);
  });

  it('refuses an issue whose severity it cannot read, rather than passing it', () => {
    expect(() => findingsOf([issue('X_CHECK', 'Review this, please')])).toThrow(/unreadable severity/);
    expect(() => findingsOf([{ id: 'Y_CHECK' }])).toThrow(/unreadable severity/);
  });

  it('reads no issues as no findings', () => {
    expect(findingsOf([])).toEqual([]);
  });
});
