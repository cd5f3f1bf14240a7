// Guards for every web contents the app ever creates (the window, a devtools page, anything a future feature adds),
// installed from the `web-contents-created` catch-all: navigation stays inside the app, new windows and webviews
// are refused, and a link goes to the system browser only through the allowlisted opener.
import type { WebContents } from 'electron';
import { isAppUrl } from './ipc-channels';

export function guardWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}
