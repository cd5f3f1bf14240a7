// A conversion plan is the snapshot taken at "swipe to confirm": what Kraken should sweep, at which prices, and
// where the ledger stood, so the sweep that follows can be matched and proven. Pre-flight checks are plain data.
import { z } from 'zod';
import { AppError } from './errors';
import { DecimalString, dec, sum, toWire, ZERO } from './money';
import type { Dec } from './money';
import { LedgerCursor } from './ledger';
import type { DustSweepCooldown } from './dust-sweep';
import { describeOpenOrder, sweepEffect, type OpenOrderFacts } from './open-order';

/** Kraken's documented fee for converting small balances. */
export const DEFAULT_DUST_FEE_RATE = '0.03';
/** Quotes older than this make the estimate stale. */
export const PRICE_MAX_AGE_MS = 60_000;

export const ConversionPlanItem = z.object({
  /** Kraken asset id of the swept balance. */
  asset: z.string().min(1),
  amount: DecimalString,
  /** Price of one unit in the target currency. */
  price: DecimalString,
  /** amount × price, in the target. */
  value: DecimalString,
  /** value less the fee, in the target. */
  estimatedProceeds: DecimalString,
});
export type ConversionPlanItem = z.infer<typeof ConversionPlanItem>;

export const ConversionPlan = z.object({
  id: z.string().min(1),
  /** ms since the epoch. */
  createdAt: z.number().int().nonnegative(),
  /** Kraken asset id of the destination, e.g. ZUSD. */
  target: z.string().min(1),
  feeRate: DecimalString,
  items: z.array(ConversionPlanItem),
  estimatedTotal: DecimalString,
  estimatedFee: DecimalString,
  /** Newest ledger entry seen when planning; null when the account had none. */
  ledgerCursor: LedgerCursor.nullable(),
  /** When the prices were quoted (ms). */
  quotesAt: z.number().int().nonnegative(),
});
export type ConversionPlan = z.infer<typeof ConversionPlan>;

/** A balance the classifier marked sweepable, already valued in the target currency by the caller. */
export interface SweepableRow {
  asset: string;
  amount: Dec;
  value: Dec;
}

export interface ConversionPlanInput {
  id: string;
  createdAt: number;
  target: string;
  feeRate: Dec;
  rows: readonly SweepableRow[];
  ledgerCursor: LedgerCursor | null;
  quotesAt: number;
}

/** Zero balances and the target itself are left out: Kraken never sweeps a currency into itself. */
export function buildConversionPlan(input: ConversionPlanInput): ConversionPlan {
  if (input.feeRate.isNegative() || input.feeRate.greaterThanOrEqualTo(1)) {
    throw new AppError('invalid_input', 'The conversion fee must be a rate from 0 up to (not including) 100 %.');
  }
  const seen = new Set<string>();
  const rows = input.rows.filter((row) => row.asset !== input.target && row.amount.greaterThan(ZERO));
  for (const row of rows) {
    if (seen.has(row.asset)) {
      throw new AppError('invalid_input', `${row.asset} is listed twice among the balances to convert.`);
    }
    if (row.value.isNegative()) {
      throw new AppError('invalid_input', `${row.asset} has a negative value; refresh prices and try again.`);
    }
    seen.add(row.asset);
  }
  const keep = dec('1').minus(input.feeRate);
  const items = rows.map((row): ConversionPlanItem => ({
    asset: row.asset,
    amount: toWire(row.amount),
    price: toWire(row.value.dividedBy(row.amount)),
    value: toWire(row.value),
    estimatedProceeds: toWire(row.value.times(keep)),
  }));
  const totalValue = sum(rows.map((row) => row.value));
  return {
    id: input.id,
    createdAt: input.createdAt,
    target: input.target,
    feeRate: toWire(input.feeRate),
    items,
    estimatedTotal: toWire(sum(items.map((item) => dec(item.estimatedProceeds)))),
    estimatedFee: toWire(totalValue.times(input.feeRate)),
    ledgerCursor: input.ledgerCursor,
    quotesAt: input.quotesAt,
  };
}

export const PreflightCheckId = z.enum([
  'nothing-to-convert',
  'cooldown',
  'open-orders',
  'oc9-positions',
  'borderline',
  'price-age',
  'mode',
]);
export type PreflightCheckId = z.infer<typeof PreflightCheckId>;

export const PreflightStatus = z.enum(['pass', 'warn', 'block']);
export type PreflightStatus = z.infer<typeof PreflightStatus>;

export const PreflightCheck = z.object({
  id: PreflightCheckId,
  status: PreflightStatus,
  title: z.string(),
  detail: z.string(),
  /** One line per thing the check is about (each open order, each OC9 position the sweep would take). */
  items: z.array(z.string()).optional(),
  /** Only on a blocking cooldown: when converting becomes possible (ms), for the countdown. */
  availableAt: z.number().int().optional(),
  /** Only on the cooldown: when the last conversion found was booked (ms); absent when none was found. */
  lastConversionAt: z.number().int().optional(),
  /** What the page offers next to the check: go and load OC9's book, then come back. */
  action: z.enum(['load-book']).optional(),
});
export type PreflightCheck = z.infer<typeof PreflightCheck>;

/** OC9's book as far as the review needs it: whether one is loaded, and the positions it holds. */
export interface BookView {
  loaded: boolean;
  positions: readonly { asset: string; quantity: string }[];
}

export interface PreflightInput {
  plan: ConversionPlan;
  nowMs: number;
  cooldown: DustSweepCooldown;
  /** The newest conversion known at all (ms), from History, when the last day of the ledger holds none. */
  lastKnownConversionAt?: number | null;
  openOrders: readonly OpenOrderFacts[];
  /** The operator saw the open-orders check and chose to go on. */
  openOrdersAcknowledged: boolean;
  book: BookView;
  /** The operator saw which OC9 positions the sweep takes and chose to go on. */
  positionsAcknowledged: boolean;
  /** Assets within ±10 % of the dust threshold. */
  borderlineAssets: readonly string[];
  mode: 'demo' | 'live';
  /** Display name of a Kraken asset id; defaults to the id. */
  nameOf?: (asset: string) => string;
}

function listNames(assets: readonly string[], nameOf: (asset: string) => string): string {
  return assets.map(nameOf).join(', ');
}

function describeWait(ms: number): string {
  const totalMinutes = Math.ceil(ms / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
}

function cooldownCheck(cooldown: DustSweepCooldown, lastKnown: number | null): PreflightCheck {
  const title = 'Once every 24 hours';
  const last = cooldown.lastSweepAt ?? lastKnown;
  const at = last === null ? {} : { lastConversionAt: last };
  if (cooldown.available || cooldown.availableAt === null) {
    const detail =
      cooldown.lastSweepAt === null
        ? 'No conversion of small balances in the last 24 hours.'
        : 'Your last conversion was more than 24 hours ago.';
    return { id: 'cooldown', status: 'pass', title, detail, ...at };
  }
  return {
    id: 'cooldown',
    status: 'block',
    title,
    detail: `Kraken allows one conversion every 24 hours. The next one is possible in ${describeWait(cooldown.remainingMs)}.`,
    availableAt: cooldown.availableAt,
    ...at,
  };
}

function openOrdersCheck(swept: readonly string[], input: PreflightInput, nameOf: (asset: string) => string): PreflightCheck {
  const title = 'Open orders';
  const sweptSet = new Set(swept);
  const touching = input.openOrders.filter((order) => sweptSet.has(order.base) || sweptSet.has(order.quote));
  if (touching.length === 0) {
    const detail = 'No open order buys, sells or pays with any of the balances Kraken will sweep.';
    return { id: 'open-orders', status: 'pass', title, detail };
  }
  const words = { name: nameOf };
  const items = touching.map((order) => {
    const view = describeOpenOrder(order, words);
    return `${view.text}. ${sweepEffect(order, view, sweptSet, words)}`;
  });
  const count = touching.length === 1 ? 'An open order touches' : `${touching.length} open orders touch`;
  if (input.openOrdersAcknowledged) {
    return { id: 'open-orders', status: 'warn', title, detail: `You chose to go on. ${count} the balances Kraken will sweep:`, items };
  }
  return {
    id: 'open-orders',
    status: 'block',
    title,
    detail: `${count} the balances Kraken will sweep. Cancel ${touching.length === 1 ? 'it' : 'them'} on Kraken, or acknowledge to go on:`,
    items,
  };
}

function positionsCheck(swept: readonly string[], input: PreflightInput, nameOf: (asset: string) => string): PreflightCheck {
  const title = 'OC9 positions';
  if (!input.book.loaded) {
    return {
      id: 'oc9-positions',
      status: 'warn',
      title,
      detail: 'Load OC9’s book first so Reconcile can explain this conversion.',
      action: 'load-book',
    };
  }
  const taken = input.book.positions.filter((p) => swept.includes(p.asset) && dec(p.quantity).greaterThan(0));
  if (taken.length === 0) {
    return { id: 'oc9-positions', status: 'pass', title, detail: 'The sweep takes none of the positions in OC9’s book.' };
  }
  const items = taken.map((p) => `${nameOf(p.asset)}: OC9’s book holds ${p.quantity} ${nameOf(p.asset)}`);
  if (input.positionsAcknowledged) {
    return {
      id: 'oc9-positions',
      status: 'warn',
      title,
      detail: 'You chose to go on. Pause the bot for these, and reconcile after the conversion:',
      items,
    };
  }
  return {
    id: 'oc9-positions',
    status: 'block',
    title,
    detail: `Kraken would sweep ${taken.length === 1 ? 'a position' : `${taken.length} positions`} in OC9’s book. Pause the bot or close ${taken.length === 1 ? 'it' : 'them'} first, or acknowledge to go on:`,
    items,
  };
}

/** Every check in display order; statuses only ever block, warn or pass ("info" checks pass with a detail). */
export function preflightChecks(input: PreflightInput): PreflightCheck[] {
  const nameOf = input.nameOf ?? ((asset: string) => asset);
  const swept = input.plan.items.map((item) => item.asset);
  const checks: PreflightCheck[] = [];

  checks.push(
    swept.length === 0
      ? {
          id: 'nothing-to-convert',
          status: 'block',
          title: 'Something to convert',
          detail: 'No balance is under the small-balance limit, so there is nothing to convert.',
        }
      : {
          id: 'nothing-to-convert',
          status: 'pass',
          title: 'Something to convert',
          detail: `${swept.length} ${swept.length === 1 ? 'balance' : 'balances'} will be converted.`,
        },
  );
  checks.push(cooldownCheck(input.cooldown, input.lastKnownConversionAt ?? null));
  checks.push(openOrdersCheck(swept, input, nameOf));
  checks.push(positionsCheck(swept, input, nameOf));

  const borderlineIn = input.borderlineAssets.filter((asset) => swept.includes(asset));
  const borderlineOut = input.borderlineAssets.filter((asset) => !swept.includes(asset));
  const borderlineDetail = [
    borderlineIn.length > 0 ? `${listNames(borderlineIn, nameOf)} may rise above the limit and stay.` : '',
    borderlineOut.length > 0 ? `${listNames(borderlineOut, nameOf)} may fall under the limit and be swept too.` : '',
  ]
    .filter((text) => text !== '')
    .join(' ');
  checks.push(
    borderlineDetail === ''
      ? { id: 'borderline', status: 'pass', title: 'Close to the limit', detail: 'No balance is close to the small-balance limit.' }
      : { id: 'borderline', status: 'warn', title: 'Close to the limit', detail: `Prices decide what Kraken sweeps: ${borderlineDetail}` },
  );

  const ageMs = input.nowMs - input.plan.quotesAt;
  checks.push(
    ageMs > PRICE_MAX_AGE_MS
      ? {
          id: 'price-age',
          status: 'warn',
          title: 'Fresh prices',
          detail: `Prices are ${Math.floor(ageMs / 1000)} s old; refresh them so the estimate matches what Kraken pays.`,
        }
      : { id: 'price-age', status: 'pass', title: 'Fresh prices', detail: 'Prices are at most a minute old.' },
  );

  checks.push({
    id: 'mode',
    status: 'pass',
    title: input.mode === 'live' ? 'Live account' : 'Demo account',
    detail:
      input.mode === 'live'
        ? 'This converts real balances in your Kraken account.'
        : 'This is the demo: the conversion happens in the simulator and no real funds move.',
  });
  return checks;
}

export function canConvert(checks: readonly PreflightCheck[]): boolean {
  return checks.every((check) => check.status !== 'block');
}
