// Kraken ledger entries and trades as the client returns them, grouped by refid and classified, so conversion
// receipts and reconcile can say which kind of activity moved a balance.
import { z } from 'zod';
import { compareKrakenTimes, KrakenTime, laterKrakenTime } from './kraken-time';
import { DecimalString, dec, sum, ZERO } from './money';
import type { Dec } from './money';

/** One `Ledgers`/`QueryLedgers` entry, keyed by its ledger id; amounts stay decimal strings on the wire. */
export const LedgerEntry = z.object({
  id: z.string().min(1),
  refid: z.string(),
  /** Kraken's time in seconds since the epoch, as the text Kraken wrote. */
  time: KrakenTime,
  type: z.string(),
  subtype: z.string().default(''),
  aclass: z.string(),
  /** Kraken asset id, e.g. XXBT, ZUSD, SOL, DOT.F. */
  asset: z.string().min(1),
  amount: DecimalString,
  fee: DecimalString,
  /** Resulting balance: previous balance + amount − fee. */
  balance: DecimalString,
  /** Fields Kraken sent that the app does not know yet, kept as they came. */
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

/** One `TradesHistory` trade; `fee` is in the quote currency, as Kraken reports it. */
export const Trade = z.object({
  id: z.string().min(1),
  ordertxid: z.string(),
  /** Pair id, e.g. XXBTZUSD. */
  pair: z.string().min(1),
  time: KrakenTime,
  type: z.enum(['buy', 'sell']),
  ordertype: z.string(),
  price: DecimalString,
  cost: DecimalString,
  fee: DecimalString,
  vol: DecimalString,
  /** Fields Kraken sent that the app does not use (trade_id, maker, ledgers…), kept as they came. */
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type Trade = z.infer<typeof Trade>;

/** The newest ledger entry seen, so later syncs and matches only consider what came after it. */
export const LedgerCursor = z.object({ id: z.string().min(1), time: KrakenTime });
export type LedgerCursor = z.infer<typeof LedgerCursor>;

export const LedgerGroupKind = z.enum(['dust-sweep', 'trade', 'fee', 'earn-move', 'deposit', 'withdrawal', 'adjustment', 'other']);
export type LedgerGroupKind = z.infer<typeof LedgerGroupKind>;

export interface LedgerGroup {
  refid: string;
  /** Kraken's seconds, the newest entry's time. */
  time: string;
  kind: LedgerGroupKind;
  entries: LedgerEntry[];
}

const EARN_SUFFIX = /\.(F|S|B|M|P)$/;
const EARN_TYPES = new Set(['staking', 'reward', 'earn']);
const EARN_SUBTYPES = new Set([
  'spottostaking',
  'stakingfromspot',
  'spotfromstaking',
  'stakingtospot',
  'allocation',
  'deallocation',
  'autoallocation',
  'migration',
]);
const TRADE_TYPES = new Set(['trade', 'spend', 'receive', 'conversion']);

/** `.F` `.S` `.B` `.M` `.P` balances are earn/staking variants of a spot asset, not spot. */
export function isEarnVariant(asset: string): boolean {
  return EARN_SUFFIX.test(asset);
}

/**
 * The asset an earn variant belongs to by stripping the suffix (DOT.F → DOT). Legacy ids differ (XBT.F belongs to
 * XXBT), so callers that know Kraken's asset list should inject their own mapping where this is a default.
 */
export function stripEarnSuffix(asset: string): string {
  return asset.replace(EARN_SUFFIX, '');
}

/** What an entry did to its asset's balance. */
export function entryNet(entry: LedgerEntry): Dec {
  return dec(entry.amount).minus(dec(entry.fee));
}

/** Net change per asset of a set of entries: the sum of `amount − fee`. */
export function netChangeByAsset(entries: readonly LedgerEntry[]): Map<string, Dec> {
  const totals = new Map<string, Dec>();
  for (const entry of entries) {
    totals.set(entry.asset, (totals.get(entry.asset) ?? ZERO).plus(entryNet(entry)));
  }
  return totals;
}

/** Records in order of events: by time, then id so equal times stay stable. */
export function oldestFirst<T extends { id: string; time: string }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => compareKrakenTimes(a.time, b.time) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function classifyGroup(entries: readonly LedgerEntry[]): LedgerGroupKind {
  if (entries.some((e) => e.subtype === 'dustsweeping')) return 'dust-sweep';
  const isEarn = entries.some(
    (e) => EARN_TYPES.has(e.type) || EARN_SUBTYPES.has(e.subtype) || (e.type === 'transfer' && isEarnVariant(e.asset)),
  );
  if (isEarn) return 'earn-move';
  const feeOnly = entries.every((e) => dec(e.amount).isZero()) && sum(entries.map((e) => dec(e.fee))).greaterThan(ZERO);
  if (feeOnly || entries.some((e) => e.type === 'rollover')) return 'fee';
  if (entries.some((e) => TRADE_TYPES.has(e.type))) return 'trade';
  if (entries.some((e) => e.type === 'deposit')) return 'deposit';
  if (entries.some((e) => e.type === 'withdrawal')) return 'withdrawal';
  if (entries.some((e) => e.type === 'adjustment')) return 'adjustment';
  return 'other';
}

/** Entries grouped by refid (one Kraken transaction each), oldest group first. */
export function groupByRefid(entries: readonly LedgerEntry[]): LedgerGroup[] {
  const byRefid = new Map<string, LedgerEntry[]>();
  for (const entry of oldestFirst(entries)) {
    const group = byRefid.get(entry.refid);
    if (group === undefined) byRefid.set(entry.refid, [entry]);
    else group.push(entry);
  }
  const groups = [...byRefid].map(([refid, members]) => ({
    refid,
    time: members.map((e) => e.time).reduce(laterKrakenTime),
    kind: classifyGroup(members),
    entries: members,
  }));
  return groups.sort((a, b) => compareKrakenTimes(a.time, b.time) || a.refid.localeCompare(b.refid));
}

/** The cursor to resume from: the newest entry of the set, or null when there is none. */
export function newestCursor(entries: readonly LedgerEntry[]): LedgerCursor | null {
  const newest = oldestFirst(entries).at(-1);
  return newest === undefined ? null : { id: newest.id, time: newest.time };
}
