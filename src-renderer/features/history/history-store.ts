// Every conversion of small balances on this account: receipts of the app's own, and those found in the ledger.
import { create } from 'zustand';
import type { ConversionHistory, LedgerScan } from '../../../src-shared/contract/history';
import { toAppError, type AppErrorShape } from '../../../src-shared/errors';
import type { ApiClient } from '../../api/api';
import { storeHook } from '../../app/store-context';
import { saveDownload } from '../../components/download';

interface HistoryState {
  history: ConversionHistory | null;
  error: AppErrorShape | null;
  /** The receipt shown in full ("View transaction"). */
  openRefid: string | null;
  load: () => Promise<void>;
  setScan: (scan: LedgerScan) => void;
  toggle: (refid: string) => void;
  open: (refid: string) => void;
  exportReceipt: (refid: string, format: 'csv' | 'json') => Promise<void>;
}

export function createHistoryStore(api: ApiClient) {
  return create<HistoryState>()((set, get) => ({
    history: null,
    error: null,
    openRefid: null,
    load: async () => {
      try {
        set({ history: await api['conversion.history']({}), error: null });
      } catch (error) {
        set({ error: toAppError(error).toShape() });
      }
    },
    setScan: (scan) => {
      const history = get().history;
      if (history) set({ history: { ...history, scan } });
    },
    toggle: (refid) => set({ openRefid: get().openRefid === refid ? null : refid }),
    open: (refid) => set({ openRefid: refid }),
    exportReceipt: async (refid, format) => {
      try {
        saveDownload(await api['conversion.export']({ refid, format }));
      } catch (error) {
        set({ error: toAppError(error).toShape() });
      }
    },
  }));
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;

export const useHistoryStore = storeHook((stores) => stores.history);
