// Calls about the app itself: version, mode and Kraken's status.
import { z } from 'zod';
import { call } from '../rpc';

export const Mode = z.enum(['demo', 'live']);
export type Mode = z.infer<typeof Mode>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: Mode,
  /** Where Kraken calls go: the real API, or the embedded simulator's loopback address in demo mode. */
  apiBaseUrl: z.string(),
  transport: z.enum(['electron', 'browser']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const KrakenSystemStatus = z.object({
  status: z.enum(['online', 'maintenance', 'cancel_only', 'post_only']),
  /** Kraken's own timestamp for the status (RFC 3339). */
  timestamp: z.string(),
  /** Kraken's server time, seconds since the epoch. */
  serverTime: z.number().int(),
  /** When this answer was fetched (ms since epoch), for "updated N s ago". */
  fetchedAt: z.number().int(),
});
export type KrakenSystemStatus = z.infer<typeof KrakenSystemStatus>;

/** A saved file that could not be read whole at start: set aside, and what was recovered; shown on its screen. */
export const StorageNotice = z.object({
  /** The file's name without .json: accounts, conversions, settings, reconcile… */
  file: z.string(),
  /** What was set aside, where, and what still works, in the operator's words. */
  message: z.string(),
  recovered: z.boolean(),
});
export type StorageNotice = z.infer<typeof StorageNotice>;

/** How the app hears of the account: Kraken's WebSocket feed ("live"), trying to get it back ("reconnecting"), or
 * reading REST on a timer while it cannot ("polling"). */
export const LinkState = z.enum(['live', 'reconnecting', 'polling']);
export type LinkState = z.infer<typeof LinkState>;
export const Link = z.object({ state: LinkState });
export type Link = z.infer<typeof Link>;

const NoInput = z.object({}).strict();

export const appCalls = {
  'app.info': call(NoInput, AppInfo),
  'app.storageNotices': call(NoInput, z.array(StorageNotice)),
  'kraken.systemStatus': call(NoInput, KrakenSystemStatus),
  'app.link': call(NoInput, Link),
};

/** The sidebar's four screens, plus the conversion review that Portfolio leads to. */
export const Screen = z.enum(['portfolio', 'history', 'reconcile', 'settings', 'convert', 'sell']);
export type Screen = z.infer<typeof Screen>;

/** A Kraken read being tried again after a passing failure; null once it has ended either way. */
export const KrakenRetry = z
  .object({ method: z.string(), attempt: z.number().int().positive(), of: z.number().int().positive(), reason: z.string() })
  .nullable();
export type KrakenRetry = z.infer<typeof KrakenRetry>;

export const appEvents = {
  /** The application menu (or a shortcut) asks the page to show a screen. */
  'app.navigate': z.object({ screen: Screen }),
  'kraken.retry': z.object({ retry: KrakenRetry }),
  'app.linkChanged': Link,
};
