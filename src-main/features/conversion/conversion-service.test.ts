// The conversion journey's main side against the real simulator over HTTP (one virtual clock for both): review,
// confirm, the ledger watch, the receipt, the cooldown on Kraken's clock, a restart mid-watch, and conversions made
// outside the app found by the ledger search.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActiveConversion, ConversionReview } from '../../../src-shared/contract/conversion';
import type { ConversionHistory } from '../../../src-shared/contract/history';
import { krakenTimeMs } from '../../../src-shared/kraken-time';
import { DEFAULT_SETTINGS } from '../../../src-shared/contract/settings';
import { dec } from '../../../src-shared/money';
import type { Emit } from '../../app/contract-host';
import { startHarness, type Harness } from '../../kraken/test-harness';
import { createAccountMirrors, type AccountMirrors } from '../../mirror/account-mirrors';
import { createConversionJourney, type ConversionJourney as ConversionService } from '../../app/conversion-journey';
import { connectionOf, type Connection } from '../../connection/connection-manager';
import { createPortfolioService } from '../portfolio/portfolio-service';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Setup {
  h: Harness;
  dataDir: string;
  mirrors: AccountMirrors;
  service: ConversionService;
  changes: (ActiveConversion | null)[];
  restart(): ConversionService;
}

let running: Setup | undefined;
afterEach(async () => {
  running?.service.stop();
  running?.mirrors.close();
  await running?.h.stop();
  if (running) await rm(running.dataDir, { recursive: true, force: true });
  running = undefined;
});

async function setup(): Promise<Setup> {
  const h = await startHarness();
  const dataDir = await mkdtemp(join(tmpdir(), 'oc9-conversion-'));
  const client = h.client();
  const connection: Connection = connectionOf(
    { mode: 'demo', baseUrl: h.sim.url, label: 'Test account', accountId: null },
    client,
    h.clock,
  );
  const connections = { current: () => connection, externalOrigins: () => [h.sim.url] };
  const mirrors = createAccountMirrors({ dataDir, clock: h.clock });
  const settings = { current: () => DEFAULT_SETTINGS, handlers: {} as never };
  const changes: (ActiveConversion | null)[] = [];
  const emit: Emit = (name, payload) => {
    if (name === 'conversion.changed') changes.push(payload as ActiveConversion | null);
  };
  const portfolio = createPortfolioService({ connections, settings, clock: h.clock });
  const make = () =>
    createConversionJourney({
      dataDir,
      connections,
      mirrors,
      settings,
      portfolio,
      // OC9's book holds a DOGE position, which is among the dust Kraken sweeps
      book: () => ({ loaded: true, positions: [{ asset: 'XXDG', quantity: '3' }] }),
      clock: h.clock,
      emit,
      watchIntervalMs: 1_000,
      receiveLegWaitMs: 3_000,
    });
  running = { h, dataDir, mirrors, service: make(), changes, restart: make };
  return running;
}

/** A review the operator has read: the OC9 position among the swept balances is acknowledged unless said otherwise. */
async function review(s: Setup, target?: string, positionsAcknowledged = true): Promise<ConversionReview> {
  return s.service.handlers['conversion.review']({ ...(target ? { target } : {}), openOrdersAcknowledged: false, positionsAcknowledged });
}

async function confirm(s: Setup, r: ConversionReview) {
  return s.service.handlers['conversion.confirm']({
    target: r.target.assetId,
    openOrdersAcknowledged: r.openOrdersAcknowledged,
    positionsAcknowledged: r.positionsAcknowledged,
    reviewedAssets: r.items.map((item) => item.asset.assetId),
  });
}

/** Polls the service (the watch runs on its own) until the receipt is there. */
async function untilCompleted(service: ConversionService): Promise<ActiveConversion> {
  for (let i = 0; i < 200; i++) {
    const active = await service.handlers['conversion.active']({});
    if (active?.status === 'completed') return active;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the watch never found the conversion');
}

async function untilSearched(service: ConversionService): Promise<ConversionHistory> {
  for (let i = 0; i < 200; i++) {
    const history = await service.handlers['conversion.history']({});
    if (history.scan.status === 'done') return history;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the ledger search never finished');
}

describe('conversion review', () => {
  it('lists what Kraken will sweep with the fee and estimate, and warns about OC9 positions and borderline assets', async () => {
    const s = await setup();
    const unread = await review(s, 'USD', false);
    const positions = unread.checks.find((check) => check.id === 'oc9-positions');
    expect(positions).toMatchObject({ status: 'block', items: ['DOGE: OC9’s book holds 3 DOGE'] });
    expect(unread).toMatchObject({ canConvert: false, needsPositionAck: true, positionsAcknowledged: false });
    await expect(confirm(s, unread)).rejects.toThrow(/OC9 positions: Kraken would sweep a position in OC9’s book/);
    const r = await review(s, 'USD');
    expect(r.target.code).toBe('USD');
    expect(r.items.map((item) => item.asset.code).sort()).toEqual(['ACA', 'ADA', 'DOGE', 'DOT', 'KAVA', 'TKN', 'USDT']);
    // earn balances, priceless ones and the target itself are never swept
    expect(r.items.map((item) => item.asset.assetId)).not.toContain('DOT.F');
    const total = r.items.reduce((acc, item) => acc.plus(item.value), dec('0'));
    expect(dec(r.totalValue).equals(total)).toBe(true);
    expect(dec(r.estimatedTotal).plus(r.estimatedFee).equals(total)).toBe(true);
    expect(dec(r.estimatedFee).equals(total.times('0.03'))).toBe(true);
    expect(r.targets.map((t) => t.code)).toEqual(expect.arrayContaining(['USD', 'EUR', 'USDT']));
    const status = Object.fromEntries(r.checks.map((check) => [check.id, check.status]));
    expect(status).toMatchObject({ cooldown: 'pass', 'oc9-positions': 'warn', borderline: 'warn', mode: 'pass' });
    expect(r.canConvert).toBe(true);
  });

  it('refuses a destination Kraken does not convert into, and says which ones it does', async () => {
    const s = await setup();
    await expect(review(s, 'XETH')).rejects.toThrow(/only into USD, EUR.*Choose one of those/);
  });

  it('values the sweep in the chosen destination and remembers it as the next default', async () => {
    const s = await setup();
    const inEur = await review(s, 'EUR');
    expect(inEur.target.code).toBe('EUR');
    const inUsd = await review(s, 'USD');
    expect(dec(inEur.totalValue).equals(inUsd.totalValue)).toBe(false);
    await confirm(s, inEur);
    await s.service.handlers['conversion.cancel']({});
    expect((await review(s)).target.code).toBe('EUR');
  });
});

describe('confirm, watch and receipt', () => {
  it('saves the plan, hands off, finds the sweep in the ledger and proves it asset by asset', async () => {
    const s = await setup();
    const r = await review(s, 'USD');
    const { active, openedExternally } = await confirm(s, r);
    expect(openedExternally).toBe(false);
    expect(active.status).toBe('watching');
    expect(active.krakenUrl).toBe(`${s.h.sim.url}/__sim/pro/portfolio/spot`);
    expect(active.plan.ledgerCursor).not.toBeNull();

    const swept = await s.h.admin<{ refid: string }>('convert-small-balances', { target: 'ZUSD' });
    const done = await untilCompleted(s.service);
    expect(done.receiptRefid).toBe(swept.refid);
    expect(done.receipt?.receipt.refid).toBe(swept.refid);
    expect(s.changes.some((change) => (change?.progress.checks ?? 0) > 0)).toBe(true);

    const history: ConversionHistory = await s.service.handlers['conversion.history']({});
    const entry = history.entries.find((e) => e.receipt.refid === swept.refid);
    expect(entry?.origin).toBe('app');
    // the demo's simulator has no ledger page to link to
    expect(entry?.ledgerUrl).toBeNull();
    const receipt = entry?.receipt;
    expect(receipt?.planId).toBe(active.plan.id);
    expect(receipt?.lines.map((line) => [line.asset, line.status]).sort()).toEqual(
      r.items.map((item) => [item.asset.assetId, 'as-planned']).sort(),
    );
    // what landed is the estimate give or take Kraken's rounding of the receive leg
    expect(
      dec(receipt?.netReceived ?? '0')
        .minus(r.estimatedTotal)
        .abs()
        .lt('0.01'),
    ).toBe(true);
    expect(
      dec(receipt?.effectiveFeeRate ?? '0')
        .minus('0.03')
        .abs()
        .lt('0.001'),
    ).toBe(true);

    const csv = await s.service.handlers['conversion.export']({ refid: swept.refid, format: 'csv' });
    expect(csv.fileName).toMatch(new RegExp(`${swept.refid}\\.csv$`));
    expect(csv.content).toContain('ADA');
    const json = await s.service.handlers['conversion.export']({ refid: swept.refid, format: 'json' });
    expect(JSON.parse(json.content)).toMatchObject({ refid: swept.refid });

    await s.service.handlers['conversion.dismiss']({});
    expect(await s.service.handlers['conversion.active']({})).toBeNull();
    expect((await s.service.handlers['conversion.summary']({})).lastSweepAt).toBe(receipt?.at);
  });

  it('blocks a second conversion for 24 hours on Kraken’s clock, then allows it', async () => {
    const s = await setup();
    const r = await review(s, 'USD');
    await confirm(s, r);
    await s.h.admin('convert-small-balances', { target: 'ZUSD' });
    await untilCompleted(s.service);
    await s.service.handlers['conversion.dismiss']({});
    // new dust arrives, so only the cooldown stands in the way
    await s.h.admin('deposit', { asset: 'ADA', amount: '1' });

    const blocked = await review(s, 'USD');
    const cooldown = blocked.checks.find((check) => check.id === 'cooldown');
    expect(cooldown?.status).toBe('block');
    expect(cooldown?.availableAt).toBeGreaterThan(blocked.serverTime);
    expect(blocked.canConvert).toBe(false);
    await expect(confirm(s, blocked)).rejects.toThrow(/Once every 24 hours: Kraken allows one conversion every 24 hours/);

    s.h.clock.advance(DAY_MS);
    const open = await review(s, 'USD');
    expect(open.checks.find((check) => check.id === 'cooldown')?.status).toBe('pass');
  });

  it('explains a balance Kraken left because its price rose above the limit after the plan', async () => {
    const s = await setup();
    const r = await review(s, 'USD');
    await confirm(s, r);
    // ADA (1.5) goes from 0.675 USD to 1.5 USD: Kraken no longer sweeps it
    await s.h.admin('ticker', { pair: 'ADAUSD', bid: '1.0', ask: '1.0001' });
    await s.h.admin('convert-small-balances', { target: 'ZUSD' });
    const done = await untilCompleted(s.service);
    const ada = done.receipt?.receipt.lines.find((line) => line.asset === 'ADA');
    expect(ada).toMatchObject({ status: 'not-swept', reason: 'price-moved', sweptAmount: null });
    expect(ada?.reasonText).toMatch(/price/);
    const others = done.receipt?.receipt.lines.filter((line) => line.asset !== 'ADA') ?? [];
    expect(others.length).toBe(r.items.length - 1);
    expect(others.every((line) => line.status === 'as-planned')).toBe(true);
  });

  it('asks for the review again when the balances changed after it', async () => {
    const s = await setup();
    const r = await review(s, 'USD');
    await s.h.admin('deposit', { asset: 'ADA', amount: '100' });
    await expect(confirm(s, r)).rejects.toThrow(/changed since you reviewed them/);
    expect(await s.service.handlers['conversion.active']({})).toBeNull();
  });

  it('resumes watching a saved plan after a restart and completes it', async () => {
    const s = await setup();
    const { active } = await confirm(s, await review(s, 'USD'));
    s.service.stop();
    const swept = await s.h.admin<{ refid: string }>('convert-small-balances', { target: 'ZUSD' });

    s.service = s.restart();
    s.service.resume();
    const done = await untilCompleted(s.service);
    expect(done.plan.id).toBe(active.plan.id);
    expect(done.receiptRefid).toBe(swept.refid);
  });

  it('stops watching when cancelled, and the plan is gone', async () => {
    const s = await setup();
    await confirm(s, await review(s, 'USD'));
    await s.service.handlers['conversion.cancel']({});
    expect(await s.service.handlers['conversion.active']({})).toBeNull();
    expect(s.changes.at(-1)).toBeNull();
  });
});

describe('receipts that say only what the ledger proves', () => {
  it('makes a receipt without a receive leg provisional, and a later read of the ledger completes it', async () => {
    const s = await setup();
    const r = await review(s, 'USD');
    await confirm(s, r);
    const half = await s.h.admin<{ refid: string }>('convert-small-balances', { target: 'ZUSD', receiveLater: true });
    const provisional = await untilCompleted(s.service);
    expect(
      s.changes.some((change) => change?.progress.awaitingReceiveSince !== null && change?.progress.awaitingReceiveSince !== undefined),
    ).toBe(true);
    expect(provisional.receipt?.receipt).toMatchObject({ refid: half.refid, provisional: true, netReceived: null, received: null });
    expect(provisional.receipt?.receipt.notes[0]).toMatch(/^No receive leg found yet/);
    expect(provisional.receipt?.receipt.notes.join(' ')).not.toMatch(/nothing was credited/i);

    await s.h.admin('book-held-receive', { refid: half.refid });
    const history = await untilSearched(s.service);
    const corrected = history.entries.find((e) => e.receipt.refid === half.refid);
    expect(corrected?.origin).toBe('app');
    expect(corrected?.receipt).toMatchObject({ provisional: false, planId: provisional.plan.id, target: 'ZUSD' });
    expect(
      dec(corrected?.receipt.netReceived ?? '0')
        .minus(r.estimatedTotal)
        .abs()
        .lt('0.01'),
    ).toBe(true);
    expect(corrected?.receipt.lines.every((line) => line.status === 'as-planned')).toBe(true);
    // the hand-off screen shows the corrected receipt too
    expect((await s.service.handlers['conversion.active']({}))?.receipt?.receipt.provisional).toBe(false);
  });

  it('leads with the other currency when Kraken credited one, and writes every share at that currency’s decimals', async () => {
    const s = await setup();
    const r = await review(s, 'USD');
    await confirm(s, r);
    await s.h.admin('convert-small-balances', { target: 'ZEUR' });
    const done = await untilCompleted(s.service);
    const receipt = done.receipt?.receipt;
    expect(receipt).toMatchObject({ target: 'ZEUR', plannedTarget: 'ZUSD', estimatedTotal: null });
    expect(receipt?.notes[0]).toBe('Kraken credited EUR, not USD as planned, so planned values and the estimate do not compare.');
    const swept = receipt?.lines.filter((line) => line.sweptAmount !== null) ?? [];
    expect(swept.length).toBeGreaterThan(1);
    for (const line of swept) {
      expect(line).toMatchObject({ status: 'other-currency', reasonText: 'converted into EUR, not USD as planned' });
      // EUR has 4 decimals on Kraken: no share is written finer than that
      expect(line.convertedAmount).toMatch(/^\d+(\.\d{1,4})?$/);
    }
    const total = swept.reduce((acc, line) => acc.plus(line.convertedAmount ?? '0'), dec('0'));
    expect(total.toFixed()).toBe(dec(receipt?.netReceived ?? '0').toFixed());
    const csv = (await s.service.handlers['conversion.export']({ refid: receipt?.refid ?? '', format: 'csv' })).content;
    expect(csv).not.toMatch(/\d\.\d{9,}/);
  });
});

describe('history', () => {
  it('finds conversions made outside the app in the ledger, once, and reads only what is new afterwards', async () => {
    const s = await setup();
    const outside = await s.h.admin<{ refid: string }>('convert-small-balances', { target: 'ZEUR' });
    const first = await s.service.handlers['conversion.history']({});
    expect(first.scan.status).toBe('scanning');
    let history = await untilSearched(s.service);
    expect(history.scan.entries).toBeGreaterThan(10);
    const entry = history.entries.find((e) => e.receipt.refid === outside.refid);
    expect(entry?.origin).toBe('kraken');
    expect(entry?.receipt.target).toBe('ZEUR');
    expect(entry?.receipt.planId).toBeNull();
    expect(entry?.labels.find((l) => l.assetId === 'ZEUR')?.code).toBe('EUR');
    expect(history.entries.filter((e) => e.receipt.refid === outside.refid)).toHaveLength(1);
    expect((await s.service.handlers['conversion.summary']({})).ledgerSearched).toBe(true);

    // five minutes on, the next search reads only the one entry booked since
    await s.h.admin('deposit', { asset: 'ZUSD', amount: '5' });
    s.h.clock.advance(6 * 60_000);
    expect((await s.service.handlers['conversion.history']({})).scan.status).toBe('scanning');
    history = await untilSearched(s.service);
    expect(history.scan).toMatchObject({ status: 'done', entries: 1, pages: 1 });
    expect(history.entries.filter((e) => e.receipt.refid === outside.refid)).toHaveLength(1);
  });

  it('the first summary starts the whole-ledger search, after which it knows the last cleanup', async () => {
    const s = await setup();
    const outside = await s.h.admin<{ time: string }>('convert-small-balances', { target: 'ZUSD' });
    const first = await s.service.handlers['conversion.summary']({});
    expect(first).toMatchObject({ lastSweepAt: null, ledgerSearched: false, scan: { status: 'scanning' } });
    await untilSearched(s.service);
    const known = await s.service.handlers['conversion.summary']({});
    expect(known.ledgerSearched).toBe(true);
    expect(known.lastSweepAt).toBe(krakenTimeMs(outside.time));
  });
});
