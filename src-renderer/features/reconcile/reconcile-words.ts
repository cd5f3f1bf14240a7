// The words the reconcile screen uses for statuses, ledger groups, resolutions and run phases.
import type { BookSourceKind, RunPhase } from '../../../src-shared/contract/reconcile';
import type { LedgerGroupKind } from '../../../src-shared/ledger';
import type { IntegrityStatus, ReconcileStatus } from '../../../src-shared/reconcile';
import type { ResolutionAction } from '../../../src-shared/reconcile-guide';
import type { Tone } from '../../components/Badge';

export const STATUS_WORDS: Record<ReconcileStatus, { label: string; tone: Tone; hint: string }> = {
  'in-sync': { label: 'In sync', tone: 'positive', hint: 'The book matches Kraken.' },
  'changed-explained': { label: 'Changed, explained', tone: 'info', hint: 'Kraken moved, and the ledger says why.' },
  drift: { label: 'Drift', tone: 'warning', hint: 'A difference no ledger activity explains.' },
  orphan: { label: 'Orphan', tone: 'accent', hint: 'Kraken holds it, but the book has no entry price.' },
  missing: { label: 'Missing', tone: 'negative', hint: 'The book holds it, Kraken shows none.' },
};

/** The order rows are shown in: what needs attention first. */
export const STATUS_ORDER: ReconcileStatus[] = ['drift', 'missing', 'orphan', 'changed-explained', 'in-sync'];

export const GROUP_WORDS: Record<LedgerGroupKind, string> = {
  'dust-sweep': 'Dust sweep',
  trade: 'Trade',
  fee: 'Fee',
  'earn-move': 'Earn move',
  deposit: 'Deposit',
  withdrawal: 'Withdrawal',
  adjustment: 'Adjustment',
  other: 'Other',
};

export const INTEGRITY_WORDS: Record<IntegrityStatus, { label: string; tone: Tone }> = {
  pass: { label: 'Ledger proven', tone: 'positive' },
  fail: { label: 'Ledger does not add up', tone: 'negative' },
  unchecked: { label: 'Nothing to prove', tone: 'neutral' },
};

export const ACTION_WORDS: Record<ResolutionAction, string> = {
  'accept-exchange-quantity': 'Accept Kraken’s quantity',
  'adopt-trades-entry-price': 'Adopt the average from trade history',
  'adopt-market-price': 'Adopt the current market price',
  'enter-entry-price': 'Enter the entry price',
  'mark-as-dust': 'Mark as dust and ignore',
  'close-record': 'Close the record',
};

export const SOURCE_WORDS: Record<BookSourceKind, string> = {
  'positions-file': 'OC9 positions file',
  trades: 'Rebuilt from trade history',
  snapshot: 'Last reconciled snapshot',
};

/** What an apply started from, as the audit log says it. */
export const AUDIT_SOURCE_WORDS: Record<BookSourceKind, string> = {
  'positions-file': 'from an OC9 positions file',
  trades: 'from trade history',
  snapshot: 'from the last snapshot',
};

export interface PhaseStep {
  phase: RunPhase;
  label: string;
}

export const RUN_STEPS: PhaseStep[] = [
  { phase: 'ledger', label: 'Ledger since checkpoint' },
  { phase: 'balances', label: 'Balances' },
  { phase: 'orders', label: 'Open orders' },
  { phase: 'prices', label: 'Prices' },
  { phase: 'diff', label: 'Compare' },
  { phase: 'trades', label: 'Trade history' },
];

export const REBUILD_STEPS: PhaseStep[] = [
  { phase: 'trades', label: 'Trade history' },
  { phase: 'ledger', label: 'Ledger head' },
  { phase: 'balances', label: 'Balances' },
];

/** Choosing a book takes its checkpoint: Kraken as it was at the book's moment, from the ledger since then. */
export const CHECKPOINT_STEPS: PhaseStep[] = [
  { phase: 'balances', label: 'Balances now' },
  { phase: 'ledger', label: 'Ledger since the book’s moment' },
];

/** Kraken ids of the currencies an entry price can be quoted in, when the book gives none. */
export const QUOTE_CHOICES = ['ZUSD', 'ZEUR', 'ZGBP', 'ZCAD', 'ZAUD', 'ZCHF', 'ZJPY', 'USDT', 'USDC'];
