// The two raw IPC channels under the contract; nothing else crosses between preload and main.
export const CALL_CHANNEL = 'oc9:call';
export const EVENT_CHANNEL = 'oc9:event';
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://oc9';
