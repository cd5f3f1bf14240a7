// App-wide facts every screen shows: version, mode, Kraken's status (refreshed while the app is open), a Kraken
// read being retried after a passing failure, and how the account is heard (live feed, reconnecting, polling).
import { create } from 'zustand';
import type { AppInfo, KrakenRetry, KrakenSystemStatus, StorageNotice } from '../../src-shared/contract/app';
import type { LinkState } from '../../src-shared/contract/link';
import { toAppError, type AppErrorShape } from '../../src-shared/errors';
import type { ApiClient } from '../api/api';
import { storeHook } from './store-context';

const STATUS_REFRESH_MS = 60_000;

interface AppState {
  info: AppInfo | null;
  status: KrakenSystemStatus | null;
  statusError: AppErrorShape | null;
  retry: KrakenRetry;
  /** Kraken's WebSocket feed for the account: null until the main side says. */
  link: LinkState | null;
  /** Saved files set aside at start; the screen each belongs to shows it until dismissed. */
  storageNotices: StorageNotice[];
  dismissedNotices: string[];
  dismissNotice: (file: string) => void;
  loadInfo: () => Promise<void>;
  refreshStatus: () => Promise<void>;
}

export function createAppStore(api: ApiClient) {
  return create<AppState>()((set) => ({
    info: null,
    status: null,
    statusError: null,
    retry: null,
    link: null,
    storageNotices: [],
    dismissedNotices: [],
    dismissNotice: (file) => set((state) => ({ dismissedNotices: [...state.dismissedNotices, file] })),
    loadInfo: async () => {
      try {
        const [info, storageNotices, link] = await Promise.all([api['app.info']({}), api['app.storageNotices']({}), api['app.link']({})]);
        set({ info, storageNotices, link: link.state });
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
}

export type AppStore = ReturnType<typeof createAppStore>;

export const useAppStore = storeHook((stores) => stores.app);

/** Loads the app's facts, keeps Kraken's status fresh and follows retries; returns what stops it. */
export function startAppStore(store: AppStore, api: ApiClient): () => void {
  const { loadInfo, refreshStatus } = store.getState();
  void loadInfo();
  void refreshStatus();
  const timer = setInterval(() => void store.getState().refreshStatus(), STATUS_REFRESH_MS);
  const unsubscribe = api.subscribe('kraken.retry', ({ retry }) => store.setState({ retry }));
  const unsubscribeLink = api.subscribe('app.linkChanged', ({ state }) => store.setState({ link: state }));
  return () => {
    clearInterval(timer);
    unsubscribe();
    unsubscribeLink();
  };
}
