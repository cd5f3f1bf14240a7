// Guided reconcile: choose OC9's book, run the diff against Kraken and its ledger, decide each row, apply or undo,
// and export. Long steps report their progress through the `reconcile.progress` event.
import { z } from 'zod';
import { ExportFile } from './export-file';
import { Book } from '../book';
import { DecimalString } from '../money';
import { Checkpoint, ReconcileReport } from '../reconcile';
import { AuditRecord, GuideRow, ResolutionAction } from '../reconcile-guide';
import { AppErrorShape } from '../errors';
import { call } from '../rpc';

export const BookSourceKind = z.enum(['positions-file', 'trades', 'snapshot']);
export type BookSourceKind = z.infer<typeof BookSourceKind>;

export const BookNote = z.object({
  /** The asset (or pair) the note is about. */
  subject: z.string(),
  tradeId: z.string().nullable(),
  text: z.string(),
});
export type BookNote = z.infer<typeof BookNote>;

/** The book the next run compares with Kraken. */
export const BookSource = z.object({
  kind: BookSourceKind,
  /** What the operator sees: the file name, "trade history", "snapshot of …". */
  label: z.string(),
  /** ms */
  chosenAt: z.number().int().nonnegative(),
  /** When the book was true (ms): the file's asOf, the trade history's read, the apply behind a snapshot. Absent in
   * books chosen before books carried a moment; their checkpoint's time stands in. */
  asOf: z.number().int().nonnegative().optional(),
  book: Book,
  notes: z.array(BookNote),
});
export type BookSource = z.infer<typeof BookSource>;

export const Snapshot = z.object({
  /** ms */
  at: z.number().int().nonnegative(),
  book: Book,
  /** The apply that wrote it. */
  auditId: z.string(),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const AuditEntry = z.object({
  record: AuditRecord,
  /** The operator's reason for the whole apply (each change also carries its own). */
  note: z.string(),
  bookKind: BookSourceKind,
  checkpointBefore: Checkpoint.nullable(),
  checkpointAfter: Checkpoint,
  /** ms; set when the apply was undone. */
  undoneAt: z.number().int().nonnegative().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const RunPhase = z.enum(['ledger', 'balances', 'orders', 'prices', 'trades', 'diff', 'done']);
export type RunPhase = z.infer<typeof RunPhase>;

export const RunProgress = z.object({
  phase: RunPhase,
  /** Pages read in this phase (ledger or trade history). */
  pages: z.number().int().nonnegative(),
  /** Records read in this phase. */
  records: z.number().int().nonnegative(),
  /** How many records Kraken says there are, when it said. */
  total: z.number().int().nonnegative().nullable(),
  /** Waits for Kraken's call counter, over the whole run. */
  rateWaits: z.number().int().nonnegative(),
  rateWaitMs: z.number().int().nonnegative(),
  /** The wait for the call counter that just began, in ms (relative: the page's clock may not be the app's). */
  waitMs: z.number().int().nonnegative().nullable(),
});
export type RunProgress = z.infer<typeof RunProgress>;

export const AssetDisplay = z.object({ code: z.string(), displayDecimals: z.number().int().nonnegative() });
export type AssetDisplay = z.infer<typeof AssetDisplay>;

/** Trade history read in the background while the guide stays usable; progress shows on the orphans' cards. */
export const TradesLookup = z.object({
  status: z.enum(['reading', 'done', 'failed']),
  pages: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  /** Waiting for Kraken's call counter now (ms), relative like the run's progress. */
  waitMs: z.number().int().nonnegative().nullable(),
  error: AppErrorShape.nullable(),
});
export type TradesLookup = z.infer<typeof TradesLookup>;

export const TradeBasisView = z.object({
  trades: z.number().int().positive(),
  average: DecimalString,
  quoteCurrency: z.string(),
  openedAt: z.string().nullable(),
});

export const RunResult = z.object({
  id: z.string(),
  /** ms */
  at: z.number().int().nonnegative(),
  book: Book,
  bookKind: BookSourceKind,
  bookLabel: z.string(),
  report: ReconcileReport,
  guide: z.array(GuideRow),
  /** How to show every asset id the result mentions. */
  assets: z.record(z.string(), AssetDisplay),
  /** Open orders on each position asset (they can still change its quantity). */
  openOrders: z.record(z.string(), z.number().int().positive()),
  /** Value of one unit in USD, where Kraken prices it. */
  usdPrices: z.record(z.string(), DecimalString),
  sync: z.object({
    /** The checkpoint the ledger was read from; null when the run had none. */
    fromCheckpointAt: z.number().int().nonnegative().nullable(),
    pages: z.number().int().nonnegative(),
    newEntries: z.number().int().nonnegative(),
    /** Entries since the checkpoint, counting those kept from earlier runs. */
    entriesSinceCheckpoint: z.number().int().nonnegative(),
    rateWaits: z.number().int().nonnegative(),
    rateWaitMs: z.number().int().nonnegative(),
  }),
  /** Whether trade history was read for entry prices, and what it could not use. */
  trades: z.object({
    read: z.boolean(),
    count: z.number().int().nonnegative(),
    notes: z.array(BookNote),
    problem: z.string().nullable(),
    /** Per asset with an average from trades: how many trades give which average (the rest have none). */
    byAsset: z.record(z.string(), TradeBasisView),
  }),
  /** Refids of the conversions in this run that have a receipt in History, so a swept row can link to it. */
  receipts: z.array(z.string()),
  /** Set once this result was applied. */
  appliedAuditId: z.string().nullable(),
});
export type RunResult = z.infer<typeof RunResult>;

export const ReconcileState = z.object({
  /** The account the state belongs to ("Demo account", or the key's name). */
  account: z.string(),
  source: BookSource.nullable(),
  snapshot: Snapshot.nullable(),
  checkpoint: Checkpoint.nullable(),
  /** Newest first. */
  audit: z.array(AuditEntry),
  /** The apply that can still be undone (only the last one, once). */
  undoableAuditId: z.string().nullable(),
  run: RunResult.nullable(),
  /** The run or book rebuild going on now. */
  running: RunProgress.nullable(),
  /** Trades kept from earlier reads of trade history. */
  tradesKept: z.number().int().nonnegative(),
  /** The background look-up of trade history for entry prices; null when none ran since the last run. */
  tradesLookup: TradesLookup.nullable(),
  /** Saved reconcile files that could not be read and were set aside, in plain words. */
  storeProblems: z.array(z.string()),
});
export type ReconcileState = z.infer<typeof ReconcileState>;

export const ImportResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('imported'), state: ReconcileState }),
  /** Each error names the entry and field it sits in; nothing was changed. */
  z.object({ outcome: z.literal('invalid'), errors: z.array(z.string()) }),
  /** A version 1 file does not say when it was written: the operator is asked, with the file's time proposed. */
  z.object({ outcome: z.literal('needs-moment'), proposedAsOf: z.string().nullable(), why: z.string() }),
]);
export type ImportResult = z.infer<typeof ImportResult>;

export const Decision = z
  .object({
    asset: z.string().min(1),
    action: ResolutionAction,
    entryPrice: DecimalString.optional(),
    quoteCurrency: z.string().min(1).optional(),
    why: z.string().max(500).optional(),
    /** The operator confirmed what the choice asks to (ignoring a balance worth more than dust). */
    confirmed: z.boolean().optional(),
  })
  .strict();
export type Decision = z.infer<typeof Decision>;

export const ExportKind = z.enum(['positions-file', 'report-csv', 'report-json']);
export type ExportKind = z.infer<typeof ExportKind>;

/** A positions file is a few hundred bytes per position; this leaves room for thousands. */
export const MAX_POSITIONS_FILE_CHARS = 2_000_000;

const NoInput = z.object({}).strict();

export const reconcileCalls = {
  'reconcile.state': call(NoInput, ReconcileState),
  'reconcile.importPositions': call(
    z
      .object({
        fileName: z.string().max(255),
        text: z.string().max(MAX_POSITIONS_FILE_CHARS),
        /** The file's modification time (ms), proposed as its moment when a version 1 file does not say. */
        fileModifiedAt: z.number().int().nonnegative().optional(),
        /** The moment the operator gave for a version 1 file. */
        asOf: z.iso.datetime({ offset: true, error: 'must be a date-time with a time zone' }).optional(),
      })
      .strict(),
    ImportResult,
  ),
  'reconcile.rebuildFromTrades': call(NoInput, ReconcileState),
  'reconcile.useSnapshot': call(NoInput, ReconcileState),
  'reconcile.run': call(z.object({ readTradeHistory: z.enum(['when-needed', 'always']).default('when-needed') }).strict(), ReconcileState),
  'reconcile.apply': call(
    z.object({ runId: z.string().min(1), decisions: z.array(Decision), note: z.string().max(500).default('') }).strict(),
    ReconcileState,
  ),
  'reconcile.undo': call(z.object({ auditId: z.string().min(1) }).strict(), ReconcileState),
  /** Reads trade history in the background for the entry prices of orphans; the guide stays usable meanwhile. */
  'reconcile.lookUpTrades': call(NoInput, ReconcileState),
  'reconcile.export': call(z.object({ kind: ExportKind }).strict(), ExportFile),
};

export const reconcileEvents = {
  /** A run or a rebuild from trade history moved on. */
  'reconcile.progress': RunProgress,
  /** The background trade look-up moved on, finished or failed. */
  'reconcile.tradesLookup': TradesLookup,
  /** OC9's book changed (import, rebuild, apply, undo): screens that flag positions should reload. */
  'reconcile.bookChanged': z.object({ positionAssets: z.array(z.string()) }),
};
