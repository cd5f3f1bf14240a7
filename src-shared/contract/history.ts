// Calls and events of History: every conversion of small balances the ledger holds, made here or elsewhere, with its
// receipt, the read of the whole ledger that finds them, and Portfolio's "last cleanup".
import { z } from 'zod';
import { AppErrorShape } from '../errors';
import { Receipt } from '../receipt';
import { call } from '../rpc';
import { AssetLabel } from './asset-label';
import { ExportFile } from './export-file';

export const HistoryEntry = z.object({
  receipt: Receipt,
  /** 'app': planned and confirmed here; 'kraken': found in the ledger, made elsewhere. */
  origin: z.enum(['app', 'kraken']),
  labels: z.array(AssetLabel),
  /** Kraken's ledger page; null in demo mode, where the conversion happened in the simulator. */
  ledgerUrl: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

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

export const historyCalls = {
  'conversion.history': call(NoInput, ConversionHistory),
  'conversion.summary': call(NoInput, CleanupSummary),
  'conversion.export': call(z.object({ refid: z.string().min(1), format: ReceiptExportFormat }).strict(), ExportFile),
};

export const historyEvents = {
  /** The ledger scan for earlier conversions moved on, or a receipt was added. */
  'conversion.historyChanged': z.object({ scan: LedgerScan }),
};
