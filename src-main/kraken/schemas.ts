// The shapes of Kraken's answers (docs/kraken-facts.md §4), checked on every response: amounts stay decimal strings,
// times are seconds as numbers, and anything else is a `bad_response` naming where it went wrong.
import { z } from 'zod';
import { compareKrakenTimes, KrakenTime } from '../../src-shared/kraken-time';
import { LedgerEntry, Trade } from '../../src-shared/ledger';
import { DecimalString } from '../../src-shared/money';
import { schemaMismatch } from './kraken-errors';

/** `{"error":[…],"result":…}`; `result` may be absent or null on failure. */
export const Envelope = z.object({ error: z.array(z.string()), result: z.unknown().optional() });

export const TimeResult = z.object({ unixtime: z.number().int(), rfc1123: z.string() });
export type TimeResult = z.infer<typeof TimeResult>;

export const SystemStatusResult = z.object({
  status: z.enum(['online', 'maintenance', 'cancel_only', 'post_only']),
  timestamp: z.string(),
});
export type SystemStatusResult = z.infer<typeof SystemStatusResult>;

export const AssetInfo = z.object({
  aclass: z.string(),
  altname: z.string(),
  decimals: z.number().int().nonnegative(),
  display_decimals: z.number().int().nonnegative(),
  collateral_value: z.number().optional(),
  status: z.string().optional(),
});
export type AssetInfo = z.infer<typeof AssetInfo>;
export const AssetsResult = z.record(z.string(), AssetInfo);
export type AssetsResult = z.infer<typeof AssetsResult>;

const FeeLadder = z.array(z.tuple([z.number(), z.number()]));

export const AssetPairInfo = z.object({
  altname: z.string(),
  wsname: z.string().optional(),
  aclass_base: z.string().optional(),
  base: z.string(),
  aclass_quote: z.string().optional(),
  quote: z.string(),
  pair_decimals: z.number().int().nonnegative(),
  cost_decimals: z.number().int().nonnegative().optional(),
  lot_decimals: z.number().int().nonnegative(),
  lot_multiplier: z.number().optional(),
  fees: FeeLadder.default([]),
  fees_maker: FeeLadder.default([]),
  fee_volume_currency: z.string().optional(),
  ordermin: DecimalString,
  costmin: DecimalString,
  tick_size: DecimalString,
  status: z.string(),
});
export type AssetPairInfo = z.infer<typeof AssetPairInfo>;
export const AssetPairsResult = z.record(z.string(), AssetPairInfo);
export type AssetPairsResult = z.infer<typeof AssetPairsResult>;

const Two = z.tuple([DecimalString, DecimalString]);
const Three = z.tuple([DecimalString, DecimalString, DecimalString]);

export const TickerInfo = z.object({
  /** ask [price, whole lot volume, lot volume] */
  a: Three,
  /** bid [price, whole lot volume, lot volume] */
  b: Three,
  /** last trade [price, lot volume] */
  c: Two,
  /** volume [today, last 24 h] */
  v: Two,
  /** volume-weighted average price [today, last 24 h] */
  p: Two,
  /** number of trades [today, last 24 h] */
  t: z.tuple([z.number().int(), z.number().int()]),
  l: Two,
  h: Two,
  o: DecimalString,
});
export type TickerInfo = z.infer<typeof TickerInfo>;
export const TickerResult = z.record(z.string(), TickerInfo);
export type TickerResult = z.infer<typeof TickerResult>;

export const BalanceResult = z.record(z.string(), DecimalString);
export type BalanceResult = z.infer<typeof BalanceResult>;

export const BalanceExEntry = z.object({
  balance: DecimalString,
  hold_trade: DecimalString.optional(),
  credit: DecimalString.optional(),
  credit_used: DecimalString.optional(),
});
export type BalanceExEntry = z.infer<typeof BalanceExEntry>;
export const BalanceExResult = z.record(z.string(), BalanceExEntry);
export type BalanceExResult = z.infer<typeof BalanceExResult>;

/** Kraken sends these as strings; a number is accepted and turned into its text. */
const NumberText = z.union([z.string(), z.number()]).transform(String);

export const ApiKeyInfoResult = z.object({
  apiKeyName: z.string(),
  apiKey: z.string().optional(),
  /** The last nonce Kraken accepted for the key. */
  nonce: NumberText,
  nonceWindow: z.number().int().nonnegative(),
  /** Codes such as `query-funds`, `query-ledger`. */
  permissions: z.array(z.string()),
  iban: z.string().optional(),
  validUntil: NumberText.optional(),
  queryFrom: NumberText.optional(),
  queryTo: NumberText.optional(),
  createdTime: NumberText.optional(),
  modifiedTime: NumberText.optional(),
  ipAllowlist: z.array(z.string()).optional(),
  lastUsed: NumberText.nullable().optional(),
});
export type ApiKeyInfoResult = z.infer<typeof ApiKeyInfoResult>;

export const WebSocketsTokenResult = z.object({
  token: z.string().min(1),
  /** Seconds the token may wait before its first use. */
  expires: z.number().int().positive(),
});
export type WebSocketsTokenResult = z.infer<typeof WebSocketsTokenResult>;

export const OrderStatus = z.enum(['pending', 'open', 'closed', 'canceled', 'expired']);

const OrderWire = z.object({
  refid: z.string().nullable().optional(),
  userref: z.number().int().nullable().optional(),
  cl_ord_id: z.string().optional(),
  status: OrderStatus,
  reason: z.string().nullable().optional(),
  opentm: z.number(),
  closetm: z.number().optional(),
  starttm: z.number().optional(),
  expiretm: z.number().optional(),
  descr: z.object({
    pair: z.string(),
    type: z.enum(['buy', 'sell']),
    ordertype: z.string(),
    price: DecimalString,
    price2: DecimalString,
    leverage: z.string().optional(),
    order: z.string(),
    close: z.string().optional(),
  }),
  vol: DecimalString,
  vol_exec: DecimalString,
  cost: DecimalString,
  fee: DecimalString,
  /** Average fill price. */
  price: DecimalString,
  stopprice: DecimalString.optional(),
  limitprice: DecimalString.optional(),
  trigger: z.string().optional(),
  misc: z.string(),
  oflags: z.string(),
  trades: z.array(z.string()).optional(),
});
export type KrakenOrder = z.infer<typeof OrderWire> & { txid: string };

const OrderMap = z.record(z.string(), OrderWire);
export const OpenOrdersResult = z.object({ open: OrderMap });
export const ClosedOrdersResult = z.object({ closed: OrderMap, count: z.number().int().nonnegative().optional() });
export const QueryOrdersResult = OrderMap;

const TradeWire = z.looseObject({
  ordertxid: z.string(),
  postxid: z.string().optional(),
  /** Pair id, e.g. XXBTZUSD. */
  pair: z.string(),
  time: KrakenTime,
  type: z.enum(['buy', 'sell']),
  ordertype: z.string(),
  price: DecimalString,
  cost: DecimalString,
  /** In the quote currency. */
  fee: DecimalString,
  vol: DecimalString,
  margin: DecimalString.optional(),
  leverage: z.string().optional(),
  misc: z.string().optional(),
  trade_id: z.number().int().optional(),
  maker: z.boolean().optional(),
  ledgers: z.array(z.string()).optional(),
});
export type KrakenTrade = z.infer<typeof TradeWire> & { id: string };
export const TradesHistoryResult = z.object({
  trades: z.record(z.string(), TradeWire),
  count: z.number().int().nonnegative().optional(),
});

// Kraken keys each entry by its id, so on the wire an entry is the domain's LedgerEntry without the id; fields Kraken
// adds later are kept (in `extra`), not dropped
const LedgerWire = LedgerEntry.omit({ id: true, extra: true }).loose();
const LedgerMap = z.record(z.string(), LedgerWire);
export const LedgersResult = z.object({ ledger: LedgerMap, count: z.number().int().nonnegative().optional() });
export const QueryLedgersResult = LedgerMap;

export const AddOrderResult = z.object({
  descr: z.object({ order: z.string(), close: z.string().optional() }),
  /** Absent when only validating. */
  txid: z.array(z.string()).optional(),
});

/** One pair's fee tier; percentages as Kraken writes them ("0.2600"). */
const FeeTier = z.object({
  fee: DecimalString,
  min_fee: DecimalString.optional(),
  max_fee: DecimalString.optional(),
  next_fee: DecimalString.nullable().optional(),
  next_volume: DecimalString.nullable().optional(),
  tier_volume: DecimalString.nullable().optional(),
});

export const TradeVolumeResult = z.object({
  currency: z.string(),
  volume: DecimalString,
  /** Taker fees (or every fee, for pairs not on maker/taker), by pair id. */
  fees: z.record(z.string(), FeeTier).optional(),
  fees_maker: z.record(z.string(), FeeTier).optional(),
});
export type TradeVolumeResult = z.infer<typeof TradeVolumeResult>;

export const CancelOrderResult = z.object({
  count: z.number().int().nonnegative(),
  pending: z.boolean().optional(),
});
export type CancelOrderResult = z.infer<typeof CancelOrderResult>;

/** Parses or throws a non-retryable `bad_response` naming the first field that did not fit. */
export function validateResult<T extends z.ZodType>(method: string, schema: T, data: unknown): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw schemaMismatch(method, issue ? issue.path.map(String).join('.') : '', issue?.message ?? 'unexpected shape');
}

/** Keyed records (Kraken's `{id: record}` maps) as an array, each with its id, newest first (stable on ties). */
export function newestFirst<R extends { time: string }, K extends string>(
  map: Readonly<Record<string, R>>,
  idField: K,
): (R & Record<K, string>)[] {
  return Object.entries(map)
    .map(([id, record]) => ({ ...record, [idField]: id }) as R & Record<K, string>)
    .sort((x, y) => compareKrakenTimes(y.time, x.time));
}

const KNOWN_LEDGER_FIELDS = new Set(Object.keys(LedgerEntry.shape));
const KNOWN_TRADE_FIELDS = new Set(Object.keys(Trade.shape));

/** Fields of a record the app does not know, kept whole; undefined when there are none. */
function extraFields(record: object, known: ReadonlySet<string>): Record<string, unknown> | undefined {
  const extra = Object.fromEntries(Object.entries(record).filter(([field]) => !known.has(field)));
  return Object.keys(extra).length > 0 ? extra : undefined;
}

/** A trade as the app keeps it: the fields it uses, and the rest of what Kraken sent in `extra`. */
export function tradeRecord(trade: KrakenTrade): Trade {
  const { id, ordertxid, pair, time, type, ordertype, price, cost, fee, vol } = trade;
  const extra = extraFields(trade, KNOWN_TRADE_FIELDS);
  return { id, ordertxid, pair, time, type, ordertype, price, cost, fee, vol, ...(extra ? { extra } : {}) };
}

/** Kraken's `{id: entry}` map as entries, newest first: the fields the app knows, and any others kept in `extra`. */
export function ledgerEntries(map: Readonly<Record<string, z.infer<typeof LedgerWire>>>): LedgerEntry[] {
  return newestFirst(map, 'id').map((wire) => ledgerEntryOf(wire.id, wire));
}

function ledgerEntryOf(id: string, wire: z.infer<typeof LedgerWire>): LedgerEntry {
  const { refid, time, type, subtype, aclass, asset, amount, fee, balance } = wire;
  const extra = extraFields(wire, KNOWN_LEDGER_FIELDS);
  return { id, refid, time, type, subtype, aclass, asset, amount, fee, balance, ...(extra ? { extra } : {}) };
}
