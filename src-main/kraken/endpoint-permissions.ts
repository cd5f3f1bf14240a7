// Which setting on Kraken's API-key page each private endpoint needs (docs/kraken-facts.md §4), so a refusal can name it.

export interface KeyPermission {
  /** The code GetApiKeyInfo reports, e.g. `query-funds`. */
  code: string;
  /** The label on Kraken's key settings page. */
  label: string;
}

const QUERY_FUNDS: KeyPermission = { code: 'query-funds', label: 'Query Funds' };
const QUERY_OPEN: KeyPermission = { code: 'query-open-trades', label: 'Query Open Orders & Trades' };
const QUERY_CLOSED: KeyPermission = { code: 'query-closed-trades', label: 'Query Closed Orders & Trades' };
const QUERY_LEDGER: KeyPermission = { code: 'query-ledger', label: 'Query Ledger Entries' };
const MODIFY: KeyPermission = { code: 'modify-trades', label: 'Create & Modify Orders' };
const WEBSOCKET: KeyPermission = { code: 'create-ws-token', label: 'Access WebSockets API' };
const CANCEL: KeyPermission = { code: 'close-trades', label: 'Cancel & Close Orders' };

/** Any one of the listed permissions is enough. */
export const ENDPOINT_PERMISSIONS: Readonly<Record<string, readonly KeyPermission[]>> = {
  Balance: [QUERY_FUNDS],
  BalanceEx: [QUERY_FUNDS],
  TradeBalance: [QUERY_OPEN],
  OpenOrders: [QUERY_OPEN],
  ClosedOrders: [QUERY_CLOSED],
  QueryOrders: [QUERY_OPEN, QUERY_CLOSED],
  TradesHistory: [QUERY_CLOSED],
  Ledgers: [QUERY_LEDGER],
  QueryLedgers: [QUERY_LEDGER],
  TradeVolume: [QUERY_FUNDS],
  AddOrder: [MODIFY],
  CancelOrder: [MODIFY, CANCEL],
  GetApiKeyInfo: [],
  GetWebSocketsToken: [WEBSOCKET],
};

export function permissionsFor(method: string): readonly KeyPermission[] {
  return ENDPOINT_PERMISSIONS[method] ?? [];
}
