// Calls and events of the conversion journey: review, confirm (plan + hand-off), the ledger watch, receipts, history.
import { z } from 'zod';
import { ConversionPlan, PreflightCheck } from '../conversion-plan';
import { AppErrorShape } from '../errors';
import { DecimalString } from '../money';
import { Receipt } from '../receipt';
import { call } from '../rpc';
import { Mode } from './app';
import { ExportFile } from './export-file';

/** How an asset is shown: its display code (BTC, not XXBT) and decimals. */
export const AssetLabel = z.object({ assetId: z.string(), code: z.string(), displayDecimals: z.number().int().nonnegative() });
export type AssetLabel = z.infer<typeof AssetLabel>;

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

export const HistoryEntry = z.object({
  receipt: Receipt,
  /** 'app': planned and confirmed here; 'kraken': found in the ledger, made elsewhere. */
  origin: z.enum(['app', 'kraken']),
  labels: z.array(AssetLabel),
  /** Kraken's ledger page; null in demo mode, where the conversion happened in the simulator. */
  ledgerUrl: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

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

export const LedgerScan = z.object({
  status: z.enum(['not-started', 'scanning', 'done', 'failed']),
  pages: z.number().int().nonnegative(),
  entries: z.number().int().nonnegative(),
  /** Entries Kraken says the scan covers, once it said. */
  total: z.number().int().nonnegative().nullable(),
  rateWaitUntil: z.number().int().nullable(),
  scannedAt: z.number().int().nullable(),
  error: AppErrorShape.nullable(),
});
export type LedgerScan = z.infer<typeof LedgerScan>;

export const ConversionHistory = z.object({
  /** Newest first. */
  entries: z.array(HistoryEntry),
  scan: LedgerScan,
});
export type ConversionHistory = z.infer<typeof ConversionHistory>;

export const CleanupSummary = z.object({
  /** The newest conversion of small balances known (ms), from the app's receipts and the ledger scan. */
  lastSweepAt: z.number().int().nullable(),
  /** Whether the whole ledger has been searched, so "never" really means never. */
  ledgerSearched: z.boolean(),
  scan: LedgerScan,
});
export type CleanupSummary = z.infer<typeof CleanupSummary>;

export const ReceiptExportFormat = z.enum(['csv', 'json']);

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
  'conversion.history': call(NoInput, ConversionHistory),
  'conversion.summary': call(NoInput, CleanupSummary),
  'conversion.export': call(z.object({ refid: z.string().min(1), format: ReceiptExportFormat }).strict(), ExportFile),
};

export const conversionEvents = {
  /** The watched conversion moved on: a ledger read, a wait, a failure, or the receipt. Null when none is active. */
  'conversion.changed': ActiveConversion.nullable(),
  /** The ledger scan for earlier conversions moved on, or a receipt was added. */
  'conversion.historyChanged': z.object({ scan: LedgerScan }),
};
