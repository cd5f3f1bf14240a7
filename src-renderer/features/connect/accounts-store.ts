// Connected accounts as the main side reports them, and the connect form's check. After any change of account the
// app-wide facts (mode, API address, Kraken status) are read again so the header and every screen follow.
import { create } from 'zustand';
import type { AccountsState, ConnectInput, KeyCheck } from '../../../src-shared/contract/accounts';
import { toAppError, type AppErrorShape } from '../../../src-shared/errors';
import type { ApiClient } from '../../api/api';
import { storeHook } from '../../app/store-context';
import type { AppStore } from '../../app/app-store';

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

export function createAccountsStore(api: ApiClient, app: AppStore) {
  return create<AccountsStoreState>()((set) => {
    /** Runs one change; the answer replaces the state and the app's facts are re-read. */
    const change = async (run: () => Promise<AccountsState>): Promise<boolean> => {
      set({ busy: true, error: null });
      try {
        set({ state: await run(), busy: false });
        const facts = app.getState();
        await Promise.all([facts.loadInfo(), facts.refreshStatus()]);
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
}

export type AccountsStore = ReturnType<typeof createAccountsStore>;

export const useAccountsStore = storeHook((stores) => stores.accounts);
