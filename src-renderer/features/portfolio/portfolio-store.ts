// The portfolio as the main side valued it, refreshed on demand and on the operator's interval.
import { create } from 'zustand';
import type { PortfolioView } from '../../../src-shared/contract/portfolio';
import type { QuoteCurrency } from '../../../src-shared/contract/settings';
import { toAppError, type AppErrorShape } from '../../../src-shared/errors';
import type { ApiClient } from '../../api/api';
import { storeHook } from '../../app/store-context';

interface PortfolioState {
  view: PortfolioView | null;
  loading: boolean;
  error: AppErrorShape | null;
  filter: string;
  panelOpen: boolean;
  load: (quote?: QuoteCurrency) => Promise<void>;
  setFilter: (filter: string) => void;
  togglePanel: () => void;
}

export function createPortfolioStore(api: ApiClient) {
  return create<PortfolioState>()((set, get) => ({
    view: null,
    loading: false,
    error: null,
    filter: '',
    panelOpen: false,
    load: async (quote) => {
      if (get().loading) return;
      set({ loading: true });
      try {
        set({ view: await api['portfolio.get'](quote ? { quote } : {}), error: null, loading: false });
      } catch (error) {
        set({ error: toAppError(error).toShape(), loading: false });
      }
    },
    setFilter: (filter) => set({ filter }),
    togglePanel: () => set({ panelOpen: !get().panelOpen }),
  }));
}

export type PortfolioStore = ReturnType<typeof createPortfolioStore>;

export const usePortfolioStore = storeHook((stores) => stores.portfolio);
