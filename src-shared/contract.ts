// The one contract between the renderer and the main side: every call and event, with its schemas.
// Each feature names its calls in src-shared/contract/<feature>.ts; this file is the complete list.
import { accountsCalls } from './contract/accounts';
import { appCalls, appEvents } from './contract/app';
import { conversionCalls, conversionEvents } from './contract/conversion';
import { historyCalls, historyEvents } from './contract/history';
import { linkCalls, linkEvents } from './contract/link';
import { mirrorCalls, mirrorEvents } from './contract/mirror';
import { portfolioCalls } from './contract/portfolio';
import { settingsCalls } from './contract/settings';
import { reconcileCalls, reconcileEvents } from './contract/reconcile';
import { saleCalls, saleEvents } from './contract/sale';
import type { ClientTable, HandlerTable } from './rpc';

export const calls = {
  ...appCalls,
  ...linkCalls,
  ...accountsCalls,
  ...settingsCalls,
  ...portfolioCalls,
  ...reconcileCalls,
  ...conversionCalls,
  ...historyCalls,
  ...mirrorCalls,
  ...saleCalls,
};

export const events = {
  ...appEvents,
  ...linkEvents,
  ...reconcileEvents,
  ...conversionEvents,
  ...historyEvents,
  ...mirrorEvents,
  ...saleEvents,
};

export type Calls = typeof calls;
export type Events = typeof events;
export type CallName = Extract<keyof Calls, string>;
export type EventName = Extract<keyof Events, string>;
export type Handlers = HandlerTable<Calls>;
export type Api = ClientTable<Calls>;

export const callNames = Object.keys(calls) as CallName[];

/** Calls that change nothing: identical ones in flight at the same time are answered by one run. */
export const readCalls: ReadonlySet<string> = new Set<CallName>([
  'app.info',
  'kraken.systemStatus',
  'accounts.list',
  'settings.get',
  'portfolio.get',
  'reconcile.state',
  'conversion.active',
  'conversion.history',
  'conversion.summary',
  'sale.runs',
]);
