// The one element that scrolls: the main pane. Long lists virtualize against it, and a screen opens at its top.
import { createContext, useContext } from 'react';

export const MainPaneContext = createContext<HTMLElement | null>(null);

export function useMainPane(): HTMLElement | null {
  return useContext(MainPaneContext);
}
