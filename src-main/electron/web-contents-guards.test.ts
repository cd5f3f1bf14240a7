// Fakes the web contents (no Electron binary here): the guards every web contents gets from the catch-all.
import { beforeEach, describe, expect, it } from 'vitest';
import type { WebContents } from 'electron';
import { FakeWebContents } from './fake-web-contents';
import { guardWebContents } from './web-contents-guards';

let contents: FakeWebContents;
const handedOut: string[] = [];
beforeEach(() => {
  handedOut.length = 0;
  contents = new FakeWebContents();
  guardWebContents(contents as unknown as WebContents, (url) => handedOut.push(url));
});

describe('guardWebContents', () => {
  it('keeps navigation and redirects inside the app', () => {
    expect(contents.fire('will-navigate', 'app://oc9/index.html#/history')).toBe(false);
    expect(contents.fire('will-navigate', 'https://pro.kraken.com/app/portfolio/spot')).toBe(true);
    expect(contents.fire('will-redirect', 'https://attacker.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'app://oc9.attacker.example/')).toBe(true);
  });

  it('denies every new window, handing the URL to the allowlisted opener instead', () => {
    expect(contents.openHandler?.({ url: 'https://attacker.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://pro.kraken.com/app/portfolio/spot' })).toEqual({ action: 'deny' });
    expect(handedOut).toEqual(['https://attacker.example/', 'https://pro.kraken.com/app/portfolio/spot']);
  });

  it('refuses to attach webviews', () => {
    expect(contents.fire('will-attach-webview')).toBe(true);
  });
});
