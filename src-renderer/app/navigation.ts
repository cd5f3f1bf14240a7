// Which screen is showing; kept in the URL hash so reloads and the back button behave.
import { create } from 'zustand';
import { Screen } from '../../src-shared/contract/app';

export type { Screen };

function screenFromHash(hash: string): Screen {
  const parsed = Screen.safeParse(hash.replace(/^#\/?/, '').split('/')[0]);
  return parsed.success ? parsed.data : 'portfolio';
}

interface NavigationState {
  screen: Screen;
  go: (screen: Screen) => void;
}

export const useNavigation = create<NavigationState>((set) => ({
  screen: screenFromHash(window.location.hash),
  go: (screen) => {
    if (window.location.hash !== `#/${screen}`) window.location.hash = `#/${screen}`;
    set({ screen });
  },
}));

window.addEventListener('hashchange', () => {
  useNavigation.setState({ screen: screenFromHash(window.location.hash) });
});

/** Opens Reconcile and starts a run at once (Portfolio's and a receipt's Reconcile buttons). */
export function startReconcileRun(): void {
  window.location.hash = '#/reconcile/run';
}
