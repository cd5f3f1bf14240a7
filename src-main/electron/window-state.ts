// Remembers the window's size and position, and never restores it onto a display that is gone.
import { screen, type BrowserWindow } from 'electron';

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface WindowStateStore {
  get(): WindowBounds | null;
  set(bounds: WindowBounds): void;
}

export function restorableBounds(saved: WindowBounds | null): WindowBounds | null {
  if (!saved) return null;
  const visible = screen
    .getAllDisplays()
    .some(
      ({ workArea }) =>
        saved.x < workArea.x + workArea.width &&
        saved.x + saved.width > workArea.x &&
        saved.y < workArea.y + workArea.height &&
        saved.y + saved.height > workArea.y,
    );
  return visible ? saved : null;
}

export function trackWindowState(window: BrowserWindow, store: WindowStateStore): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    if (window.isDestroyed() || window.isMinimized()) return;
    const { x, y, width, height } = window.getNormalBounds();
    store.set({ x, y, width, height, maximized: window.isMaximized() });
  };
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
