// A scenario is the whole exchange as JSON: keys, assets, pairs, prices, balances, orders, trades and the ledger.
// It is validated on load, and a ledger whose running balances disagree with the balances names the bad entry.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { compareKrakenTimes, KrakenTime } from '../../../src-shared/kraken-time';
import { dec, DecimalString, ZERO, type Dec } from '../../../src-shared/money';
import { isKrakenSecret } from './signature';
import { Market } from './market';

export const PERMISSIONS = [
  'query-funds',
  'add-funds',
  'withdraw-funds',
  'earn-funds',
  'query-open-trades',
  'query-closed-trades',
  'modify-trades',
  'close-trades',
  'query-ledger',
  'export-data',
  'create-ws-token',
  'add-withdraw-address',
  'update-withdraw-address',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

export const Tier = z.enum(['starter', 'intermediate', 'pro']);
export type Tier = z.infer<typeof Tier>;

export const ScenarioKey = z.object({
  name: z.string().min(1),
  key: z.string().min(16),
  secret: z.string().refine(isKrakenSecret, 'must be base64 of 64 bytes'),
  permissions: z.array(Permission),
  tier: Tier.default('starter'),
  /** A static one-time password standing in for the key's 2FA. */
  otp: z.string().min(1).optional(),
  nonceWindow: z.number().int().nonnegative().default(0),
});
export type ScenarioKey = z.infer<typeof ScenarioKey>;

const ScenarioAsset = z.object({
  altname: z.string().min(1),
  decimals: z.number().int().min(0).max(18),
  display_decimals: z.number().int().min(0).max(18),
  aclass: z.string().default('currency'),
  status: z.enum(['enabled', 'deposit_only', 'withdrawal_only', 'funding_temporarily_disabled']).default('enabled'),
  collateral_value: z.number().optional(),
});

const FeeLadder = z.array(z.tuple([z.number().nonnegative(), z.number().nonnegative()]));

const ScenarioPair = z.object({
  altname: z.string().min(1),
  wsname: z.string().optional(),
  base: z.string().min(1),
  quote: z.string().min(1),
  pair_decimals: z.number().int().min(0).max(18),
  cost_decimals: z.number().int().min(0).max(18).optional(),
  lot_decimals: z.number().int().min(0).max(18),
  ordermin: DecimalString,
  costmin: DecimalString,
  tick_size: DecimalString,
  fees: FeeLadder.default([]),
  fees_maker: FeeLadder.default([]),
  status: z.enum(['online', 'cancel_only', 'post_only', 'limit_only', 'reduce_only']).default('online'),
});

const Pair = z.tuple([DecimalString, DecimalString]);
const ScenarioTicker = z.object({
  a: z.tuple([DecimalString, DecimalString, DecimalString]),
  b: z.tuple([DecimalString, DecimalString, DecimalString]),
  c: Pair,
  v: Pair.optional(),
  p: Pair.optional(),
  t: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).optional(),
  l: Pair.optional(),
  h: Pair.optional(),
  o: DecimalString,
});
export type ScenarioTicker = z.infer<typeof ScenarioTicker>;

const Side = z.enum(['buy', 'sell']);
const Time = KrakenTime;

export const ScenarioLedgerEntry = z.object({
  id: z.string().min(1),
  refid: z.string().min(1),
  time: Time,
  type: z.string().min(1),
  subtype: z.string().default(''),
  aclass: z.string().default('currency'),
  asset: z.string().min(1),
  amount: DecimalString,
  fee: DecimalString,
  balance: DecimalString,
});
export type ScenarioLedgerEntry = z.infer<typeof ScenarioLedgerEntry>;

export const ScenarioTrade = z.object({
  txid: z.string().min(1),
  ordertxid: z.string().min(1),
  postxid: z.string().min(1),
  pair: z.string().min(1),
  time: Time,
  type: Side,
  ordertype: z.enum(['market', 'limit']),
  price: DecimalString,
  cost: DecimalString,
  fee: DecimalString,
  vol: DecimalString,
  maker: z.boolean().default(false),
  trade_id: z.number().int().nonnegative(),
});
export type ScenarioTrade = z.infer<typeof ScenarioTrade>;

export const ScenarioOpenOrder = z.object({
  txid: z.string().min(1),
  pair: z.string().min(1),
  type: Side,
  ordertype: z.literal('limit'),
  price: DecimalString,
  volume: DecimalString,
  opentm: Time,
  cl_ord_id: z.string().min(1).optional(),
  userref: z.number().int().optional(),
  oflags: z.string().default(''),
});
export type ScenarioOpenOrder = z.infer<typeof ScenarioOpenOrder>;

export const ScenarioSchema = z.object({
  name: z.string().min(1),
  /** Unix seconds at which the history ends; moved to the clock's start when anchored. */
  now: Time,
  keys: z.array(ScenarioKey).min(1),
  assets: z.record(z.string(), ScenarioAsset),
  pairs: z.record(z.string(), ScenarioPair),
  tickers: z.record(z.string(), ScenarioTicker),
  balances: z.record(z.string(), DecimalString),
  openOrders: z.array(ScenarioOpenOrder).default([]),
  trades: z.array(ScenarioTrade).default([]),
  ledger: z.array(ScenarioLedgerEntry).default([]),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** Validates a scenario's shape and its internal consistency; throws ScenarioError naming the first problem. */
export function parseScenario(data: unknown): Scenario {
  const parsed = ScenarioSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    throw new ScenarioError(`scenario is malformed at "${where}": ${issue?.message ?? 'unknown problem'}`);
  }
  const scenario = parsed.data;
  const market = Market.fromScenario(scenario);
  checkReferences(scenario, market);
  checkLedger(scenario, market);
  return scenario;
}

export async function loadScenarioFile(path: string): Promise<Scenario> {
  const text = await readFile(path, 'utf8');
  return parseScenario(JSON.parse(text));
}

function checkReferences(scenario: Scenario, market: Market): void {
  const keyNames = new Set<string>();
  const apiKeys = new Set<string>();
  for (const key of scenario.keys) {
    if (keyNames.has(key.name)) throw new ScenarioError(`two keys are named "${key.name}"`);
    if (apiKeys.has(key.key)) throw new ScenarioError(`key "${key.name}" reuses another key's API key`);
    keyNames.add(key.name);
    apiKeys.add(key.key);
  }
  for (const pairId of Object.keys(scenario.pairs)) {
    if (!scenario.tickers[pairId]) throw new ScenarioError(`pair ${pairId} has no ticker`);
  }
  for (const pairId of Object.keys(scenario.tickers)) {
    if (!scenario.pairs[pairId]) throw new ScenarioError(`ticker ${pairId} names no pair`);
  }
  for (const [asset, amount] of Object.entries(scenario.balances)) {
    checkAmount(market, asset, amount, `balance of ${asset}`);
  }
  const tradeIds = new Set<string>();
  for (const trade of scenario.trades) {
    if (!scenario.pairs[trade.pair]) throw new ScenarioError(`trade ${trade.txid} names unknown pair ${trade.pair}`);
    if (tradeIds.has(trade.txid)) throw new ScenarioError(`trade id ${trade.txid} appears twice`);
    tradeIds.add(trade.txid);
  }
  for (const order of scenario.openOrders) {
    if (!scenario.pairs[order.pair]) throw new ScenarioError(`open order ${order.txid} names unknown pair ${order.pair}`);
  }
}

function checkAmount(market: Market, asset: string, amount: string, what: string): void {
  const info = market.resolveAsset(asset);
  if (!info || info.id !== asset) throw new ScenarioError(`${what}: unknown asset id "${asset}"`);
  if (dec(amount).decimalPlaces() > info.decimals) {
    throw new ScenarioError(`${what}: ${amount} has more than the asset's ${info.decimals} decimals`);
  }
}

/** Replays the ledger oldest first: each entry's balance must be previous + amount − fee, and end at the balance. */
function checkLedger(scenario: Scenario, market: Market): void {
  const running = new Map<string, { balance: Dec; lastId: string }>();
  const ids = new Set<string>();
  for (const entry of chronological(scenario.ledger)) {
    if (ids.has(entry.id)) throw new ScenarioError(`ledger id ${entry.id} appears twice`);
    ids.add(entry.id);
    for (const [field, value] of [
      ['amount', entry.amount],
      ['fee', entry.fee],
      ['balance', entry.balance],
    ] as const) {
      checkAmount(market, entry.asset, value, `ledger entry ${entry.id} ${field}`);
    }
    const previous = running.get(entry.asset)?.balance ?? ZERO;
    const expected = previous.plus(dec(entry.amount)).minus(dec(entry.fee));
    if (!expected.eq(dec(entry.balance))) {
      throw new ScenarioError(
        `ledger entry ${entry.id} (${entry.asset} at ${entry.time}) says balance ${entry.balance}, but the previous ` +
          `balance ${previous.toFixed()} + amount ${entry.amount} − fee ${entry.fee} = ${expected.toFixed()}`,
      );
    }
    running.set(entry.asset, { balance: expected, lastId: entry.id });
  }
  const assets = new Set([...running.keys(), ...Object.keys(scenario.balances)]);
  for (const asset of assets) {
    const stated = dec(scenario.balances[asset] ?? '0');
    const last = running.get(asset);
    const replayed = last?.balance ?? ZERO;
    if (!stated.eq(replayed)) {
      const from = last ? `its last entry ${last.lastId} leaves ${replayed.toFixed()}` : 'it has no ledger entries';
      throw new ScenarioError(`balance of ${asset} is ${stated.toFixed()} but the ledger disagrees: ${from}`);
    }
  }
}

/** Oldest first; entries with the same time keep their file order. */
export function chronological<T extends { time: string }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((x, y) => compareKrakenTimes(x.item.time, y.item.time) || x.index - y.index)
    .map(({ item }) => item);
}
