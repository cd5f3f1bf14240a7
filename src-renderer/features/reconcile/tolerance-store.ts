// The reconcile tolerances are operator settings: read and saved through the settings calls, edited here where
// their effect is seen.
import { create } from 'zustand';
import type { Settings } from '../../../src-shared/contract/settings';
import { toAppError, type AppErrorShape } from '../../../src-shared/errors';
import type { ApiClient } from '../../api/api';
import { storeHook } from '../../app/store-context';

export type Tolerance = Settings['reconcileTolerance'];

interface ToleranceState {
  tolerance: Tolerance | null;
  error: AppErrorShape | null;
  saving: boolean;
  load: () => Promise<void>;
  save: (tolerance: Tolerance) => Promise<boolean>;
}

export function createToleranceStore(api: ApiClient) {
  return create<ToleranceState>()((set) => ({
    tolerance: null,
    error: null,
    saving: false,
    load: async () => {
      try {
        set({ tolerance: (await api['settings.get']({})).reconcileTolerance, error: null });
      } catch (error) {
        set({ error: toAppError(error).toShape() });
      }
    },
    save: async (tolerance) => {
      set({ saving: true });
      try {
        const saved = await api['settings.update']({ reconcileTolerance: tolerance });
        set({ tolerance: saved.reconcileTolerance, error: null, saving: false });
        return true;
      } catch (error) {
        set({ error: toAppError(error).toShape(), saving: false });
        return false;
      }
    },
  }));
}

export type ToleranceStore = ReturnType<typeof createToleranceStore>;

export const useToleranceStore = storeHook((stores) => stores.tolerance);
