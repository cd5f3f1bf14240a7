// Kraken's error strings and transport failures as AppErrors a trader can act on, plus what the retry logic needs
// to know: whether a retry may help by itself, and whether the request may have run on Kraken's side.
import { AppError, type ErrorCode } from '../../src-shared/errors';
import { permissionsFor } from './endpoint-permissions';

/** `rejected`: Kraken answered and did nothing; `unknown`: the request may have run (answer lost or ambiguous). */
export type Delivery = 'rejected' | 'unknown';

export interface CallFailureDetails {
  method: string;
  /** Kraken's own error string, when it sent one (never holds a secret). */
  krakenError?: string;
  delivery: Delivery;
  /** Trying the same read again, unchanged, may succeed without anyone doing anything. */
  transient: boolean;
  /** Kraken named the moment to try again (`EService: Throttled: <unix time>`), in ms since the epoch. */
  retryAtMs?: number;
}

export class KrakenCallError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    retryable: boolean,
    readonly details: CallFailureDetails,
  ) {
    super(code, message, retryable);
    this.name = 'KrakenCallError';
  }
}

const ACTIONS: Readonly<Record<string, string>> = {
  Time: 'reading Kraken’s clock',
  SystemStatus: 'reading Kraken’s status',
  Assets: 'reading the asset list',
  AssetPairs: 'reading the trading pairs',
  Ticker: 'reading prices',
  Balance: 'reading balances',
  BalanceEx: 'reading balances',
  GetApiKeyInfo: 'reading the API key’s settings',
  GetWebSocketsToken: 'opening the live feed',
  OpenOrders: 'reading open orders',
  ClosedOrders: 'reading closed orders',
  QueryOrders: 'reading orders',
  TradesHistory: 'reading trade history',
  Ledgers: 'reading the ledger',
  QueryLedgers: 'reading ledger entries',
  AddOrder: 'placing the order',
  CancelOrder: 'cancelling the order',
};

export function actionOf(method: string): string {
  return ACTIONS[method] ?? `calling ${method}`;
}

interface Mapping {
  code: ErrorCode;
  retryable: boolean;
  transient: boolean;
  /** EService answers may come after the request reached the engine. */
  delivery?: Delivery;
  message: (method: string, detail: string) => string;
}

const CHECK_KEY_PAIR =
  'Check that the API key and its private key were copied completely from the same key pair on Kraken, and that ' +
  'the key has not been deleted.';

/** Ordered: the first prefix that matches the error string wins. */
const KRAKEN_ERRORS: readonly [prefix: string, mapping: Mapping][] = [
  [
    'EAPI:Invalid key',
    {
      code: 'invalid_key',
      retryable: false,
      transient: false,
      message: (m) => `Kraken did not accept the API key while ${actionOf(m)}. ${CHECK_KEY_PAIR}`,
    },
  ],
  [
    'EAPI:Invalid signature',
    {
      code: 'invalid_signature',
      retryable: false,
      transient: false,
      message: (m) =>
        `Kraken could not verify the request’s signature while ${actionOf(m)}: the private key does not ` +
        `match the API key. ${CHECK_KEY_PAIR}`,
    },
  ],
  [
    'EAPI:Invalid nonce',
    {
      code: 'invalid_nonce',
      retryable: true,
      transient: true,
      message: (m) =>
        `Kraken refused the request’s nonce while ${actionOf(m)}. The nonce is a counter that must ` +
        'grow with every request made with one API key; this happens when another program (a bot, a script, another ' +
        'copy of OC9 Console) uses the same key. Give OC9 Console a key of its own, or set a nonce window on the key ' +
        'in Kraken’s API settings.',
    },
  ],
  [
    'EAPI:Rate limit exceeded',
    {
      code: 'rate_limited',
      retryable: true,
      transient: true,
      message: (m) =>
        `Kraken’s rate limit for this API key was reached while ${actionOf(m)}. Wait a minute and try ` +
        'again; if it keeps happening, another program is probably using the same key.',
    },
  ],
  [
    'EGeneral:Too many requests',
    {
      code: 'rate_limited',
      retryable: true,
      transient: true,
      message: (m) => `Kraken asked for fewer requests while ${actionOf(m)}. Wait a moment and try again.`,
    },
  ],
  [
    'EOrder:Rate limit exceeded',
    {
      code: 'rate_limited',
      retryable: true,
      transient: false,
      message: () =>
        'Kraken’s trading limit for this pair is full: too many orders were placed or cancelled ' +
        'recently. Wait a few seconds before placing or cancelling more orders.',
    },
  ],
  [
    'EOrder:Domain rate limit exceeded',
    {
      code: 'rate_limited',
      retryable: true,
      transient: false,
      message: () => 'Kraken’s trading limit was reached. Wait a few seconds before placing or cancelling more orders.',
    },
  ],
  [
    'EOrder:Orders limit exceeded',
    {
      code: 'conflict',
      retryable: false,
      transient: false,
      message: () => 'This pair already has as many open orders as Kraken allows for your tier. Cancel some first.',
    },
  ],
  [
    'EGeneral:Temporary lockout',
    {
      code: 'locked_out',
      retryable: true,
      transient: false,
      message: () =>
        'Kraken has temporarily locked this API key after too many failed requests (wrong key, ' +
        'signature or nonce). The lockout usually lifts after about 15 minutes: wait, then check the key pair and ' +
        'make sure no other program uses this key.',
    },
  ],
  [
    'EGeneral:Permission denied',
    {
      code: 'permission_denied',
      retryable: false,
      transient: false,
      message: (m) => permissionMessage(m),
    },
  ],
  [
    'EService:Market in cancel_only mode',
    {
      code: 'service_unavailable',
      retryable: true,
      transient: false,
      message: () => 'This market only accepts cancellations right now (Kraken put it in cancel-only mode). Try ' + 'again later.',
    },
  ],
  [
    'EService:Market in post_only mode',
    {
      code: 'service_unavailable',
      retryable: true,
      transient: false,
      message: () => 'This market only accepts post-only limit orders right now (Kraken put it in post-only mode).',
    },
  ],
  [
    'EService:Unavailable',
    {
      code: 'service_unavailable',
      retryable: true,
      transient: true,
      delivery: 'unknown',
      message: (m) =>
        `Kraken’s service is offline (maintenance or an outage) while ${actionOf(m)}. Try again in a ` +
        'few minutes; status.kraken.com says when it is back.',
    },
  ],
  [
    'EService:Busy',
    {
      code: 'busy',
      retryable: true,
      transient: true,
      delivery: 'unknown',
      message: (m) => `Kraken is busy and did not handle the request while ${actionOf(m)}. Try again in a moment.`,
    },
  ],
  [
    'EService:Deadline elapsed',
    {
      code: 'busy',
      retryable: true,
      transient: true,
      message: (m) => `Kraken could not handle the request in time while ${actionOf(m)}. Try again in a moment.`,
    },
  ],
  [
    'EService: Throttled',
    {
      code: 'busy',
      retryable: true,
      transient: true,
      message: (m) => `Kraken is throttling requests while ${actionOf(m)}. OC9 Console waits as Kraken asks.`,
    },
  ],
  [
    'EService:Throttled',
    {
      code: 'busy',
      retryable: true,
      transient: true,
      message: (m) => `Kraken is throttling requests while ${actionOf(m)}. OC9 Console waits as Kraken asks.`,
    },
  ],
  [
    'EOrder:Insufficient funds',
    {
      code: 'insufficient_funds',
      retryable: false,
      transient: false,
      message: () =>
        'Not enough available funds for this order (open orders may hold part of the balance). ' +
        'Lower the amount or free the funds first.',
    },
  ],
  [
    'EOrder:Order minimum not met',
    {
      code: 'order_minimum',
      retryable: false,
      transient: false,
      message: () => 'The order is smaller than this pair’s minimum order size (ordermin). Raise the volume to at ' + 'least the minimum.',
    },
  ],
  [
    'EOrder:Cost minimum not met',
    {
      code: 'cost_minimum',
      retryable: false,
      transient: false,
      message: () => 'The order is worth less than this pair’s minimum cost (costmin, price × volume). Raise the ' + 'amount.',
    },
  ],
  [
    'EOrder:Tick size check failed',
    {
      code: 'tick_size',
      retryable: false,
      transient: false,
      message: () => 'The price is not on this pair’s price grid (tick size). Round it to the pair’s price step.',
    },
  ],
  [
    'EOrder:Unknown order',
    {
      code: 'unknown_order',
      retryable: false,
      transient: false,
      message: () => 'Kraken has no open order with this id: it may already be filled, cancelled or expired.',
    },
  ],
  [
    'EQuery:Unknown asset pair',
    {
      code: 'unknown_pair',
      retryable: false,
      transient: false,
      message: () => 'Kraken does not know this trading pair. Check its name (for example XBTUSD) or refresh the ' + 'market list.',
    },
  ],
  [
    'EQuery:Invalid asset pair',
    {
      code: 'unknown_pair',
      retryable: false,
      transient: false,
      message: () => 'Kraken does not accept this trading pair. Check its name (for example XBTUSD).',
    },
  ],
  [
    'EQuery:Unknown asset',
    {
      code: 'unknown_asset',
      retryable: false,
      transient: false,
      message: () => 'Kraken does not know this asset. Check its name or refresh the asset list.',
    },
  ],
  [
    'EGeneral:Invalid arguments',
    {
      code: 'invalid_arguments',
      retryable: false,
      transient: false,
      message: (m, detail) =>
        `Kraken refused the request’s parameters while ${actionOf(m)}` +
        `${detail ? ` (field “${detail}”)` : ''}. Check the values entered; if they look right, report this.`,
    },
  ],
  [
    'EOrder:Invalid price',
    {
      code: 'invalid_arguments',
      retryable: false,
      transient: false,
      message: () => 'Kraken refused the order’s price. Check the price and the pair’s price step.',
    },
  ],
  [
    'EGeneral:Internal error',
    {
      code: 'internal',
      retryable: true,
      transient: false,
      message: (m) => `Kraken reported an internal error while ${actionOf(m)}. Try again; if it persists, contact ` + 'Kraken support.',
    },
  ],
];

function permissionMessage(method: string): string {
  const needed = permissionsFor(method);
  if (needed.length === 0) {
    return (
      `This API key is not allowed to do this on Kraken (${actionOf(method)}). Check the key’s permissions in ` + 'Kraken’s API settings.'
    );
  }
  const names = needed.map((p) => `“${p.label}”`).join(' or ');
  return (
    `This API key lacks Kraken’s ${names} permission, which ${actionOf(method)} needs. On Kraken, open ` +
    `Settings › API, edit the key and allow ${names}, or connect a key that has it.`
  );
}

/** Kraken's first `E…` error string (warnings `W…` never fail a call) as an AppError. */
export function fromKrakenErrors(method: string, errors: readonly string[], nowMs: number): KrakenCallError {
  const raw = errors.find((e) => e.startsWith('E')) ?? errors[0] ?? 'EGeneral:Unknown error';
  const found = KRAKEN_ERRORS.find(([prefix]) => raw.startsWith(prefix));
  const suffix = ` (Kraken: ${raw})`;
  if (!found) {
    return new KrakenCallError('internal', `Kraken refused the request while ${actionOf(method)}.${suffix}`, false, {
      method,
      krakenError: raw,
      delivery: 'rejected',
      transient: false,
    });
  }
  const [prefix, mapping] = found;
  const detail = raw.slice(prefix.length).replace(/^:/, '').trim();
  return new KrakenCallError(mapping.code, `${mapping.message(method, detail)}${suffix}`, mapping.retryable, {
    method,
    krakenError: raw,
    delivery: mapping.delivery ?? 'rejected',
    transient: mapping.transient,
    retryAtMs: throttledUntil(raw, nowMs),
  });
}

/** `EService: Throttled: 1700000000` names the second after which Kraken takes requests again. */
function throttledUntil(raw: string, nowMs: number): number | undefined {
  const match = /Throttled:\s*(\d+(?:\.\d+)?)/.exec(raw);
  if (!match?.[1]) return undefined;
  const at = Number(match[1]) * 1000;
  return at > nowMs ? at : undefined;
}

export type TransportProblem =
  | { kind: 'network' }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'http-status'; status: number }
  | { kind: 'html'; status: number }
  | { kind: 'redirect'; status: number }
  | { kind: 'truncated' }
  | { kind: 'not-json' };

/** A failure between us and Kraken: whether the request ran there is unknown. */
export function transportFailure(method: string, problem: TransportProblem): KrakenCallError {
  const action = actionOf(method);
  const base = { method, delivery: 'unknown' as const, transient: true };
  switch (problem.kind) {
    case 'network':
      return new KrakenCallError(
        'network',
        `Could not reach Kraken while ${action} (network error). Check the ` + 'internet connection, then try again.',
        true,
        base,
      );
    case 'timeout':
      return new KrakenCallError(
        'timeout',
        `Kraken did not answer within ${Math.round(problem.timeoutMs / 1000)} s ` +
          `while ${action}. Check the connection or status.kraken.com, then try again.`,
        true,
        base,
      );
    case 'http-status':
      if (problem.status === 429) {
        return new KrakenCallError(
          'rate_limited',
          `Kraken asked for fewer requests while ${action} (HTTP 429). ` + 'Wait a moment and try again.',
          true,
          { ...base, delivery: 'rejected' },
        );
      }
      if (problem.status >= 500) {
        return new KrakenCallError(
          'service_unavailable',
          `Kraken’s servers failed while ${action} (HTTP ` + `${problem.status}). This is usually brief; try again in a moment.`,
          true,
          base,
        );
      }
      return new KrakenCallError(
        'bad_response',
        `Kraken refused the connection while ${action} (HTTP ` +
          `${problem.status}). Check the API address and any proxy or firewall in between.`,
        false,
        {
          ...base,
          delivery: 'rejected',
          transient: false,
        },
      );
    case 'html':
      return new KrakenCallError(
        'bad_response',
        `Kraken answered with a web page instead of data while ${action} ` +
          `(HTTP ${problem.status}; often a Cloudflare or maintenance page). Try again in a moment.`,
        true,
        base,
      );
    case 'redirect':
      return new KrakenCallError(
        'bad_response',
        `The API address sent OC9 Console somewhere else (HTTP ` +
          `${problem.status} redirect) while ${action}, and the app never follows a redirect with your key. Check the ` +
          'API address in Settings › Kraken accounts; Kraken’s is https://api.kraken.com.',
        false,
        {
          ...base,
          delivery: 'rejected',
          transient: false,
        },
      );
    case 'truncated':
      return new KrakenCallError('bad_response', `Kraken’s answer was cut off before its end while ${action}. Try ` + 'again.', true, base);
    case 'not-json':
      return new KrakenCallError(
        'bad_response',
        `Kraken’s answer was not data OC9 Console can read while ` + `${action}. Try again in a moment.`,
        true,
        base,
      );
  }
}

/** Kraken answered, but not in the documented shape: retrying will not change it. */
export function schemaMismatch(method: string, where: string, problem: string): KrakenCallError {
  const at = where ? ` at “${where}”` : '';
  return new KrakenCallError(
    'bad_response',
    `Kraken’s answer to ${method} was not in the expected form${at}: ` +
      `${problem}. Kraken may have changed its API; update OC9 Console or report this.`,
    false,
    {
      // a success envelope with an odd result still means the request ran
      method,
      delivery: 'unknown',
      transient: false,
    },
  );
}

/** The call this request served was abandoned (the page went away): it is not sent, and not retried. */
export function cancelledCall(method: string): KrakenCallError {
  return new KrakenCallError(
    'cancelled',
    `${actionOf(method)[0]?.toUpperCase() ?? ''}${actionOf(method).slice(1)} was ` + 'stopped because nobody was waiting for it any more.',
    true,
    { method, delivery: 'rejected', transient: false },
  );
}

export function missingCredentials(method: string): KrakenCallError {
  return new KrakenCallError(
    'unauthorized',
    `No Kraken API key is connected, so ${actionOf(method)} is not ` + 'possible. Connect a key in Settings first.',
    false,
    { method, delivery: 'rejected', transient: false },
  );
}

export function malformedSecret(method: string): KrakenCallError {
  return new KrakenCallError(
    'invalid_key',
    'The private key is not in Kraken’s format (base64 of 64 bytes), so ' +
      `${actionOf(method)} is not possible. Copy the private key again from Kraken’s API settings.`,
    false,
    {
      method,
      delivery: 'rejected',
      transient: false,
    },
  );
}
