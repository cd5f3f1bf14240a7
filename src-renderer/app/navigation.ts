// Which screen is showing, kept in the URL hash so reloads and the back button behave, and what the screen was opened
// for (a typed intent: run Reconcile now, open a receipt, load OC9's book and come back).
import { create } from 'zustand';
import { Screen } from '../../src-shared/contract/app';

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
  | { kind: 'free'; asset: string };

function screenFromHash(hash: string): Screen {
  const parsed = Screen.safeParse(hash.replace(/^#\/?/, '').split('/')[0]);
  return parsed.success ? parsed.data : 'portfolio';
}

interface NavigationState {
  screen: Screen;
  intent: NavIntent | null;
  go: (screen: Screen, intent?: NavIntent) => void;
  /** The screen has acted on its intent. */
  clearIntent: () => void;
}

export const useNavigation = create<NavigationState>((set) => ({
  screen: screenFromHash(window.location.hash),
  intent: null,
  go: (screen, intent) => {
    set({ screen, intent: intent ?? null });
    if (window.location.hash !== `#/${screen}`) window.location.hash = `#/${screen}`;
  },
  clearIntent: () => set({ intent: null }),
}));

window.addEventListener('hashchange', () => {
  const screen = screenFromHash(window.location.hash);
  // the back button or a typed address carries no intent
  if (screen !== useNavigation.getState().screen) useNavigation.setState({ screen, intent: null });
});

/** The intent the current screen was opened with, when it is of this kind. */
export function useIntent<K extends NavIntent['kind']>(kind: K): Extract<NavIntent, { kind: K }> | null {
  return useNavigation((state) => (state.intent?.kind === kind ? (state.intent as Extract<NavIntent, { kind: K }>) : null));
}
