// Calls and events of selling small balances through the API (each asset a choice, one IOC limit order each) and of
// freeing a stranded balance (buy just enough to reach the pair's minimums, then sell the whole balance).
import { z } from 'zod';
import { DecimalString } from '../money';
import { call } from '../rpc';
import { Mode } from './app';
import { AssetLabel } from './asset-label';

export const PairLabel = z.object({
  id: z.string(),
  /** XTZ/USD */
  name: z.string(),
  quote: AssetLabel,
});
export type PairLabel = z.infer<typeof PairLabel>;

/** Kraken's answer to the order sent with `validate=true`: nothing placed, every rule checked. */
export const Validation = z.discriminatedUnion('status', [
  z.object({ status: z.literal('accepted'), order: z.string() }),
  /** Kraken's own words, and what they mean for this order. */
  z.object({ status: z.literal('refused'), krakenError: z.string(), reason: z.string() }),
  /** Not sent: the app's own check of the pair's minimums already refuses it. */
  z.object({ status: z.literal('not-sent'), reason: z.string() }),
]);
export type Validation = z.infer<typeof Validation>;

export const OrderLegView = z.object({
  side: z.enum(['buy', 'sell']),
  volume: DecimalString,
  price: DecimalString,
  gross: DecimalString,
  fee: DecimalString,
  validation: Validation,
});
export type OrderLegView = z.infer<typeof OrderLegView>;

/** Why an asset needs the operator's word before it is sold: OC9 holds a position in it, or orders use it. */
export const InUse = z.object({ position: z.boolean(), openOrders: z.boolean() });

export const SaleLineView = z.object({
  asset: AssetLabel,
  pair: PairLabel.nullable(),
  available: DecimalString,
  sell: OrderLegView.nullable(),
  proceeds: DecimalString.nullable(),
  leftover: DecimalString.nullable(),
  /** Why this asset cannot be sold into the chosen currency (no such pair, below a minimum). */
  problem: z.string().nullable(),
  inUse: InUse,
  acknowledged: z.boolean(),
});
export type SaleLineView = z.infer<typeof SaleLineView>;

export const TradePermission = z.object({
  /** The key may place orders (Kraken's "Create & modify orders"). */
  granted: z.boolean(),
  /** Where to change it when it is not. */
  advice: z.string().nullable(),
});

export const SaleReview = z.object({
  mode: Mode,
  target: AssetLabel,
  /** Currencies the chosen assets trade into on Kraken. */
  targets: z.array(AssetLabel),
  /** Every small balance an order can sell, worth `value` in `valueIn` now. */
  candidates: z.array(z.object({ asset: AssetLabel, value: DecimalString.nullable() })),
  valueIn: AssetLabel,
  lines: z.array(SaleLineView),
  proceeds: DecimalString,
  fees: DecimalString,
  /** The taker fee of the account's tier, in %, by pair id. */
  takerFeePercent: z.record(z.string(), DecimalString),
  permission: TradePermission,
  /** A live account confirms a second time before its first order here. */
  liveConfirmationNeeded: z.boolean(),
  /** Nothing is placed until every chosen line is accepted by Kraken and acknowledged where it is in use. */
  canPlace: z.boolean(),
  blockers: z.array(z.string()),
  quotedAt: z.number().int(),
});
export type SaleReview = z.infer<typeof SaleReview>;

export const TopUpReview = z.object({
  mode: Mode,
  asset: AssetLabel,
  pair: PairLabel.nullable(),
  available: DecimalString,
  valueUsd: DecimalString.nullable(),
  buy: OrderLegView.nullable(),
  sell: OrderLegView.nullable(),
  /** What the sale pays, less what the top-up costs, in the pair's quote currency (negative: it costs more). */
  net: DecimalString.nullable(),
  cost: DecimalString.nullable(),
  proceeds: DecimalString.nullable(),
  leftover: DecimalString.nullable(),
  /** Waiting for Kraken's sweep instead: how far the price must fall, and the most a sweep would pay (USD). */
  waiting: z.object({ fallNeededPercent: DecimalString, bestCaseUsd: DecimalString, cheaper: z.boolean(), words: z.string() }).nullable(),
  problem: z.string().nullable(),
  inUse: InUse,
  acknowledged: z.boolean(),
  permission: TradePermission,
  liveConfirmationNeeded: z.boolean(),
  canPlace: z.boolean(),
  blockers: z.array(z.string()),
  quotedAt: z.number().int(),
});
export type TopUpReview = z.infer<typeof TopUpReview>;

export const StepStatus = z.enum(['planned', 'placed', 'filled', 'partly-filled', 'not-filled', 'refused', 'skipped']);
export type StepStatus = z.infer<typeof StepStatus>;

/** One order of a run, as planned and as Kraken answered: the audit record of what was sent and what came of it. */
export const SaleStep = z.object({
  asset: z.string(),
  pairId: z.string(),
  pairName: z.string(),
  /** Kraken id of the pair's quote currency, which the order pays with or is paid in. */
  quote: z.string(),
  side: z.enum(['buy', 'sell']),
  volume: DecimalString,
  price: DecimalString,
  /** The order's client id: after a restart, an order already placed is found by it, never placed twice. */
  clOrdId: z.string(),
  status: StepStatus,
  txid: z.string().nullable(),
  filled: DecimalString,
  /** Quote spent (buy) or received before the fee (sell). */
  cost: DecimalString,
  fee: DecimalString,
  /** The trades that filled it: their ledger legs prove the receipt. */
  trades: z.array(z.string()),
  /** Kraken's words when it refused or cancelled the order. */
  krakenMessage: z.string().nullable(),
  /** ms */
  at: z.number().int().nullable(),
});
export type SaleStep = z.infer<typeof SaleStep>;

/** What the ledger proves of one asset after a run. */
export const SaleReceiptLine = z.object({
  asset: z.string(),
  /** Bought first (a top-up), in the asset. */
  bought: DecimalString,
  sold: DecimalString,
  /** What the quote balance gained in all: the sale, less any top-up, less every fee. */
  proceeds: DecimalString,
  fee: DecimalString,
  quote: z.string(),
  /** What the balance holds now. */
  leftover: DecimalString,
  ledgerIds: z.array(z.string()),
  /** The ledger's legs agree with the orders' fills. */
  matched: z.boolean(),
});

export const SaleRun = z.object({
  id: z.string(),
  kind: z.enum(['sell', 'free']),
  /** ms */
  createdAt: z.number().int(),
  mode: Mode,
  /** The operator who placed it, for the audit record. */
  who: z.string(),
  status: z.enum(['running', 'done', 'stopped']),
  /** Why a run stopped early, in plain words (a top-up that filled only in part, a refusal). */
  stopReason: z.string().nullable(),
  steps: z.array(SaleStep),
  /** What the run waits for now, in plain words (Kraken's trading limit on a pair); null while it is not waiting. */
  waiting: z.string().nullable(),
  receipt: z.array(SaleReceiptLine).nullable(),
  labels: z.array(AssetLabel),
});
export type SaleRun = z.infer<typeof SaleRun>;

const Acknowledged = z.array(z.string().min(1).max(32)).max(200).default([]);

export const saleCalls = {
  'sale.review': call(
    z
      .object({
        assets: z.array(z.string().min(1).max(32)).max(200),
        target: z.string().min(1).max(16).optional(),
        acknowledged: Acknowledged,
      })
      .strict(),
    SaleReview,
  ),
  'sale.place': call(
    z
      .object({
        assets: z.array(z.string().min(1).max(32)).min(1).max(200),
        target: z.string().min(1).max(16),
        acknowledged: Acknowledged,
        liveConfirmed: z.boolean().default(false),
      })
      .strict(),
    SaleRun,
  ),
  'sale.freeReview': call(z.object({ asset: z.string().min(1).max(32), acknowledged: z.boolean().default(false) }).strict(), TopUpReview),
  'sale.free': call(
    z
      .object({ asset: z.string().min(1).max(32), acknowledged: z.boolean().default(false), liveConfirmed: z.boolean().default(false) })
      .strict(),
    SaleRun,
  ),
  /** Every run on this account, newest first. */
  'sale.runs': call(z.object({}).strict(), z.array(SaleRun)),
};

export const saleEvents = {
  /** A run moved on: an order placed, filled, refused, or the receipt. */
  'sale.changed': SaleRun,
};
