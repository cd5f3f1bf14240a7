// The first start after the mirror arrived: the JSON caches of older versions (written as they wrote them, times as
// numbers) are carried into each stored account's mirror and deleted; the mirror then reads only what they lacked.
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { oldestFirst } from '../../src-shared/ledger';
import { createKrakenClient } from '../kraken/client';
import { ledgerMovements, startHarness, testKeys, type Harness } from '../kraken/test-harness';
import { createConversionsFile } from '../features/conversion/conversions-file';
import { connectionOf, type Connection } from '../connection/connection-manager';
import { ledgerWire } from '@oc9/kraken-simulator/test-support';
import { createAccountMirrors, type AccountMirrors } from './account-mirrors';
import { carryOverLegacyCaches } from './legacy-caches';

let h: Harness | undefined;
let dataDir: string | undefined;
let mirrors: AccountMirrors | undefined;
afterEach(async () => {
  mirrors?.close();
  await h?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  h = undefined;
  dataDir = undefined;
  mirrors = undefined;
});

const file = (name: string, data: unknown, version = 1) =>
  writeFileSync(join(dataDir ?? '', `${name}.json`), JSON.stringify({ version, data }));

it('carries the reconcile ledger and trade caches into the mirror, deletes them, and the mirror reads only what they lacked', async () => {
  h = await startHarness({ movements: ledgerMovements(80) });
  dataDir = await mkdtemp(join(tmpdir(), 'oc9-legacy-'));
  const harness = h;
  await harness.admin('trade', { pair: 'XBTUSD', type: 'buy', volume: '0.01' });
  await harness.admin('trade', { pair: 'ETHUSD', type: 'buy', volume: '0.1' });
  const { account } = harness.sim;
  const ledger = account.ledger.all();
  // as the old caches held them: plain JSON, times as numbers
  const asCached = (e: (typeof ledger)[number]) => ({ id: e.id, ...ledgerWire(e, account.market), time: Number(e.time) });
  const base = ledger[ledger.length - 31];
  const since = ledger.slice(-30);
  const newest = ledger.at(-1);
  file('reconcile-ledger', {
    accounts: {
      'live:acc-1': {
        base: { id: base?.id, time: Number(base?.time) },
        head: { id: newest?.id, time: Number(newest?.time) },
        entries: since.map(asCached).reverse(),
      },
      'demo:Demo account': { base: null, head: null, entries: [asCached(ledger[0] ?? since[0]!)] },
    },
  });
  const trades = account.trades.map((t) => ({
    id: t.txid,
    ordertxid: t.ordertxid,
    pair: t.pair,
    time: Number(t.time),
    type: t.type,
    ordertype: t.ordertype,
    price: t.price.toFixed(),
    cost: t.cost.toFixed(),
    fee: t.fee.toFixed(),
    vol: t.vol.toFixed(),
  }));
  file('reconcile-trades', { accounts: { 'live:acc-1': { trades, head: { id: trades.at(-1)?.id, time: trades.at(-1)?.time } } } });
  file('conversions', {
    accounts: {
      'live:acc-1': {
        lastTarget: 'ZEUR',
        active: null,
        receipts: [],
        scannedTo: { id: newest?.id, time: Number(newest?.time) },
        scannedAt: 1_790_000_000_000,
        search: null,
      },
    },
  });

  mirrors = createAccountMirrors({ dataDir, clock: harness.clock });
  const opened = mirrors;
  carryOverLegacyCaches(dataDir, (key) => opened.openByKey(key, key, key));
  expect(existsSync(join(dataDir, 'reconcile-ledger.json'))).toBe(false);
  expect(existsSync(join(dataDir, 'reconcile-trades.json'))).toBe(false);

  const key = testKeys.trader;
  const connection: Connection = connectionOf(
    { mode: 'live', baseUrl: harness.sim.url, label: 'Desk key', accountId: 'acc-1' },
    createKrakenClient({
      baseUrl: harness.sim.url,
      credentials: { apiKey: key.key, secret: key.secret },
      tier: key.tier,
      clock: harness.clock,
    }),
    harness.clock,
  );
  const { mirror, sync } = mirrors.of(connection);
  // what the caches held is there at once
  expect(mirror.ledgerAfter(null).map((e) => e.id)).toEqual(oldestFirst(since).map((e) => e.id));
  expect(mirror.state('ledger').head?.id).toBe(newest?.id);
  expect(
    mirror
      .trades()
      .map((t) => t.id)
      .sort(),
  ).toEqual(trades.map((t) => t.id).sort());
  expect(mirror.state('trades').complete).toBe(true);

  // and Kraken is asked only for what they lacked: nothing newer, and the ledger before the checkpoint
  expect(await sync.catchUp('ledger', { priority: 'foreground' })).toMatchObject({ pages: 1, records: 0 });
  const older = await sync.backfill('ledger', null, { priority: 'foreground' });
  expect(older.records).toBe(ledger.length - 30);
  expect(
    mirror
      .ledgerAfter(null)
      .map((e) => e.id)
      .sort(),
  ).toEqual(ledger.map((e) => e.id).sort());
  expect(await sync.catchUp('trades', { priority: 'foreground' })).toMatchObject({ records: 0 });

  // the conversion store's next format drops the search's state and keeps the rest
  const conversions = createConversionsFile({ dataDir });
  expect(conversions.get('live:acc-1')).toEqual({ lastTarget: 'ZEUR', active: null, receipts: [] });
});
