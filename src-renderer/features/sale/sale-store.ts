// Selling small balances and freeing stranded ones as the page sees them: the review the main side computed (with
// Kraken's own check of every order), the operator's choices, and the runs with every order and what came of it.
import { create } from 'zustand';
import type { SaleReview, SaleRun, TopUpReview } from '../../../src-shared/contract/sale';
import { toAppError, type AppErrorShape } from '../../../src-shared/errors';
import type { ApiClient } from '../../api/api';
import { storeHook } from '../../app/store-context';

export type SaleMode = { kind: 'sell' } | { kind: 'free'; asset: string };

interface SaleState {
  mode: SaleMode;
  /** Asset ids chosen to sell; null until the operator (or the panel's button) chose. */
  chosen: string[] | null;
  target: string | null;
  /** Asset ids the operator acknowledged as OC9 positions or used by open orders. */
  acknowledged: string[];
  /** A live account's second confirmation, ticked for this review. */
  liveConfirmed: boolean;
  review: SaleReview | null;
  topUp: TopUpReview | null;
  loading: boolean;
  placing: boolean;
  /** Bumped after a failed placement, so the swipe starts again from the left. */
  attempt: number;
  runs: SaleRun[];
  /** The run this screen follows (the one just placed, or one opened from the list). */
  runId: string | null;
  error: AppErrorShape | null;
  open: (mode: SaleMode, chosen?: string[]) => void;
  load: () => Promise<void>;
  choose: (asset: string, on: boolean) => void;
  setTarget: (target: string) => void;
  acknowledge: (asset: string, on: boolean) => void;
  setLiveConfirmed: (on: boolean) => void;
  place: () => Promise<void>;
  loadRuns: () => Promise<void>;
  runChanged: (run: SaleRun) => void;
  showRun: (id: string | null) => void;
}

export function createSaleStore(api: ApiClient) {
  /** Each load is numbered: an answer that arrives after a newer request was sent is dropped. */
  let lastLoad = 0;
  return create<SaleState>()((set, get) => ({
    mode: { kind: 'sell' },
    chosen: null,
    target: null,
    acknowledged: [],
    liveConfirmed: false,
    review: null,
    topUp: null,
    loading: false,
    placing: false,
    attempt: 0,
    runs: [],
    runId: null,
    error: null,
    open: (mode, chosen) => {
      // a new review starts afresh: acknowledgements and the live confirmation were for the one left
      set({ mode, chosen: chosen ?? null, acknowledged: [], liveConfirmed: false, review: null, topUp: null, runId: null, error: null });
      void get().load();
    },
    load: async () => {
      const { mode, chosen, target, acknowledged } = get();
      const id = ++lastLoad;
      set({ loading: true });
      try {
        if (mode.kind === 'free') {
          const topUp = await api['sale.freeReview']({ asset: mode.asset, acknowledged: acknowledged.includes(mode.asset) });
          if (id === lastLoad) set({ topUp, loading: false, error: null });
          return;
        }
        // with nothing chosen yet, the first review lists the candidates and every one starts chosen
        const first = chosen === null ? await api['sale.review']({ assets: [], acknowledged }) : null;
        const assets = chosen ?? first?.candidates.map((c) => c.asset.assetId) ?? [];
        const review = await api['sale.review']({ assets, ...(target ? { target } : {}), acknowledged });
        if (id === lastLoad) set({ review, chosen: assets, target: review.target.assetId, loading: false, error: null });
      } catch (error) {
        if (id === lastLoad) set({ loading: false, error: toAppError(error).toShape() });
      }
    },
    choose: (asset, on) => {
      const chosen = get().chosen ?? [];
      set({ chosen: on ? [...new Set([...chosen, asset])] : chosen.filter((a) => a !== asset) });
      void get().load();
    },
    setTarget: (target) => {
      set({ target });
      void get().load();
    },
    acknowledge: (asset, on) => {
      const acknowledged = get().acknowledged;
      set({ acknowledged: on ? [...new Set([...acknowledged, asset])] : acknowledged.filter((a) => a !== asset) });
      void get().load();
    },
    setLiveConfirmed: (liveConfirmed) => set({ liveConfirmed }),
    place: async () => {
      const { mode, review, acknowledged, liveConfirmed, placing } = get();
      if (placing) return;
      set({ placing: true, error: null });
      try {
        const run =
          mode.kind === 'free'
            ? await api['sale.free']({ asset: mode.asset, acknowledged: acknowledged.includes(mode.asset), liveConfirmed })
            : await api['sale.place']({
                assets: review?.lines.map((l) => l.asset.assetId) ?? [],
                target: review?.target.assetId ?? '',
                acknowledged,
                liveConfirmed,
              });
        set({ placing: false, runId: run.id });
        get().runChanged(run);
      } catch (error) {
        set({ placing: false, attempt: get().attempt + 1, error: toAppError(error).toShape() });
        void get().load();
      }
    },
    loadRuns: async () => {
      try {
        set({ runs: await api['sale.runs']({}) });
      } catch (error) {
        set({ error: toAppError(error).toShape() });
      }
    },
    runChanged: (run) => {
      const runs = get().runs;
      set({ runs: runs.some((r) => r.id === run.id) ? runs.map((r) => (r.id === run.id ? run : r)) : [run, ...runs] });
    },
    showRun: (runId) => set({ runId }),
  }));
}

export type SaleStore = ReturnType<typeof createSaleStore>;

export const useSaleStore = storeHook((stores) => stores.sale);
