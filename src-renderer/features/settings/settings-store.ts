// The operator's preferences as the main side holds them; edits are sent whole-field and echoed back validated.
import { create } from 'zustand';
import type { Settings } from '../../../src-shared/contract/settings';
import { toAppError, type AppErrorShape } from '../../../src-shared/errors';
import type { ApiClient } from '../../api/api';
import { storeHook } from '../../app/store-context';

interface SettingsState {
  settings: Settings | null;
  error: AppErrorShape | null;
  saving: boolean;
  load: () => Promise<void>;
  save: (patch: Partial<Settings>) => Promise<boolean>;
}

export function createSettingsStore(api: ApiClient) {
  return create<SettingsState>()((set) => ({
    settings: null,
    error: null,
    saving: false,
    load: async () => {
      try {
        set({ settings: await api['settings.get']({}), error: null });
      } catch (error) {
        set({ error: toAppError(error).toShape() });
      }
    },
    save: async (patch) => {
      set({ saving: true });
      try {
        set({ settings: await api['settings.update'](patch), error: null, saving: false });
        return true;
      } catch (error) {
        set({ error: toAppError(error).toShape(), saving: false });
        return false;
      }
    },
  }));
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

export const useSettingsStore = storeHook((stores) => stores.settings);
