// The reconcile store against the real main side and simulator: drafts made from the guide's proposals and kept
// while the run stays the same, "Accept all proposals", and when a typed entry price is ready to apply.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuideRow } from '../../../src-shared/reconcile-guide';
import { startMainSide, type MainSide } from '../../test-main-side';
import { createReconcileStore, isDraftReady, isPriceReady, type Draft, type ReconcileStore } from './reconcile-store';

let main: MainSide;
let store: ReconcileStore;

beforeEach(async () => {
  main = await startMainSide();
  store = createReconcileStore(main.api);
});

afterEach(() => main.stop());

const position = (asset: string, quantity: string, entryPrice: string) => ({
  asset,
  quantity,
  entryPrice,
  quoteCurrency: 'ZUSD',
  openedAt: null,
});

/** OC9's book as the demo starts, but without SOL, so that Kraken's SOL is an orphan; then a manual BTC buy. */
async function runWithChanges(): Promise<GuideRow[]> {
  const { now } = (await main.admin('state')) as { now: number };
  const book = {
    version: 2,
    asOf: new Date(now).toISOString(),
    positions: [position('XXBT', '0.47658', '81250.5'), position('XETH', '4.0145', '3010.25')],
  };
  await store.getState().importFile(new File([JSON.stringify(book)], 'oc9-positions.json', { lastModified: now }));
  expect(store.getState().error).toBeNull();
  await main.admin('trade', { pair: 'XBTUSD', type: 'buy', volume: '0.01' });
  await store.getState().run();
  expect(store.getState().error).toBeNull();
  return store.getState().state?.run?.guide ?? [];
}

const rowOf = (guide: GuideRow[], asset: string): GuideRow => {
  const row = guide.find((r) => r.asset === asset);
  if (!row) throw new Error(`${asset} is not in the guide`);
  return row;
};
const draftOf = (asset: string): Draft => {
  const draft = store.getState().drafts[asset];
  if (!draft) throw new Error(`no draft for ${asset}`);
  return draft;
};

describe('drafts', () => {
  it('start as the guide’s proposals, none accepted, for the run they belong to', async () => {
    const guide = await runWithChanges();
    const { drafts, draftsFor, state } = store.getState();
    expect(draftsFor).toBe(state?.run?.id);
    expect(Object.keys(drafts).sort()).toEqual(guide.map((row) => row.asset).sort());
    for (const row of guide) {
      expect(drafts[row.asset], row.asset).toEqual({
        action: row.proposed.action,
        entryPrice: '',
        quoteCurrency: row.proposed.quoteCurrency ?? '',
        why: '',
        confirmed: false,
        accepted: false,
      });
    }
    expect(rowOf(guide, 'XXBT').proposed.action).toBe('accept-exchange-quantity');
  });

  it('survive a reload of the same run, and give way to a new run’s proposals', async () => {
    await runWithChanges();
    store.getState().editDraft('SOL', { action: 'adopt-market-price', why: 'bought on another exchange' });
    store.getState().setNote('kept');
    await store.getState().load();
    expect(draftOf('SOL')).toMatchObject({ action: 'adopt-market-price', why: 'bought on another exchange' });
    expect(store.getState().note).toBe('kept');

    const firstRun = store.getState().draftsFor;
    await store.getState().run();
    expect(store.getState().draftsFor).not.toBe(firstRun);
    expect(draftOf('SOL')).toMatchObject({ action: 'enter-entry-price', why: '' });
    expect(store.getState().note).toBe('');
  });

  it('changing a choice withdraws its acceptance; an unknown asset changes nothing', async () => {
    await runWithChanges();
    store.getState().editDraft('XXBT', { accepted: true });
    expect(draftOf('XXBT').accepted).toBe(true);
    store.getState().editDraft('XXBT', { action: 'enter-entry-price' });
    expect(draftOf('XXBT')).toMatchObject({ action: 'enter-entry-price', accepted: false });
    const before = store.getState().drafts;
    store.getState().editDraft('NOPE', { accepted: true });
    expect(store.getState().drafts).toBe(before);
  });
});

describe('accept all proposals', () => {
  it('accepts every proposal that is ready, leaves the ones that need a price, and keeps the operator’s own choices', async () => {
    const guide = await runWithChanges();
    store.getState().editDraft('SOL', { action: 'adopt-market-price', accepted: true });
    // XRP: the operator looked at another option, but did not accept it
    store.getState().editDraft('XXRP', { action: 'adopt-market-price' });
    store.getState().acceptAllProposals();
    const { drafts } = store.getState();
    for (const row of guide) {
      const draft = drafts[row.asset];
      if (row.asset === 'SOL') expect(draft, row.asset).toMatchObject({ action: 'adopt-market-price', accepted: true });
      else if (row.proposed.action === 'enter-entry-price')
        expect(draft, row.asset).toMatchObject({ action: 'enter-entry-price', accepted: false });
      else expect(draft, row.asset).toMatchObject({ action: row.proposed.action, accepted: true });
    }
    // the proposal is put back where the operator only looked at another option
    expect(drafts['XXRP']).toMatchObject({ action: 'enter-entry-price', accepted: false });
    expect(drafts['XXBT']?.accepted).toBe(true);
    expect(drafts['ADA']).toMatchObject({ action: 'mark-as-dust', accepted: true });
  });

  it('does nothing before a run', () => {
    store.getState().acceptAllProposals();
    expect(store.getState().drafts).toEqual({});
  });
});

describe('price readiness', () => {
  it('needs a number above zero, read as the operator meant it, in a chosen currency', async () => {
    await runWithChanges();
    const sol = (patch: Partial<Draft>): Draft => ({ ...draftOf('SOL'), ...patch });
    expect(draftOf('SOL')).toMatchObject({ action: 'enter-entry-price', entryPrice: '' });
    expect(isPriceReady(sol({}))).toBe(false);
    expect(isPriceReady(sol({ entryPrice: 'abc', quoteCurrency: 'ZUSD' }))).toBe(false);
    expect(isPriceReady(sol({ entryPrice: '0', quoteCurrency: 'ZUSD' }))).toBe(false);
    expect(isPriceReady(sol({ entryPrice: '151,10', quoteCurrency: '' }))).toBe(false);
    expect(isPriceReady(sol({ entryPrice: '151,10', quoteCurrency: 'ZUSD' }))).toBe(true);
    // other choices carry their own price
    expect(isPriceReady(sol({ action: 'adopt-market-price' }))).toBe(true);
  });

  it('a choice that asks for confirmation is ready only once confirmed', async () => {
    const guide = await runWithChanges();
    const row = rowOf(guide, 'SOL');
    const ignore = { ...draftOf('SOL'), action: 'mark-as-dust' as const };
    expect(isDraftReady(row, ignore)).toBe(false);
    expect(isDraftReady(row, { ...ignore, confirmed: true })).toBe(true);
  });

  it('a typed price reaches the book as the operator meant it, and the next run has nothing to resolve', async () => {
    const guide = await runWithChanges();
    store.getState().acceptAllProposals();
    for (const row of guide) {
      if (draftOf(row.asset).accepted) continue;
      if (row.asset === 'SOL') store.getState().editDraft('SOL', { entryPrice: '151,10', quoteCurrency: 'ZUSD', accepted: true });
      else store.getState().editDraft(row.asset, { action: 'mark-as-dust', confirmed: true, accepted: true });
    }
    store.getState().setNote('SOL bought on another exchange');
    await store.getState().apply();
    expect(store.getState().error).toBeNull();
    const [applied] = store.getState().state?.audit ?? [];
    expect(applied?.note).toBe('SOL bought on another exchange');
    const solChange = applied?.record.changes.find((change) => change.asset === 'SOL');
    expect(solChange?.to).toEqual({ quantity: '45.05', entryPrice: '151.1', quoteCurrency: 'ZUSD', ignoredAsDust: false });

    await store.getState().run();
    expect(store.getState().state?.run?.guide).toEqual([]);
    expect(store.getState().drafts).toEqual({});
  });
});
