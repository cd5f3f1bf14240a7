// Whether the main side answers: in browser mode the local server can stop while the page stays open, and then
// nothing on screen may keep saying "Kraken online".
import { create } from 'zustand';
import { storeHook } from '../app/store-context';

export type MainLink = 'up' | 'down';

interface MainLinkState {
  link: MainLink;
  report: (link: MainLink) => void;
}

export function createMainLinkStore() {
  return create<MainLinkState>()((set, get) => ({
    link: 'up',
    report: (link) => {
      if (get().link !== link) set({ link });
    },
  }));
}

export type MainLinkStore = ReturnType<typeof createMainLinkStore>;

export const useMainLink = storeHook((stores) => stores.mainLink);
