// Which screen is showing, kept in the URL hash so reloads and the back button behave, and what the screen was opened
// for (a typed intent: run Reconcile now, open a receipt, load OC9's book and come back, open the connect form).
import { create } from 'zustand';
import { Screen } from '../../src-shared/contract/app';
import { storeHook } from './store-context';

export type { Screen };

export type NavIntent =
  /** Reconcile starts a run at once (Portfolio's and a receipt's Reconcile buttons). */
  | { kind: 'run-reconcile' }
  /** History opens this conversion's receipt. */
  | { kind: 'open-receipt'; refid: string }
  /** Reconcile is opened to load OC9's book, then offers the way back to the review. */
  | { kind: 'load-book'; returnTo: Screen }
  /** "Sell through the API" reviews these small balances (asset ids). */
  | { kind: 'sell'; assets: string[] }
  /** "Free it" plans the top-up of this stranded balance (asset id). */
  | { kind: 'free'; asset: string }
  /** Settings opens with the connect form ("Connect your Kraken account"). */
  | { kind: 'connect' };

/** The window's address as navigation needs it; tests give an address of their own. */
export interface HashLocation {
  hash(): string;
  setHash(hash: string): void;
  /** Calls back when the operator changes the address (back button, typed URL); returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export function browserHashLocation(): HashLocation {
  return {
    hash: () => window.location.hash,
    setHash: (hash) => {
      window.location.hash = hash;
    },
    onChange: (listener) => {
      window.addEventListener('hashchange', listener);
      return () => window.removeEventListener('hashchange', listener);
    },
  };
}

export function screenFromHash(hash: string): Screen {
  const parsed = Screen.safeParse(hash.replace(/^#\/?/, '').split('/')[0]);
  return parsed.success ? parsed.data : 'portfolio';
}

interface NavigationState {
  screen: Screen;
  intent: NavIntent | null;
  go: (screen: Screen, intent?: NavIntent) => void;
  /** The screen has acted on its intent. */
  clearIntent: () => void;
  /** Follows the address when the operator changes it; returns the unsubscribe. */
  follow: () => () => void;
}

export function createNavigationStore(location: HashLocation) {
  return create<NavigationState>()((set, get) => ({
    screen: screenFromHash(location.hash()),
    intent: null,
    go: (screen, intent) => {
      set({ screen, intent: intent ?? null });
      if (location.hash() !== `#/${screen}`) location.setHash(`#/${screen}`);
    },
    clearIntent: () => set({ intent: null }),
    follow: () =>
      location.onChange(() => {
        const screen = screenFromHash(location.hash());
        // the back button or a typed address carries no intent
        if (screen !== get().screen) set({ screen, intent: null });
      }),
  }));
}

export type NavigationStore = ReturnType<typeof createNavigationStore>;

export const useNavigation = storeHook((stores) => stores.navigation);

/** The intent the current screen was opened with, when it is of this kind. */
export function useIntent<K extends NavIntent['kind']>(kind: K): Extract<NavIntent, { kind: K }> | null {
  return useNavigation((state) => (state.intent?.kind === kind ? (state.intent as Extract<NavIntent, { kind: K }>) : null));
}
