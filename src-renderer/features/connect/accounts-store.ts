// Connected accounts as the main side reports them, and the connect form's check. After any change of account the
// app-wide facts (mode, API address, Kraken status) are read again so the header and every screen follow.
import { create } from 'zustand';
import type { AccountsState, ConnectInput, KeyCheck } from '../../../src-shared/contract/accounts';
import { toAppError, type AppErrorShape } from '../../../src-shared/errors';
import { api } from '../../api/api';
import { useAppStore } from '../../app/app-store';

interface AccountsStoreState {
  state: AccountsState | null;
  error: AppErrorShape | null;
  busy: boolean;
  load: () => Promise<void>;
  /** Asks Kraken about the pair; null when the check failed (the error is in `error`). */
  check: (input: ConnectInput) => Promise<KeyCheck | null>;
  connect: (input: ConnectInput, acceptWithdraw: boolean) => Promise<boolean>;
  use: (id: string | null, otp?: string) => Promise<boolean>;
  disconnect: (id: string) => Promise<boolean>;
  clearError: () => void;
}

export const useAccountsStore = create<AccountsStoreState>((set) => {
  /** Runs one change; the answer replaces the state and the app's facts are re-read. */
  const change = async (run: () => Promise<AccountsState>): Promise<boolean> => {
    set({ busy: true, error: null });
    try {
      set({ state: await run(), busy: false });
      const app = useAppStore.getState();
      await Promise.all([app.loadInfo(), app.refreshStatus()]);
      return true;
    } catch (error) {
      set({ error: toAppError(error).toShape(), busy: false });
      return false;
    }
  };
  return {
    state: null,
    error: null,
    busy: false,
    load: async () => {
      try {
        set({ state: await api['accounts.list']({}) });
      } catch (error) {
        set({ error: toAppError(error).toShape() });
      }
    },
    check: async (input) => {
      set({ busy: true, error: null });
      try {
        const result = await api['accounts.check'](input);
        set({ busy: false });
        return result;
      } catch (error) {
        set({ error: toAppError(error).toShape(), busy: false });
        return null;
      }
    },
    connect: (input, acceptWithdraw) => change(() => api['accounts.connect']({ ...input, acceptWithdraw })),
    use: (id, otp) => change(() => api['accounts.switch'](otp ? { id, otp } : { id })),
    disconnect: (id) => change(() => api['accounts.disconnect']({ id })),
    clearError: () => set({ error: null }),
  };
});
