// Binds the contract to one window's main frame: handlers registered on mainFrame.ipc never hear iframes or
// other windows, and each call is also checked to come from the app's own origin.
import type { BrowserWindow, WebFrameMain } from 'electron';
import type { ContractHost } from '../app/contract-host';
import { CALL_CHANNEL, EVENT_CHANNEL, isAppUrl } from './ipc-channels';

function isAppFrame(frame: WebFrameMain | null): boolean {
  return frame !== null && isAppUrl(frame.url);
}

export function bindContract(window: BrowserWindow, host: ContractHost): void {
  window.webContents.mainFrame.ipc.handle(CALL_CHANNEL, (event, name: unknown, input: unknown) => {
    if (!isAppFrame(event.senderFrame) || typeof name !== 'string') {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app itself.', retryable: false } };
    }
    return host.dispatch(name, input);
  });
  const unsubscribe = host.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
  window.on('closed', unsubscribe);
}
