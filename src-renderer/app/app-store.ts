// App-wide facts every screen shows: version, mode, Kraken's status (refreshed while the app is open), and a Kraken
// read being retried after a passing failure.
import { create } from 'zustand';
import type { AppInfo, KrakenRetry, KrakenSystemStatus } from '../../src-shared/contract/app';
import { toAppError, type AppErrorShape } from '../../src-shared/errors';
import { api, subscribe } from '../api/api';

const STATUS_REFRESH_MS = 60_000;

interface AppState {
  info: AppInfo | null;
  status: KrakenSystemStatus | null;
  statusError: AppErrorShape | null;
  retry: KrakenRetry;
  loadInfo: () => Promise<void>;
  refreshStatus: () => Promise<void>;
}

export const useAppStore = create<AppState>((set) => ({
  info: null,
  status: null,
  statusError: null,
  retry: null,
  loadInfo: async () => {
    try {
      set({ info: await api['app.info']({}) });
    } catch (error) {
      set({ statusError: toAppError(error).toShape() });
    }
  },
  refreshStatus: async () => {
    try {
      set({ status: await api['kraken.systemStatus']({}), statusError: null });
    } catch (error) {
      set({ statusError: toAppError(error).toShape() });
    }
  },
}));

export function startAppStore(): () => void {
  const { loadInfo, refreshStatus } = useAppStore.getState();
  void loadInfo();
  void refreshStatus();
  const timer = setInterval(() => void useAppStore.getState().refreshStatus(), STATUS_REFRESH_MS);
  const unsubscribe = subscribe('kraken.retry', ({ retry }) => useAppStore.setState({ retry }));
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
