// Calls and events of the conversion journey: review, confirm (plan + hand-off), the ledger watch and its receipt.
import { z } from 'zod';
import { ConversionPlan, PreflightCheck } from '../conversion-plan';
import { AppErrorShape } from '../errors';
import { DecimalString } from '../money';
import { call } from '../rpc';
import { Mode } from './app';
import { AssetLabel } from './asset-label';
import { HistoryEntry } from './history';

export const ReviewItem = z.object({
  asset: AssetLabel,
  amount: DecimalString,
  /** In the target currency. */
  value: DecimalString,
  estimatedProceeds: DecimalString,
  inUse: z.boolean(),
  borderline: z.boolean(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const ConversionReview = z.object({
  mode: Mode,
  accountLabel: z.string(),
  target: AssetLabel,
  /** The cash currencies Kraken lists, plus USDT and USDC. */
  targets: z.array(AssetLabel),
  feeRate: DecimalString,
  items: z.array(ReviewItem),
  totalValue: DecimalString,
  estimatedFee: DecimalString,
  estimatedTotal: DecimalString,
  checks: z.array(PreflightCheck),
  canConvert: z.boolean(),
  /** Open orders touch balances to sweep: the operator must acknowledge them to go on. */
  needsOpenOrderAck: z.boolean(),
  openOrdersAcknowledged: z.boolean(),
  /** The sweep takes positions in OC9's book: the operator must acknowledge them to go on. */
  needsPositionAck: z.boolean(),
  positionsAcknowledged: z.boolean(),
  quotesAt: z.number().int(),
  /** Kraken's clock when reviewed (ms): the cooldown counts on it, not on this computer's clock. */
  serverTime: z.number().int(),
});
export type ConversionReview = z.infer<typeof ConversionReview>;

export const WatchProgress = z.object({
  /** Spend legs of the conversion were found, but no receive leg yet (ms since); the watch reads on for a while. */
  awaitingReceiveSince: z.number().int().nullable(),
  /** Ledger reads made since the hand-off. */
  checks: z.number().int().nonnegative(),
  /** New ledger entries seen since the plan, none of them the awaited conversion. */
  entriesSeen: z.number().int().nonnegative(),
  lastCheckedAt: z.number().int().nullable(),
  nextCheckAt: z.number().int().nullable(),
  /** Waiting for Kraken's call counter to decay before the next read. */
  rateWaitUntil: z.number().int().nullable(),
  /** The last read failed; the watch keeps trying. */
  lastError: AppErrorShape.nullable(),
});
export type WatchProgress = z.infer<typeof WatchProgress>;

export const ActiveConversion = z.object({
  plan: ConversionPlan,
  target: AssetLabel,
  labels: z.array(AssetLabel),
  mode: Mode,
  status: z.enum(['watching', 'completed']),
  /** The page where the operator completes the conversion (Kraken Pro, or the simulator's stand-in). */
  krakenUrl: z.string(),
  progress: WatchProgress,
  /** Set once the conversion was found in the ledger. */
  receiptRefid: z.string().nullable(),
  receipt: HistoryEntry.nullable(),
});
export type ActiveConversion = z.infer<typeof ActiveConversion>;

const NoInput = z.object({}).strict();
const ReviewInput = z
  .object({
    target: z.string().min(1).optional(),
    openOrdersAcknowledged: z.boolean().default(false),
    positionsAcknowledged: z.boolean().default(false),
  })
  .strict();

export const conversionCalls = {
  'conversion.review': call(ReviewInput, ConversionReview),
  'conversion.confirm': call(
    z
      .object({
        target: z.string().min(1),
        openOrdersAcknowledged: z.boolean(),
        positionsAcknowledged: z.boolean().default(false),
        /** The assets the operator reviewed: if Kraken's balances changed since, the review must be seen again. */
        reviewedAssets: z.array(z.string().min(1)),
      })
      .strict(),
    z.object({ active: ActiveConversion, openedExternally: z.boolean() }),
  ),
  'conversion.active': call(NoInput, ActiveConversion.nullable()),
  'conversion.cancel': call(NoInput, z.null()),
  /** Dismisses a completed conversion from the hand-off screen; its receipt stays in History. */
  'conversion.dismiss': call(NoInput, z.null()),
};

export const conversionEvents = {
  /** The watched conversion moved on: a ledger read, a wait, a failure, or the receipt. Null when none is active. */
  'conversion.changed': ActiveConversion.nullable(),
};
