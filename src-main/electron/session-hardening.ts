// Deny every permission (camera, notifications, ...) and every network request the page itself might try:
// all Kraken traffic goes through the main process.
import { session } from 'electron';
import { APP_SCHEME } from './ipc-channels';

export function hardenDefaultSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const scheme = new URL(details.url).protocol.replace(':', '');
    callback({ cancel: scheme !== APP_SCHEME && scheme !== 'devtools' });
  });
}
