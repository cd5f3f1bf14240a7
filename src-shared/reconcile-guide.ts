// The guide turns a reconcile report into decisions: every asset that needs attention gets a proposed resolution
// and its alternatives; applying the operator's choices yields the new book and an audit record of what changed.
import { z } from 'zod';
import { AppError } from './errors';
import { DecimalString, dec, toWire } from './money';
import { Book } from './book';
import type { IgnoredDust, Position } from './book';
import { ReconcileStatus } from './reconcile';
import type { ReconcileReport, ReconcileRow } from './reconcile';

export const ResolutionAction = z.enum([
  'accept-exchange-quantity',
  'adopt-trades-entry-price',
  'enter-entry-price',
  'mark-as-dust',
  'close-record',
]);
export type ResolutionAction = z.infer<typeof ResolutionAction>;

export const Resolution = z.object({
  action: ResolutionAction,
  /** The quantity the book will hold; null when the record is closed. */
  quantity: DecimalString.nullable(),
  /** The entry price it will carry; null for "enter" (the operator types it), dust and closing. */
  entryPrice: DecimalString.nullable(),
  quoteCurrency: z.string().nullable(),
  openedAt: z.string().nullable(),
  why: z.string(),
});
export type Resolution = z.infer<typeof Resolution>;

export const GuideRow = z.object({
  asset: z.string(),
  status: ReconcileStatus,
  summary: z.string(),
  proposed: Resolution,
  alternatives: z.array(Resolution),
});
export type GuideRow = z.infer<typeof GuideRow>;

export interface GuideContext {
  /** The book rebuilt from TradesHistory, for "adopt entry price from trades". */
  tradesBook?: Book;
  /** Assets the classifier found under the small-balance limit. */
  dustAssets?: readonly string[];
}

function optionsFor(row: ReconcileRow, context: GuideContext): Resolution[] {
  const exchange = dec(row.exchangeQuantity);
  if (!exchange.greaterThan(0)) {
    const why = 'Kraken holds none of it now; remove it from the book.';
    return [{ action: 'close-record', quantity: null, entryPrice: null, quoteCurrency: null, openedAt: null, why }];
  }
  const quantity = row.exchangeQuantity;
  const options: Resolution[] = [];
  if (row.ignoredAsDust || row.entryPrice !== null) {
    const why =
      row.status === 'changed-explained'
        ? `The ledger explains the change. Take Kraken's quantity and ${row.ignoredAsDust ? 'keep ignoring it' : 'keep the entry price'}.`
        : `Nothing in the ledger explains the difference. Take Kraken's quantity only if you know why it changed.`;
    options.push({
      action: 'accept-exchange-quantity',
      quantity,
      entryPrice: row.ignoredAsDust ? null : row.entryPrice,
      quoteCurrency: row.quoteCurrency,
      openedAt: null,
      why,
    });
  }
  const traded = context.tradesBook?.positions.find((p) => p.asset === row.asset && p.entryPrice !== null);
  if (traded !== undefined) {
    options.push({
      action: 'adopt-trades-entry-price',
      quantity,
      entryPrice: traded.entryPrice,
      quoteCurrency: traded.quoteCurrency,
      openedAt: traded.openedAt,
      why: `Trade history gives an average entry price of ${traded.entryPrice ?? ''} ${traded.quoteCurrency}, fees included.`,
    });
  }
  options.push({
    action: 'enter-entry-price',
    quantity,
    entryPrice: null,
    quoteCurrency: row.quoteCurrency ?? traded?.quoteCurrency ?? null,
    openedAt: null,
    why: 'Type the price you paid per unit, if you know it.',
  });
  if (context.dustAssets?.includes(row.asset) === true) {
    options.push({
      action: 'mark-as-dust',
      quantity,
      entryPrice: null,
      quoteCurrency: null,
      openedAt: null,
      why: 'It is worth less than the small-balance limit; OC9 leaves it alone until the balance changes.',
    });
  }
  return options;
}

function proposalIndex(row: ReconcileRow, options: readonly Resolution[]): number {
  const preference: ResolutionAction[] =
    row.status === 'orphan'
      ? ['adopt-trades-entry-price', 'mark-as-dust', 'enter-entry-price']
      : ['close-record', 'accept-exchange-quantity', 'adopt-trades-entry-price', 'mark-as-dust', 'enter-entry-price'];
  for (const action of preference) {
    const index = options.findIndex((o) => o.action === action);
    if (index >= 0) return index;
  }
  return 0;
}

/** One row per asset whose status is not in sync, with the resolution the guide proposes first. */
export function buildGuide(report: ReconcileReport, context: GuideContext = {}): GuideRow[] {
  return report.rows
    .filter((row) => row.status !== 'in-sync')
    .map((row) => {
      const options = optionsFor(row, context);
      const index = proposalIndex(row, options);
      const proposed = options[index] ?? options[0];
      if (proposed === undefined) throw new AppError('internal', `No way to resolve ${row.asset} was found.`);
      return {
        asset: row.asset,
        status: row.status,
        summary: row.detail,
        proposed,
        alternatives: options.filter((_, i) => i !== index),
      };
    });
}

/** The operator's choice for one row; `entryPrice` (and a quote when the book has none) go with "enter". */
export interface ResolutionDecision {
  asset: string;
  action: ResolutionAction;
  entryPrice?: string;
  quoteCurrency?: string;
  why?: string;
}

export const AssetState = z.object({
  quantity: DecimalString,
  entryPrice: DecimalString.nullable(),
  quoteCurrency: z.string().nullable(),
  ignoredAsDust: z.boolean(),
});
export type AssetState = z.infer<typeof AssetState>;

export const AuditChange = z.object({
  asset: z.string(),
  action: ResolutionAction,
  from: AssetState.nullable(),
  to: AssetState.nullable(),
  why: z.string(),
});
export type AuditChange = z.infer<typeof AuditChange>;

export const AuditRecord = z.object({
  id: z.string().min(1),
  /** ms */
  at: z.number().int().nonnegative(),
  who: z.string(),
  before: Book,
  after: Book,
  changes: z.array(AuditChange),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export interface ApplyMeta {
  id: string;
  at: number;
  who: string;
}

function stateOf(position: Position | undefined, dust: IgnoredDust | undefined): AssetState | null {
  if (position !== undefined) {
    const { quantity, entryPrice, quoteCurrency } = position;
    return { quantity, entryPrice, quoteCurrency, ignoredAsDust: false };
  }
  if (dust !== undefined) return { quantity: dust.quantity, entryPrice: null, quoteCurrency: null, ignoredAsDust: true };
  return null;
}

function enteredPrice(decision: ResolutionDecision): string {
  const parsed = DecimalString.safeParse(decision.entryPrice);
  if (!parsed.success || !dec(parsed.data).greaterThan(0)) {
    throw new AppError('invalid_input', `Enter the entry price of ${decision.asset} as a number above zero, such as "64000.50".`);
  }
  return toWire(dec(parsed.data));
}

function requireQuote(quoteCurrency: string | null, asset: string): string {
  if (quoteCurrency === null || quoteCurrency === '') {
    throw new AppError('invalid_input', `Say which currency the entry price of ${asset} is in.`);
  }
  return quoteCurrency;
}

/** Pure: returns the new book and the audit record; saving both is the caller's job. */
export function applyResolutions(
  book: Book,
  rows: readonly GuideRow[],
  decisions: readonly ResolutionDecision[],
  meta: ApplyMeta,
): { book: Book; audit: AuditRecord } {
  const positions = new Map(book.positions.map((p) => [p.asset, p]));
  const ignored = new Map(book.ignoredDust.map((d) => [d.asset, d]));
  const markedAt = new Date(meta.at).toISOString();
  const decided = new Set<string>();
  const changes: AuditChange[] = [];

  for (const decision of decisions) {
    if (decided.has(decision.asset)) {
      throw new AppError('invalid_input', `${decision.asset} has more than one decision; keep one.`);
    }
    decided.add(decision.asset);
    const row = rows.find((r) => r.asset === decision.asset);
    const option = [row?.proposed, ...(row?.alternatives ?? [])].find((o) => o?.action === decision.action);
    if (row === undefined || option === undefined) {
      throw new AppError('invalid_input', `${decision.asset} cannot be resolved that way; pick one of the offered choices.`);
    }
    const current = positions.get(row.asset);
    const from = stateOf(current, ignored.get(row.asset));
    const quantity = option.quantity ?? '0';

    switch (decision.action) {
      case 'accept-exchange-quantity':
        if (current === undefined) ignored.set(row.asset, { asset: row.asset, quantity, markedAt });
        else positions.set(row.asset, { ...current, quantity, source: 'snapshot' });
        break;
      case 'adopt-trades-entry-price':
        ignored.delete(row.asset);
        positions.set(row.asset, {
          asset: row.asset,
          quantity,
          entryPrice: option.entryPrice,
          quoteCurrency: requireQuote(option.quoteCurrency, row.asset),
          openedAt: current?.openedAt ?? option.openedAt,
          source: 'trades',
        });
        break;
      case 'enter-entry-price': {
        const quoteCurrency = requireQuote(decision.quoteCurrency ?? current?.quoteCurrency ?? option.quoteCurrency, row.asset);
        ignored.delete(row.asset);
        positions.set(row.asset, {
          asset: row.asset,
          quantity,
          entryPrice: enteredPrice(decision),
          quoteCurrency,
          openedAt: current?.openedAt ?? null,
          source: 'manual',
        });
        break;
      }
      case 'mark-as-dust':
        positions.delete(row.asset);
        ignored.set(row.asset, { asset: row.asset, quantity, markedAt });
        break;
      case 'close-record':
        positions.delete(row.asset);
        ignored.delete(row.asset);
        break;
    }
    const to = stateOf(positions.get(row.asset), ignored.get(row.asset));
    changes.push({ asset: row.asset, action: decision.action, from, to, why: decision.why ?? option.why });
  }

  const after: Book = { positions: [...positions.values()], ignoredDust: [...ignored.values()] };
  return { book: after, audit: { id: meta.id, at: meta.at, who: meta.who, before: book, after, changes } };
}
