// The conversion store against the real main side and simulator: the swipe's confirm, a confirm Kraken's balances
// overtook, cancel and dismiss, and the disk failures that must reach the screen instead of vanishing.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, startMainSide, type MainSide } from '../../test-main-side';
import { createConversionStore, type ConversionStore } from './conversion-store';

let main: MainSide;
let store: ConversionStore;
let opened: string[];
let unsubscribe: () => void;

beforeEach(async () => {
  main = await startMainSide({ watchIntervalMs: 100 });
  opened = [];
  store = createConversionStore(main.api, (url) => opened.push(url));
  // as App.tsx does: the main side's word on the active conversion reaches the store
  unsubscribe = main.api.subscribe('conversion.changed', store.getState().setActive);
});

afterEach(async () => {
  unsubscribe();
  await main.stop();
});

/** A review into USD with the demo's open LINK order acknowledged, so nothing blocks the swipe. */
async function reviewIntoUsd(): Promise<void> {
  await store.getState().loadReview({ target: 'ZUSD', openOrdersAcknowledged: true, positionsAcknowledged: true });
  const { review, error } = store.getState();
  expect(error).toBeNull();
  expect(review?.checks.filter((check) => check.status === 'block')).toEqual([]);
}

/** The saved conversions file becomes unwritable: a directory stands where the file's replacement must go. */
function breakConversionsFile(): void {
  const path = join(main.dataDir, 'conversions.json');
  rmSync(path, { force: true });
  mkdirSync(path);
}

describe('confirm', () => {
  it('starts the watch and opens Kraken’s page once, with the reviewed balances', async () => {
    await reviewIntoUsd();
    const reviewed = store.getState().review?.items.map((item) => item.asset.assetId);
    await store.getState().confirm();
    const { active, confirming, error } = store.getState();
    expect(error).toBeNull();
    expect(confirming).toBe(false);
    expect(active?.receiptRefid).toBeNull();
    expect(active?.plan.items.map((item) => item.asset).sort()).toEqual([...(reviewed ?? [])].sort());
    expect(opened).toEqual([active?.krakenUrl]);
  });

  it('refuses when a balance changed since the review: says so, resets the swipe and reviews afresh', async () => {
    await reviewIntoUsd();
    expect(store.getState().review?.items.map((item) => item.asset.assetId)).toContain('ADA');
    // 100 ADA arrive after the review: ADA is no longer a small balance, and Kraken would not sweep it
    await main.admin('deposit', { asset: 'ADA', amount: '100' });
    await store.getState().confirm();
    expect(store.getState()).toMatchObject({ active: null, confirming: false, attempt: 1, error: { code: 'conflict' } });
    expect(store.getState().error?.message).toMatch(/changed since you reviewed them/);
    expect(opened).toEqual([]);
    await eventually(() => store.getState().review?.items.every((item) => item.asset.assetId !== 'ADA') === true, 'the fresh review');
  });

  it('does nothing without a review', async () => {
    await store.getState().confirm();
    expect(store.getState()).toMatchObject({ active: null, error: null });
    expect(opened).toEqual([]);
  });
});

describe('cancel', () => {
  it('drops the waiting conversion and reviews afresh with the acknowledgements withdrawn', async () => {
    await reviewIntoUsd();
    await store.getState().confirm();
    expect(store.getState().active).not.toBeNull();
    await store.getState().cancel();
    expect(store.getState().active).toBeNull();
    expect(store.getState().review).toMatchObject({ openOrdersAcknowledged: false, positionsAcknowledged: false });
    expect(await main.api['conversion.active']({})).toBeNull();
  });

  it('keeps the conversion and shows why when it cannot be saved', async () => {
    await reviewIntoUsd();
    await store.getState().confirm();
    const active = store.getState().active;
    breakConversionsFile();
    await store.getState().cancel();
    expect(store.getState().active).toEqual(active);
    expect(store.getState().error).toMatchObject({ code: 'storage' });
    expect(store.getState().error?.message).toMatch(/Could not save conversions/);
  });
});

describe('dismiss', () => {
  async function convertAndReceive(): Promise<void> {
    await reviewIntoUsd();
    await store.getState().confirm();
    // the operator converts on Kraken: the simulator books the sweep, the watch finds it in the ledger
    await main.admin('convert-small-balances', { target: 'ZUSD' });
    await eventually(() => store.getState().active?.receiptRefid != null, 'the receipt');
  }

  it('puts the receipt away and clears the review', async () => {
    await convertAndReceive();
    await store.getState().dismiss();
    expect(store.getState()).toMatchObject({ active: null, review: null, error: null });
    expect(await main.api['conversion.active']({})).toBeNull();
  });

  it('keeps the receipt on screen and shows why when it cannot be saved', async () => {
    await convertAndReceive();
    const active = store.getState().active;
    breakConversionsFile();
    await store.getState().dismiss();
    expect(store.getState().active).toEqual(active);
    expect(store.getState().error).toMatchObject({ code: 'storage' });
  });
});
