// Navigation keeps the screen in the address and carries what a screen was opened for as a typed intent: the
// address never holds a command, so a reload or the back button cannot repeat one.
import { describe, expect, it } from 'vitest';
import { createNavigationStore, screenFromHash, type HashLocation } from './navigation';

/** An address bar: the app sets it, the operator types into it or presses Back. */
function addressBar(initial: string): HashLocation & { type(hash: string): void } {
  let hash = initial;
  const listeners = new Set<() => void>();
  return {
    hash: () => hash,
    setHash: (next) => {
      hash = next;
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    type: (next) => {
      hash = next;
      for (const listener of listeners) listener();
    },
  };
}

describe('navigation', () => {
  it('opens at the screen in the address, or Portfolio when the address names none', () => {
    expect(createNavigationStore(addressBar('#/reconcile')).getState().screen).toBe('reconcile');
    expect(screenFromHash('#/reconcile/run')).toBe('reconcile');
    expect(screenFromHash('#/nowhere')).toBe('portfolio');
    expect(screenFromHash('')).toBe('portfolio');
  });

  it('carries "run Reconcile now" as an intent, not in the address, until the screen has acted on it', () => {
    const address = addressBar('#/portfolio');
    const navigation = createNavigationStore(address);
    navigation.getState().go('reconcile', { kind: 'run-reconcile' });
    expect(address.hash()).toBe('#/reconcile');
    expect(navigation.getState()).toMatchObject({ screen: 'reconcile', intent: { kind: 'run-reconcile' } });
    navigation.getState().clearIntent();
    expect(navigation.getState().intent).toBeNull();
  });

  it('follows Back and typed addresses without an intent, and stops following when told', () => {
    const address = addressBar('#/portfolio');
    const navigation = createNavigationStore(address);
    const stop = navigation.getState().follow();
    navigation.getState().go('history', { kind: 'open-receipt', refid: 'R1' });
    address.type('#/settings');
    expect(navigation.getState()).toMatchObject({ screen: 'settings', intent: null });
    stop();
    address.type('#/history');
    expect(navigation.getState().screen).toBe('settings');
  });
});
