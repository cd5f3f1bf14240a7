// The app's stores reach the screens through one React context, so nothing is built at import time and a test can
// give the screens stores of its own. `storeHook` makes a hook that reads one store like zustand's own hooks.
import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { ApiClient } from '../api/api';
import type { Stores } from './stores';

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (stores === null) throw new Error('The screens need the app’s stores: render them inside <StoresContext.Provider>.');
  return stores;
}

/** The contract client, for a screen that calls the main side itself. */
export function useApi(): ApiClient {
  return useStores().api;
}

export function storeHook<S>(pick: (stores: Stores) => StoreApi<S>) {
  return function useSelected<T>(selector: (state: S) => T): T {
    return useStore(pick(useStores()), selector);
  };
}
