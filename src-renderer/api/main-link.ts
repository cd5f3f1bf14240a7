// Whether the main side answers: in browser mode the local server can stop while the page stays open, and then
// nothing on screen may keep saying "Kraken online".
import { create } from 'zustand';

export type MainLink = 'up' | 'down';

export const useMainLink = create<{ link: MainLink }>(() => ({ link: 'up' }));

export function reportMainLink(link: MainLink): void {
  if (useMainLink.getState().link !== link) useMainLink.setState({ link });
}
