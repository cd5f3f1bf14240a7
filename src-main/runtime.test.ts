// Runtime parity: npm scripts run on the Node 24 pinned as a devDependency (the Node inside Electron 45), whatever
// the system Node is, so the account mirror's node:sqlite and Kraken's lossless JSON behave here as in the app.
import { DatabaseSync } from 'node:sqlite';
import { expect, it } from 'vitest';

it('runs on Node 24, with node:sqlite and JSON source text', () => {
  expect(process.versions.node.split('.')[0]).toBe('24');
  const db = new DatabaseSync(':memory:');
  try {
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
  } finally {
    db.close();
  }
  const sources: string[] = [];
  JSON.parse('{"time":1728488004.8839543}', (_key, value: unknown, context?: { source?: string }) => {
    if (typeof value === 'number' && context?.source) sources.push(context.source);
    return value;
  });
  expect(sources).toEqual(['1728488004.8839543']);
});
