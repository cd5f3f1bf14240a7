// A receipt proves a conversion against Kraken's ledger: the dust-sweep group is matched to the plan (or stands
// alone when the conversion was made outside the app), asset by asset, with the fee actually charged.
//
// Converted amount per asset: Kraken books one receive leg for the whole sweep, so the net amount received is
// apportioned to each swept asset by its share of value, value = planned price × amount actually swept (the plan's
// price, else a price the caller gives). A lone swept asset gets all of it; when any swept asset has no price, no
// split is made at all (every converted amount is null) rather than a wrong one. The shares are written at the
// credited currency's decimals and add up to exactly what Kraken credited; Kraken's own figures keep full precision.
//
// A receipt says only what the ledger proves: spend legs without their receive leg make a provisional receipt (the
// receive leg may still be booked), and a credit in another currency than planned is said first, never hidden.
import { z } from 'zod';
import { apportionRounded } from './apportion';
import { compareKrakenTimes } from './kraken-time';
import { DecimalString, dec, sum, toWire, ZERO } from './money';
import type { Dec } from './money';
import type { ConversionPlan } from './conversion-plan';
import { toCsv } from './csv';
import type { DustSweep } from './dust-sweep';
import { entryNet } from './ledger';

export const ReceiptLineStatus = z.enum([
  /** Swept exactly the planned amount. */
  'as-planned',
  /** Swept, but not the planned amount: the balance changed in between. */
  'amount-changed',
  'not-swept',
  /** Swept although not in the plan. */
  'not-expected',
  /** Swept, and there was no plan to compare with. */
  'swept',
  /** Swept, but Kraken credited another currency than the plan chose. */
  'other-currency',
]);
export type ReceiptLineStatus = z.infer<typeof ReceiptLineStatus>;

export const ReceiptReason = z.enum(['open-order', 'balance-changed', 'price-moved', 'not-in-plan', 'other-currency']);
export type ReceiptReason = z.infer<typeof ReceiptReason>;

export const ReceiptLine = z.object({
  asset: z.string().min(1),
  status: ReceiptLineStatus,
  expectedAmount: DecimalString.nullable(),
  /** What left the balance: the spend leg's amount plus its fee. */
  sweptAmount: DecimalString.nullable(),
  /** The part of sweptAmount Kraken kept as a fee, in this asset. */
  feeAmount: DecimalString.nullable(),
  plannedValue: DecimalString.nullable(),
  /** Share of the net amount received, in the target (see the note at the top of receipt.ts). */
  convertedAmount: DecimalString.nullable(),
  reason: ReceiptReason.nullable(),
  reasonText: z.string().nullable(),
});
export type ReceiptLine = z.infer<typeof ReceiptLine>;

export const ReceiptFee = z.object({
  asset: z.string().min(1),
  amount: DecimalString,
  /** The fee in the target currency; null when this asset has no price. */
  inTarget: DecimalString.nullable(),
});
export type ReceiptFee = z.infer<typeof ReceiptFee>;

export const Receipt = z.object({
  refid: z.string(),
  /** When Kraken booked the sweep (ms). */
  at: z.number().int().nonnegative(),
  planId: z.string().nullable(),
  /** The currency credited; null for a lone spend leg without a plan. */
  target: z.string().nullable(),
  /** The currency the plan chose; null without a plan. When it differs from `target`, Kraken credited another one. */
  plannedTarget: z.string().nullable(),
  /** Spend legs were found but no receive leg yet: what was credited is not known. */
  provisional: z.boolean(),
  /** The receive leg's amount, before its own fee; null while no receive leg was found (provisional). */
  received: DecimalString.nullable(),
  /** What landed in the target balance: received − the receive leg's fee; null while provisional. */
  netReceived: DecimalString.nullable(),
  estimatedTotal: DecimalString.nullable(),
  /** netReceived − estimatedTotal. */
  differenceFromEstimate: DecimalString.nullable(),
  fees: z.array(ReceiptFee),
  /** Every fee of the sweep in the target; null when a fee could not be priced. */
  effectiveFee: DecimalString.nullable(),
  /** effectiveFee ÷ (netReceived + effectiveFee): the share of the swept value Kraken kept. */
  effectiveFeeRate: DecimalString.nullable(),
  lines: z.array(ReceiptLine),
  /** Anything unusual about the sweep, in words. */
  notes: z.array(z.string()),
  ledgerIds: z.array(z.string()),
});
export type Receipt = z.infer<typeof Receipt>;

export interface ReceiptContext {
  /** Assets held by open orders when the sweep happened. */
  assetsInOpenOrders?: readonly string[];
  /** Balances after the sweep, to tell a changed balance from a moved price. */
  balancesNow?: Readonly<Record<string, string>>;
  /** Prices in the credited currency for assets the plan does not price (or for receipts without a plan). */
  prices?: Readonly<Record<string, string>>;
  /** Kraken's decimals for the credited currency (its `Assets` entry), for the apportioned amounts. */
  targetDecimals?: number;
  /** How people call an asset (USD, not ZUSD), for the words of the receipt. */
  nameOf?: (asset: string) => string;
}

/** Rates keep this many decimals: a hundredth of a basis point. */
const RATE_DECIMALS = 6;

/** The first sweep strictly after the plan: after its ledger cursor when it has one, else after its creation. */
export function findSweepForPlan(plan: ConversionPlan, sweeps: readonly DustSweep[]): DustSweep | null {
  const cursor = plan.ledgerCursor;
  const after = sweeps.filter((sweep) => (cursor === null ? sweep.at > plan.createdAt : compareKrakenTimes(sweep.time, cursor.time) > 0));
  const earliest = [...after].sort((a, b) => compareKrakenTimes(a.time, b.time) || a.refid.localeCompare(b.refid));
  return earliest[0] ?? null;
}

interface SweptAsset {
  asset: string;
  swept: Dec;
  fee: Dec;
}

function sweptAssets(sweep: DustSweep): SweptAsset[] {
  const byAsset = new Map<string, SweptAsset>();
  for (const leg of sweep.spends) {
    const current = byAsset.get(leg.asset) ?? { asset: leg.asset, swept: ZERO, fee: ZERO };
    byAsset.set(leg.asset, {
      asset: leg.asset,
      swept: current.swept.minus(entryNet(leg)),
      fee: current.fee.plus(dec(leg.fee)),
    });
  }
  return [...byAsset.values()];
}

function notSweptReason(asset: string, expected: Dec, context: ReceiptContext): [ReceiptReason, string] {
  if (context.assetsInOpenOrders?.includes(asset) === true) {
    return ['open-order', 'An open order held this balance, and Kraken sweeps only what is free.'];
  }
  if (context.balancesNow !== undefined) {
    const now = context.balancesNow[asset];
    if (now === undefined || !dec(now).equals(expected)) {
      return ['balance-changed', 'The balance changed after planning; Kraken sweeps what is there at that moment.'];
    }
    return ['price-moved', 'The balance is still there, so its price most likely rose above the small-balance limit.'];
  }
  return ['price-moved', 'Most likely its price rose above the small-balance limit before the conversion.'];
}

/** Each swept asset's share of what was received, or null when some asset has no price to weigh it by. */
function convertedShares(
  swept: readonly SweptAsset[],
  netReceived: Dec,
  priceOf: (asset: string) => Dec | null,
  decimals: number,
): Map<string, Dec> | null {
  const [only] = swept;
  if (swept.length === 1 && only !== undefined) return new Map([[only.asset, netReceived]]);
  const weights: Dec[] = [];
  for (const s of swept) {
    const price = priceOf(s.asset);
    if (price === null) return null;
    weights.push(price.times(s.swept));
  }
  if (!sum(weights).greaterThan(ZERO)) return swept.length === 0 ? new Map() : null;
  const shares = apportionRounded(netReceived, weights, decimals);
  return new Map(swept.map((s, i) => [s.asset, shares[i] ?? ZERO]));
}

function decOrNull(value: Dec | null): string | null {
  return value === null ? null : toWire(value);
}

/** Builds the receipt of a sweep, matched to its plan, or alone (plan null) for conversions made elsewhere. */
export function buildReceipt(sweep: DustSweep, plan: ConversionPlan | null, context: ReceiptContext = {}): Receipt {
  const notes: string[] = [];
  const nameOf = context.nameOf ?? ((asset: string) => asset);
  const receive = sweep.receive;
  const provisional = receive === null;
  const target = receive?.asset ?? plan?.target ?? null;
  const received = receive === null ? ZERO : dec(receive.amount);
  const receiveFee = receive === null ? ZERO : dec(receive.fee);
  const netReceived = received.minus(receiveFee);
  const decimals = context.targetDecimals ?? netReceived.decimalPlaces();
  if (provisional) {
    notes.push(
      'No receive leg found yet: Kraken may still book what it credits. This receipt is provisional and is corrected when that leg appears in the ledger.',
    );
  }
  if (sweep.unexpectedLegs.length > 0) {
    const ids = sweep.unexpectedLegs.map((e) => e.id).join(', ');
    notes.push(`More entries share this transaction than a conversion normally has: ${ids}.`);
  }
  const otherCurrency = plan !== null && receive !== null && receive.asset !== plan.target;
  const planComparable = plan !== null && !otherCurrency;
  const otherCurrencyWords = otherCurrency ? `converted into ${nameOf(receive.asset)}, not ${nameOf(plan.target)} as planned` : '';
  if (otherCurrency) {
    notes.push(
      `Kraken credited ${nameOf(receive.asset)}, not ${nameOf(plan.target)} as planned, so planned values and the estimate do not compare.`,
    );
  }

  const planItems = new Map((plan?.items ?? []).map((item) => [item.asset, item]));
  const priceOf = (asset: string): Dec | null => {
    const planned = planComparable ? planItems.get(asset) : undefined;
    if (planned !== undefined) return dec(planned.price);
    const given = context.prices?.[asset];
    return given === undefined ? null : dec(given);
  };

  const swept = sweptAssets(sweep);
  // shares of value are the same in any currency: the plan's prices still weigh a credit in another one
  const plannedWeights = otherCurrency && swept.every((a) => planItems.has(a.asset));
  const weightOf = plannedWeights ? (asset: string) => dec(planItems.get(asset)?.price ?? '0') : priceOf;
  const converted = provisional ? null : convertedShares(swept, netReceived, weightOf, decimals);
  if (!provisional && converted === null) notes.push('Some swept assets have no price, so the amount received cannot be split per asset.');

  const lines: ReceiptLine[] = [];
  const sweptByAsset = new Map(swept.map((s) => [s.asset, s]));
  for (const item of plan?.items ?? []) {
    const expected = dec(item.amount);
    const actual = sweptByAsset.get(item.asset);
    if (actual === undefined) {
      const [reason, reasonText] = notSweptReason(item.asset, expected, context);
      lines.push({
        asset: item.asset,
        status: 'not-swept',
        expectedAmount: item.amount,
        sweptAmount: null,
        feeAmount: null,
        plannedValue: item.value,
        convertedAmount: null,
        reason,
        reasonText,
      });
      continue;
    }
    lines.push({
      asset: item.asset,
      status: otherCurrency ? 'other-currency' : actual.swept.equals(expected) ? 'as-planned' : 'amount-changed',
      expectedAmount: item.amount,
      sweptAmount: toWire(actual.swept),
      feeAmount: toWire(actual.fee),
      plannedValue: item.value,
      convertedAmount: decOrNull(converted?.get(item.asset) ?? null),
      reason: otherCurrency ? 'other-currency' : null,
      reasonText: otherCurrency ? otherCurrencyWords : null,
    });
  }
  for (const actual of swept.filter((s) => !planItems.has(s.asset))) {
    lines.push({
      asset: actual.asset,
      status: plan === null ? 'swept' : 'not-expected',
      expectedAmount: null,
      sweptAmount: toWire(actual.swept),
      feeAmount: toWire(actual.fee),
      plannedValue: null,
      convertedAmount: decOrNull(converted?.get(actual.asset) ?? null),
      reason: plan === null ? null : 'not-in-plan',
      reasonText: plan === null ? null : 'Not in the plan: its value fell under the limit, or it arrived after planning.',
    });
  }

  const fees: ReceiptFee[] = [];
  if (receive !== null && receiveFee.greaterThan(ZERO)) {
    fees.push({ asset: receive.asset, amount: toWire(receiveFee), inTarget: toWire(receiveFee) });
  }
  for (const s of swept.filter((a) => a.fee.greaterThan(ZERO))) {
    const price = priceOf(s.asset);
    // a fee valued at a price is an estimate: written at the credited currency's decimals like every derived figure
    fees.push({
      asset: s.asset,
      amount: toWire(s.fee),
      inTarget: decOrNull(price === null ? null : s.fee.times(price).toDecimalPlaces(decimals)),
    });
  }
  const feesInTarget = fees.map((f) => (f.inTarget === null ? null : dec(f.inTarget)));
  const effectiveFee = feesInTarget.every((f): f is Dec => f !== null) ? sum(feesInTarget) : null;
  if (effectiveFee === null) notes.push('A fee was taken in an asset without a price, so the total fee is unknown.');
  const common = {
    refid: sweep.refid,
    at: sweep.at,
    planId: plan?.id ?? null,
    target,
    plannedTarget: plan?.target ?? null,
    provisional,
    fees,
    lines,
    notes,
  };
  if (provisional) {
    // without the receive leg neither the proceeds nor the rate are known
    return {
      ...common,
      received: null,
      netReceived: null,
      estimatedTotal: plan === null ? null : plan.estimatedTotal,
      differenceFromEstimate: null,
      effectiveFee: null,
      effectiveFeeRate: null,
      ledgerIds: [...sweep.spends, ...sweep.unexpectedLegs].map((e) => e.id),
    };
  }
  const grossValue = effectiveFee === null ? null : netReceived.plus(effectiveFee);
  const effectiveFeeRate =
    effectiveFee === null || grossValue === null || !grossValue.greaterThan(ZERO)
      ? null
      : effectiveFee.dividedBy(grossValue).toDecimalPlaces(RATE_DECIMALS);

  const estimatedTotal = planComparable ? dec(plan.estimatedTotal) : null;
  return {
    ...common,
    received: toWire(received),
    netReceived: toWire(netReceived),
    estimatedTotal: decOrNull(estimatedTotal),
    differenceFromEstimate: decOrNull(estimatedTotal === null ? null : netReceived.minus(estimatedTotal)),
    effectiveFee: decOrNull(effectiveFee),
    effectiveFeeRate: decOrNull(effectiveFeeRate),
    ledgerIds: [...sweep.spends, ...(receive === null ? [] : [receive]), ...sweep.unexpectedLegs].map((e) => e.id),
  };
}

const CSV_COLUMNS = [
  'refid',
  'time_utc',
  'target',
  'target_id',
  'asset',
  'asset_id',
  'status',
  'expected_amount',
  'swept_amount',
  'fee_amount',
  'planned_value',
  'converted_amount',
  'reason',
] as const;

/**
 * One row per asset, then one `received` row for the credited currency (its fee and the net amount). Assets are named
 * as people call them (USD), with Kraken's id in a column of its own (ZUSD).
 */
export function receiptToCsv(receipt: Receipt, nameOf: (asset: string) => string = (asset) => asset): string {
  const time = new Date(receipt.at).toISOString();
  const target = receipt.target === null ? [null, null] : [nameOf(receipt.target), receipt.target];
  const rows: (string | null)[][] = receipt.lines.map((line) => [
    receipt.refid,
    time,
    ...target,
    nameOf(line.asset),
    line.asset,
    line.status,
    line.expectedAmount,
    line.sweptAmount,
    line.feeAmount,
    line.plannedValue,
    line.convertedAmount,
    line.reasonText,
  ]);
  if (receipt.target !== null && receipt.received !== null && receipt.netReceived !== null) {
    const receiveFee = dec(receipt.received).minus(dec(receipt.netReceived));
    const row = [receipt.refid, time, ...target, ...target, 'received', null, null, toWire(receiveFee)];
    rows.push([...row, receipt.estimatedTotal, receipt.netReceived, null]);
  }
  return toCsv(CSV_COLUMNS, rows);
}

export function receiptToJson(receipt: Receipt): string {
  return `${JSON.stringify(receipt, null, 2)}\n`;
}
