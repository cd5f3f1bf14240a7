import { describe, expect, it } from 'vitest';
import { readFindings } from './electronegativity-findings.mjs';

const header = 'issue, severity, confidence, filename, location, sample, description, url\n';

describe('readFindings', () => {
  it('reads the severity of rows whose sample and description hold commas and quotes', () => {
    const csv = header +
      'OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","main/index.js","89:7","await shell.openExternal(url, { activate: true });","Review the use of openExternal, HIGH risk if unchecked",https://x/wiki\n' +
      'PRELOAD_JS_CHECK,"HIGH","FIRM","main/index.js","189:3","preload: join(a, ""../preload/preload.cjs""),","Review, then fix",https://x/wiki\n';
    expect(readFindings(csv)).toEqual([
      { check: 'OPEN_EXTERNAL_JS_CHECK', severity: 'MEDIUM', confidence: 'TENTATIVE', file: 'main/index.js', line: '89:7' },
      { check: 'PRELOAD_JS_CHECK', severity: 'HIGH', confidence: 'FIRM', file: 'main/index.js', line: '189:3' },
    ]);
  });

  it('refuses a report whose severity it cannot read, rather than passing it', () => {
    expect(() => readFindings(header + 'X_CHECK,"Review this, please","FIRM","a.js","1:1",N/A,"d",u\n')).toThrow(/unreadable severity/);
  });

  it('reads an empty report as no findings', () => {
    expect(readFindings(header)).toEqual([]);
  });
});
