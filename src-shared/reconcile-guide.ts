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
  'adopt-market-price',
  'enter-entry-price',
  'mark-as-dust',
  'close-record',
]);
export type ResolutionAction = z.infer<typeof ResolutionAction>;

/** Where an adopted entry price came from, kept with the decision and in the audit log. */
export const PriceEvidence = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('trades'),
    /** Trades behind the average (since the holding last started from zero). */
    trades: z.number().int().positive(),
    average: DecimalString,
    quoteCurrency: z.string(),
  }),
  z.object({
    kind: z.literal('market'),
    /** The route's pairs as traders name them, one for a direct pair (e.g. ["LUNA/USD"]). */
    pairs: z.array(z.string()).min(1),
    /** What the book would be paid per unit now: the bid (through the route's bids). */
    bid: DecimalString,
    quoteCurrency: z.string(),
    /** When Kraken quoted it (ms). */
    at: z.number().int().nonnegative(),
  }),
]);
export type PriceEvidence = z.infer<typeof PriceEvidence>;

export const Resolution = z.object({
  action: ResolutionAction,
  /** The quantity the book will hold; null when the record is closed. */
  quantity: DecimalString.nullable(),
  /** The entry price it will carry; null for "enter" (the operator types it), dust and closing. */
  entryPrice: DecimalString.nullable(),
  quoteCurrency: z.string().nullable(),
  openedAt: z.string().nullable(),
  why: z.string(),
  evidence: PriceEvidence.nullable(),
  /** A statement the operator must confirm before this choice is applied (ignoring a balance worth more than dust). */
  confirmation: z.string().nullable(),
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

/** What trade history says of one asset: the trades behind its average entry price. */
export interface TradeBasis {
  trades: number;
  average: string;
  quoteCurrency: string;
  /** When the holding the average belongs to was opened (ISO), or null. */
  openedAt: string | null;
}

/** The price the market pays now, for "adopt the current market price". */
export interface MarketPrice {
  pairs: string[];
  bid: string;
  quoteCurrency: string;
  at: number;
}

export interface GuideContext {
  /** What trade history gives per asset (read in the background), for "adopt entry price from trades". */
  trades?: Readonly<Record<string, TradeBasis>>;
  /** The current bid per asset, in the book's quote currency. */
  market?: Readonly<Record<string, MarketPrice>>;
  /** Assets the classifier found under the small-balance limit. */
  dustAssets?: readonly string[];
  /** Display names (LUNA, not its id) for the words of the guide. */
  nameOf?: (asset: string) => string;
}

type Option = Omit<Resolution, 'evidence' | 'confirmation'> & Partial<Pick<Resolution, 'evidence' | 'confirmation'>>;

function resolution(option: Option): Resolution {
  return { ...option, evidence: option.evidence ?? null, confirmation: option.confirmation ?? null };
}

function sweepOf(row: ReconcileRow): { refid: string } | undefined {
  return row.explanation?.groups.find((g) => g.kind === 'dust-sweep');
}

function optionsFor(row: ReconcileRow, context: GuideContext): Resolution[] {
  const name = (context.nameOf ?? ((asset: string) => asset))(row.asset);
  const exchange = dec(row.exchangeQuantity);
  const sweep = sweepOf(row);
  if (!exchange.greaterThan(0)) {
    const why = sweep
      ? `Swept by the conversion ${sweep.refid}: Kraken holds none of it now; close the record.`
      : 'Kraken holds none of it now; remove it from the book.';
    return [resolution({ action: 'close-record', quantity: null, entryPrice: null, quoteCurrency: null, openedAt: null, why })];
  }
  const quantity = row.exchangeQuantity;
  const orphan = row.status === 'orphan';
  const options: Resolution[] = [];
  if (row.ignoredAsDust || row.entryPrice !== null) {
    const keep = row.ignoredAsDust ? 'keep ignoring it' : 'keep the entry price';
    const why = sweep
      ? `Swept by the conversion ${sweep.refid}: reduce the record to Kraken's quantity and ${keep}.`
      : row.status === 'changed-explained'
        ? `The ledger explains the change. Take Kraken's quantity and ${keep}.`
        : `Nothing in the ledger explains the difference. Take Kraken's quantity only if you know why it changed.`;
    options.push(
      resolution({
        action: 'accept-exchange-quantity',
        quantity,
        entryPrice: row.ignoredAsDust ? null : row.entryPrice,
        quoteCurrency: row.quoteCurrency,
        openedAt: null,
        why,
      }),
    );
  }
  const traded = context.trades?.[row.asset];
  if (traded !== undefined) {
    options.push(
      resolution({
        action: 'adopt-trades-entry-price',
        quantity,
        entryPrice: traded.average,
        quoteCurrency: traded.quoteCurrency,
        openedAt: traded.openedAt,
        why: `The weighted average of ${traded.trades} ${traded.trades === 1 ? 'trade' : 'trades'} in your history, fees included.`,
        evidence: { kind: 'trades', trades: traded.trades, average: traded.average, quoteCurrency: traded.quoteCurrency },
      }),
    );
  }
  const market = orphan ? context.market?.[row.asset] : undefined;
  if (market !== undefined) {
    options.push(
      resolution({
        action: 'adopt-market-price',
        quantity,
        entryPrice: market.bid,
        quoteCurrency: market.quoteCurrency,
        openedAt: null,
        why: 'What the market pays for it now (the bid). The book then shows no gain or loss on it so far.',
        evidence: { kind: 'market', pairs: market.pairs, bid: market.bid, quoteCurrency: market.quoteCurrency, at: market.at },
      }),
    );
  }
  options.push(
    resolution({
      action: 'enter-entry-price',
      quantity,
      entryPrice: null,
      quoteCurrency: row.quoteCurrency ?? traded?.quoteCurrency ?? market?.quoteCurrency ?? null,
      openedAt: null,
      why: 'Type the price you paid per unit, if you know it.',
    }),
  );
  const isDust = context.dustAssets?.includes(row.asset) === true;
  // an orphan may always be ignored, but above the limit only once the operator confirms OC9 leaves it alone
  if (isDust || orphan) {
    options.push(
      resolution({
        action: 'mark-as-dust',
        quantity,
        entryPrice: null,
        quoteCurrency: null,
        openedAt: null,
        why: isDust
          ? 'It is worth less than the small-balance limit; OC9 leaves it alone until the balance changes.'
          : 'OC9 leaves it alone until the balance changes, although it is worth more than the small-balance limit.',
        confirmation: isDust ? null : `OC9 will leave ${quantity} ${name} alone, although it is worth more than the small-balance limit.`,
      }),
    );
  }
  return options;
}

function proposalIndex(row: ReconcileRow, options: readonly Resolution[]): number {
  const preference: ResolutionAction[] =
    row.status === 'orphan'
      ? ['adopt-trades-entry-price', 'mark-as-dust', 'enter-entry-price']
      : ['close-record', 'accept-exchange-quantity', 'adopt-trades-entry-price', 'mark-as-dust', 'enter-entry-price'];
  for (const action of preference) {
    // a choice that needs the operator's confirmation is never the one proposed
    const index = options.findIndex((o) => o.action === action && o.confirmation === null);
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
  /** The operator confirmed the option's `confirmation` statement. */
  confirmed?: boolean;
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
  /** Where an adopted price came from (trades behind the average, or the market's bid, pair and time). */
  /** Absent in records written before prices carried their source. */
  evidence: PriceEvidence.nullable().optional(),
  /** The statement the operator confirmed, when the choice needed one. */
  confirmed: z.string().nullable().optional(),
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
    if (option.confirmation !== null && decision.confirmed !== true) {
      throw new AppError('invalid_input', `Confirm first: ${option.confirmation}`);
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
      case 'adopt-market-price':
        ignored.delete(row.asset);
        positions.set(row.asset, {
          asset: row.asset,
          quantity,
          entryPrice: option.entryPrice,
          quoteCurrency: requireQuote(option.quoteCurrency, row.asset),
          openedAt: current?.openedAt ?? option.openedAt,
          source: decision.action === 'adopt-market-price' ? 'market' : 'trades',
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
    changes.push({
      asset: row.asset,
      action: decision.action,
      from,
      to,
      why: decision.why ?? option.why,
      evidence: option.evidence,
      confirmed: option.confirmation,
    });
  }

  const after: Book = { positions: [...positions.values()], ignoredDust: [...ignored.values()] };
  return { book: after, audit: { id: meta.id, at: meta.at, who: meta.who, before: book, after, changes } };
}
