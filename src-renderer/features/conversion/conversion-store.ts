// The conversion journey as the page sees it: the review the main side computed, then the plan it is watching.
import { create } from 'zustand';
import type { ActiveConversion, ConversionReview } from '../../../src-shared/contract/conversion';
import { toAppError, type AppErrorShape } from '../../../src-shared/errors';
import type { ApiClient } from '../../api/api';
import { storeHook } from '../../app/store-context';

interface ConversionState {
  review: ConversionReview | null;
  /** When the review arrived, on this computer's clock (for the cooldown countdown and the prices' age). */
  reviewedAt: number | null;
  active: ActiveConversion | null;
  activeLoaded: boolean;
  loading: boolean;
  confirming: boolean;
  /** Bumped after a failed confirmation, so the swipe starts again from the left. */
  attempt: number;
  error: AppErrorShape | null;
  loadReview: (change?: { target?: string; openOrdersAcknowledged?: boolean; positionsAcknowledged?: boolean }) => Promise<void>;
  loadActive: () => Promise<void>;
  confirm: () => Promise<void>;
  cancel: () => Promise<void>;
  dismiss: () => Promise<void>;
  setActive: (active: ActiveConversion | null) => void;
}

/** Kraken's page opens in a new browser tab; in the desktop app the main side already opened it in the system browser. */
export function openInNewTab(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}

export function createConversionStore(api: ApiClient, openPage: (url: string) => void) {
  return create<ConversionState>()((set, get) => ({
    review: null,
    reviewedAt: null,
    active: null,
    activeLoaded: false,
    loading: false,
    confirming: false,
    attempt: 0,
    error: null,
    loadReview: async (change = {}) => {
      const current = get().review;
      const target = change.target ?? current?.target.assetId;
      const openOrdersAcknowledged = change.openOrdersAcknowledged ?? current?.openOrdersAcknowledged ?? false;
      const positionsAcknowledged = change.positionsAcknowledged ?? current?.positionsAcknowledged ?? false;
      // the checkbox shows the operator's choice at once; the checks follow when the main side has judged them
      set({ loading: true, ...(current ? { review: { ...current, openOrdersAcknowledged, positionsAcknowledged } } : {}) });
      try {
        const review = await api['conversion.review']({ ...(target ? { target } : {}), openOrdersAcknowledged, positionsAcknowledged });
        set({ review, reviewedAt: Date.now(), loading: false, error: null });
      } catch (error) {
        set({ loading: false, error: toAppError(error).toShape() });
      }
    },
    loadActive: async () => {
      try {
        set({ active: await api['conversion.active']({}), activeLoaded: true });
      } catch (error) {
        set({ activeLoaded: true, error: toAppError(error).toShape() });
      }
    },
    confirm: async () => {
      const review = get().review;
      if (!review || get().confirming) return;
      set({ confirming: true, error: null });
      try {
        const { active, openedExternally } = await api['conversion.confirm']({
          target: review.target.assetId,
          openOrdersAcknowledged: review.openOrdersAcknowledged,
          positionsAcknowledged: review.positionsAcknowledged,
          reviewedAssets: review.items.map((item) => item.asset.assetId),
        });
        set({ active, confirming: false });
        if (!openedExternally) openPage(active.krakenUrl);
      } catch (error) {
        set({ confirming: false, attempt: get().attempt + 1, error: toAppError(error).toShape() });
        void get().loadReview();
      }
    },
    cancel: async () => {
      try {
        await api['conversion.cancel']({});
        // a new review starts afresh: earlier acknowledgements were for the plan just dropped
        const review = get().review;
        set({ active: null, ...(review ? { review: { ...review, openOrdersAcknowledged: false, positionsAcknowledged: false } } : {}) });
        void get().loadReview({ openOrdersAcknowledged: false, positionsAcknowledged: false });
      } catch (error) {
        set({ error: toAppError(error).toShape() });
      }
    },
    dismiss: async () => {
      try {
        await api['conversion.dismiss']({});
        set({ active: null, review: null });
      } catch (error) {
        set({ error: toAppError(error).toShape() });
      }
    },
    setActive: (active) => set({ active }),
  }));
}

export type ConversionStore = ReturnType<typeof createConversionStore>;

export const useConversionStore = storeHook((stores) => stores.conversion);
