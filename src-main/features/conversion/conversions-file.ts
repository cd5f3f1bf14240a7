// Conversions of each Kraken account in one file: the plan being watched (it survives a restart), the receipts and the
// last destination chosen. (Formats 1 and 2 also kept how far a search of the ledger had gone: the account mirror holds
// the ledger now, so format 3 drops that, and keeps ledger times as Kraken's text.)
import { z } from 'zod';
import { ConversionPlan } from '../../../src-shared/conversion-plan';
import { AssetLabel } from '../../../src-shared/contract/asset-label';
import { Mode } from '../../../src-shared/contract/app';
import { LedgerEntry } from '../../../src-shared/ledger';
import { Receipt } from '../../../src-shared/receipt';
import type { StoreBackendFactory } from '../../store/backend';
import { createAccountRecords, type AccountRecords } from '../../store/account-records';
import type { StoreProblem } from '../../store/json-store';

export const ActivePlan = z.object({
  plan: ConversionPlan,
  target: AssetLabel,
  labels: z.array(AssetLabel),
  mode: Mode,
  krakenUrl: z.string(),
  /** Set when the watch found the conversion; the hand-off screen then shows the receipt until dismissed. */
  receiptRefid: z.string().nullable(),
});
export type ActivePlan = z.infer<typeof ActivePlan>;

/** What a provisional receipt needs to be built again once the rest of its refid appears in the ledger. */
export const PendingLegs = z.object({
  legs: z.array(LedgerEntry),
  plan: ConversionPlan.nullable(),
});
export type PendingLegs = z.infer<typeof PendingLegs>;

export const StoredReceipt = z.object({
  receipt: Receipt,
  origin: z.enum(['app', 'kraken']),
  labels: z.array(AssetLabel),
  /** Kept only while the receipt is provisional (no receive leg seen yet). */
  pending: PendingLegs.nullable().default(null),
});
export type StoredReceipt = z.infer<typeof StoredReceipt>;

export const AccountConversions = z.object({
  lastTarget: z.string().nullable(),
  active: ActivePlan.nullable(),
  /** Newest first, one per ledger refid. */
  receipts: z.array(StoredReceipt),
});
export type AccountConversions = z.infer<typeof AccountConversions>;

const EMPTY: AccountConversions = { lastTarget: null, active: null, receipts: [] };

export type ConversionsFile = AccountRecords<AccountConversions>;

/**
 * Adds receipts, keeping one per refid: a receipt matched to a plan wins over the same sweep found in the ledger,
 * unless it is provisional and the added one is its completion (built from the same legs and more).
 */
export function mergeReceipts(current: readonly StoredReceipt[], added: readonly StoredReceipt[]): StoredReceipt[] {
  const byRefid = new Map(current.map((stored) => [stored.receipt.refid, stored]));
  for (const stored of added) {
    const existing = byRefid.get(stored.receipt.refid);
    const completes = existing?.receipt.provisional === true && stored.origin === existing.origin;
    if (existing?.origin !== 'app' || completes) byRefid.set(stored.receipt.refid, stored);
  }
  return [...byRefid.values()].sort((a, b) => b.receipt.at - a.receipt.at || a.receipt.refid.localeCompare(b.receipt.refid));
}

export function createConversionsFile(options: {
  dataDir: string;
  backend?: StoreBackendFactory;
  onCorrupt?: (problem: StoreProblem) => void;
}): ConversionsFile {
  return createAccountRecords({
    ...options,
    name: 'conversions',
    record: AccountConversions,
    empty: EMPTY,
    stillWorks:
      'Conversions stay on Kraken’s ledger: History finds them again in its copy of the ledger and lists them. ' +
      'A conversion that was being watched and is not shown any more can be reviewed again from Portfolio.',
  });
}
