// Reconcile compares three sources per asset — OC9's book, Kraken's balances now, and the ledger since the last
// checkpoint — and gives each asset exactly one status, naming the ledger groups that explain a change. Separately,
// the ledger is proven against the balances (integrity), and a failure is always reported.
import { z } from 'zod';
import { KrakenTime, krakenTimeMs } from './kraken-time';
import { balanceBefore, walkChain } from './ledger-chain';
import { D, DecimalString, dec, sum, toWire, ZERO } from './money';
import type { Dec } from './money';
import type { Book } from './book';
import { entryNet, groupByRefid, LedgerCursor, LedgerGroupKind, newestCursor, oldestFirst, stripEarnSuffix } from './ledger';
import type { LedgerEntry, LedgerGroup } from './ledger';

/** A difference is tolerated when ANY one of these holds: |d| ≤ absolute, |d| ≤ relative × quantity, |d| × price ≤ value. */
export const ReconcileTolerances = z.object({
  /** In units of the asset. */
  absolute: DecimalString,
  /** A fraction of the larger of book and exchange quantity. */
  relative: DecimalString,
  /** In the reference currency of the prices given to reconcile; needs a price. */
  value: DecimalString,
});
export type ReconcileTolerances = z.infer<typeof ReconcileTolerances>;

export const DEFAULT_TOLERANCES: ReconcileTolerances = { absolute: '0', relative: '0.000001', value: '0.01' };

/** What Kraken showed when the book was last reconciled. */
export const Checkpoint = z.object({
  /** ms */
  at: z.number().int().nonnegative(),
  ledgerCursor: LedgerCursor.nullable(),
  /** Balance per Kraken asset id. */
  balances: z.record(z.string(), DecimalString),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

export const ReconcileStatus = z.enum(['in-sync', 'changed-explained', 'drift', 'orphan', 'missing']);
export type ReconcileStatus = z.infer<typeof ReconcileStatus>;

/**
 * Which ledger activity accounts for the difference. The book may already include the bot's own trades, so besides
 * all activity, reconcile tries: everything but trades; only the fees charged in the asset (trades counted at full
 * volume by the bot); both of those; and each group alone. The first that matches within tolerance is named.
 */
export const ExplanationBasis = z.enum(['all-activity', 'non-trade-activity', 'fees', 'non-trade-activity-and-fees', 'single-group']);
export type ExplanationBasis = z.infer<typeof ExplanationBasis>;

export const ActivityGroup = z.object({
  refid: z.string(),
  kind: LedgerGroupKind,
  /** Kraken seconds, as Kraken wrote them. */
  time: KrakenTime,
  /** What the group did to this row's asset (under an explanation's basis: the part that counts). */
  change: DecimalString,
  entryIds: z.array(z.string()),
});
export type ActivityGroup = z.infer<typeof ActivityGroup>;

export const IntegrityStatus = z.enum(['pass', 'fail', 'unchecked']);
export type IntegrityStatus = z.infer<typeof IntegrityStatus>;

export const IntegrityCheck = z.object({
  /** Kraken asset id (earn variants are checked on their own: each has its own ledger balance). */
  asset: z.string(),
  status: IntegrityStatus,
  /** The checkpoint's balance; null without a checkpoint. */
  startBalance: DecimalString.nullable(),
  endBalance: DecimalString,
  /** Σ (amount − fee) of the entries since the checkpoint. */
  ledgerChange: DecimalString,
  problems: z.array(z.string()),
  /** Entries whose running balance disagrees with the entries before them. */
  badEntryIds: z.array(z.string()),
});
export type IntegrityCheck = z.infer<typeof IntegrityCheck>;

export const ReconcileRow = z.object({
  /** The position's asset id; its earn variants are counted with it. */
  asset: z.string(),
  status: ReconcileStatus,
  /** null when the book has neither a position nor ignored dust for the asset. */
  bookQuantity: DecimalString.nullable(),
  entryPrice: DecimalString.nullable(),
  quoteCurrency: z.string().nullable(),
  ignoredAsDust: z.boolean(),
  exchangeQuantity: DecimalString,
  exchangeParts: z.array(z.object({ asset: z.string(), quantity: DecimalString })),
  /** exchangeQuantity − bookQuantity. */
  difference: DecimalString,
  /** Σ (amount − fee) of every entry on the asset since the checkpoint. */
  ledgerChange: DecimalString,
  explanation: z.object({ basis: ExplanationBasis, groups: z.array(ActivityGroup) }).nullable(),
  /** Every ledger group that touched the asset since the checkpoint. */
  activity: z.array(ActivityGroup),
  integrity: IntegrityStatus,
  detail: z.string(),
});
export type ReconcileRow = z.infer<typeof ReconcileRow>;

/** Balances that are never positions, so never orphans: cash (what positions are priced in) and Kraken fee credits. */
export const NonPosition = z.object({
  asset: z.string(),
  kind: z.enum(['cash', 'fee-credit']),
  quantity: DecimalString,
  /** Σ (amount − fee) of its entries since the checkpoint. */
  ledgerChange: DecimalString,
});
export type NonPosition = z.infer<typeof NonPosition>;

export const ReconcileReport = z.object({
  at: z.number().int().nonnegative(),
  rows: z.array(ReconcileRow),
  nonPositions: z.array(NonPosition),
  integrity: z.array(IntegrityCheck),
  tolerances: ReconcileTolerances,
  /** What to save once the operator applies: Kraken's balances now and the newest ledger entry seen. */
  nextCheckpoint: Checkpoint,
});
export type ReconcileReport = z.infer<typeof ReconcileReport>;

export interface ReconcileInput {
  /** ms */
  at: number;
  book: Book;
  /** Kraken's balances now, by asset id. */
  balances: Readonly<Record<string, string>>;
  /** Ledger entries strictly after the checkpoint's cursor (all known entries when there is no checkpoint). */
  entries: readonly LedgerEntry[];
  checkpoint: Checkpoint | null;
  tolerances: ReconcileTolerances;
  /** Price per unit of a position asset, in one reference currency, for the value tolerance. */
  prices?: Readonly<Record<string, string>>;
  /** Cash currencies: not positions, so they get no row (their integrity is still checked). */
  cashAssets?: readonly string[];
  /** Kraken fee credits (KFEE): spent on trading fees, never a position. */
  feeCreditAssets?: readonly string[];
  /** The position asset a balance belongs to (XBT.F → XXBT); defaults to stripping the earn suffix. */
  positionAssetOf?: (asset: string) => string;
}

const KIND_WORDS: Record<LedgerGroupKind, string> = {
  'dust-sweep': 'a dust sweep',
  trade: 'a trade',
  fee: 'a fee',
  'earn-move': 'an earn move',
  deposit: 'a deposit',
  withdrawal: 'a withdrawal',
  adjustment: 'an adjustment',
  other: 'other ledger activity',
};

interface Tolerance {
  absolute: Dec;
  relative: Dec;
  value: Dec;
}

function isTolerated(difference: Dec, reference: Dec, price: Dec | null, tolerance: Tolerance): boolean {
  const size = difference.abs();
  if (size.lessThanOrEqualTo(tolerance.absolute)) return true;
  if (size.lessThanOrEqualTo(tolerance.relative.times(reference.abs()))) return true;
  return price !== null && size.times(price).lessThanOrEqualTo(tolerance.value);
}

interface GroupEffect {
  group: LedgerGroup;
  entries: LedgerEntry[];
  net: Dec;
  /** Minus the fees charged in the asset. */
  feePart: Dec;
}

function activityOf(effect: GroupEffect, change: Dec): ActivityGroup {
  return {
    refid: effect.group.refid,
    kind: effect.group.kind,
    time: effect.group.time,
    change: toWire(change),
    entryIds: effect.entries.map((e) => e.id),
  };
}

function explain(
  difference: Dec,
  effects: readonly GroupEffect[],
  accepts: (total: Dec) => boolean,
): { basis: ExplanationBasis; groups: ActivityGroup[] } | null {
  const nonTrade = (e: GroupEffect) => e.group.kind !== 'trade';
  const candidates: [ExplanationBasis, [GroupEffect, Dec][]][] = [
    ['all-activity', effects.map((e) => [e, e.net])],
    ['non-trade-activity', effects.filter(nonTrade).map((e) => [e, e.net])],
    ['fees', effects.map((e) => [e, e.feePart])],
    ['non-trade-activity-and-fees', effects.map((e) => [e, nonTrade(e) ? e.net : e.feePart])],
    ...effects.map((e): [ExplanationBasis, [GroupEffect, Dec][]] => ['single-group', [[e, e.net]]]),
  ];
  for (const [basis, parts] of candidates) {
    const counted = parts.filter(([, change]) => !change.isZero());
    if (counted.length === 0) continue;
    if (accepts(difference.minus(sum(counted.map(([, change]) => change))))) {
      return { basis, groups: counted.map(([effect, change]) => activityOf(effect, change)) };
    }
  }
  return null;
}

/** Proves one asset's entries: they add up to the balance change, and each running balance follows from the last. */
function checkIntegrity(asset: string, entries: readonly LedgerEntry[], endBalance: Dec, checkpoint: Checkpoint | null): IntegrityCheck {
  const ordered = oldestFirst(entries);
  const ledgerChange = sum(ordered.map(entryNet));
  const startText = checkpoint === null ? null : (checkpoint.balances[asset] ?? '0');
  const base = { asset, startBalance: startText, endBalance: toWire(endBalance), ledgerChange: toWire(ledgerChange) };
  const [first] = ordered;
  if (startText === null && first === undefined) return { ...base, status: 'unchecked', problems: [], badEntryIds: [] };

  const problems: string[] = [];
  const badEntryIds: string[] = [];
  // without a checkpoint the first entry's own running balance tells where the chain starts
  const start = startText !== null ? dec(startText) : first === undefined ? ZERO : balanceBefore(first);
  if (startText !== null && !ledgerChange.equals(endBalance.minus(start))) {
    problems.push(
      `The ledger entries since the last reconcile add up to ${toWire(ledgerChange)}, but the balance moved by ${toWire(endBalance.minus(start))}. Some entries are missing or were altered; sync the ledger again.`,
    );
  }
  const { breaks, end: running } = walkChain(ordered, start);
  for (const { entry, expected } of breaks) {
    badEntryIds.push(entry.id);
    problems.push(`Entry ${entry.id} says the balance became ${entry.balance}, but the entries before it give ${toWire(expected)}.`);
  }
  // with a checkpoint the sum check above already covers the end balance
  if (startText === null && !running.equals(endBalance)) {
    problems.push(`After the last entry the ledger shows ${toWire(running)}, but Kraken reports ${toWire(endBalance)} now.`);
  }
  return { ...base, status: problems.length === 0 ? 'pass' : 'fail', problems, badEntryIds };
}

/** A moment as exports and logs write it: to the minute, in UTC, the same for every reader. */
function utcMinute(time: string): string {
  return `${new Date(krakenTimeMs(time)).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function describeRow(status: ReconcileStatus, difference: Dec, basis: ExplanationBasis | null, groups: readonly ActivityGroup[]): string {
  const kinds = [...new Set(groups.map((g) => KIND_WORDS[g.kind]))].join(', ');
  const direction = difference.isNegative() ? 'less' : 'more';
  const sweeps = status === 'changed-explained' ? groups.filter((g) => g.kind === 'dust-sweep') : [];
  if (sweeps.length > 0) {
    const by = sweeps.map((g) => `the conversion of ${utcMinute(g.time)} (${g.refid})`).join(' and ');
    const rest = groups.some((g) => g.kind !== 'dust-sweep')
      ? `, together with ${[...new Set(groups.filter((g) => g.kind !== 'dust-sweep').map((g) => KIND_WORDS[g.kind]))].join(', ')}`
      : '';
    return `Swept by ${by}${rest}: Kraken holds ${toWire(difference.abs())} ${direction} than the book.`;
  }
  switch (status) {
    case 'in-sync':
      return groups.length === 0
        ? 'The book matches Kraken.'
        : 'The book matches Kraken; the ledger activity since the last reconcile is already in it.';
    case 'changed-explained':
      return basis === 'fees'
        ? `Kraken holds ${toWire(difference.abs())} ${direction} than the book: fees charged in this asset explain it.`
        : `Kraken holds ${toWire(difference.abs())} ${direction} than the book, explained by ${kinds}.`;
    case 'drift':
      return `Kraken holds ${toWire(difference.abs())} ${direction} than the book, and no ledger activity since the last reconcile explains it.`;
    case 'orphan':
      return 'Kraken holds this asset, but the book has no entry price for it.';
    case 'missing':
      return 'The book holds this asset, but Kraken shows none and no ledger activity explains it.';
  }
}

export function reconcile(input: ReconcileInput): ReconcileReport {
  const positionAssetOf = input.positionAssetOf ?? stripEarnSuffix;
  const tolerance: Tolerance = {
    absolute: dec(input.tolerances.absolute),
    relative: dec(input.tolerances.relative),
    value: dec(input.tolerances.value),
  };
  const positions = new Map(input.book.positions.map((p) => [p.asset, p]));
  const ignored = new Map(input.book.ignoredDust.map((d) => [d.asset, d]));
  const bookAssets = new Set([...positions.keys(), ...ignored.keys()]);
  const cash = new Set(
    [...(input.cashAssets ?? []), ...input.book.positions.map((p) => p.quoteCurrency)].filter((asset) => !bookAssets.has(asset)),
  );
  const feeCredits = new Set((input.feeCreditAssets ?? []).filter((asset) => !bookAssets.has(asset)));

  const balanceIds = Object.keys(input.balances);
  const integrityIds = [
    ...new Set([...balanceIds, ...Object.keys(input.checkpoint?.balances ?? {}), ...input.entries.map((e) => e.asset)]),
  ].sort();
  const integrity = integrityIds.map((id) =>
    checkIntegrity(
      id,
      input.entries.filter((e) => e.asset === id),
      dec(input.balances[id] ?? '0'),
      input.checkpoint,
    ),
  );

  const groups = groupByRefid(input.entries);
  const families = new Set<string>(bookAssets);
  for (const id of balanceIds) if (!dec(input.balances[id] ?? '0').isZero()) families.add(positionAssetOf(id));
  for (const entry of input.entries) families.add(positionAssetOf(entry.asset));

  const nonPositions: NonPosition[] = [...families]
    .filter((asset) => cash.has(asset) || feeCredits.has(asset))
    .sort()
    .map((asset) => {
      const ids = [...new Set([...balanceIds, ...input.entries.map((e) => e.asset)])].filter((id) => positionAssetOf(id) === asset);
      return {
        asset,
        kind: feeCredits.has(asset) ? 'fee-credit' : 'cash',
        quantity: toWire(sum(ids.map((id) => dec(input.balances[id] ?? '0')))),
        ledgerChange: toWire(sum(input.entries.filter((e) => positionAssetOf(e.asset) === asset).map(entryNet))),
      };
    });

  const rows = [...families]
    .filter((asset) => !cash.has(asset) && !feeCredits.has(asset))
    .sort()
    .map((asset): ReconcileRow => {
      const position = positions.get(asset);
      const dust = ignored.get(asset);
      const parts = balanceIds
        .filter((id) => positionAssetOf(id) === asset)
        .sort()
        .map((id) => ({ asset: id, quantity: toWire(dec(input.balances[id] ?? '0')) }));
      const exchangeQuantity = sum(parts.map((p) => dec(p.quantity)));
      const bookText = position?.quantity ?? dust?.quantity ?? null;
      const bookQuantity = bookText === null ? ZERO : dec(bookText);
      const difference = exchangeQuantity.minus(bookQuantity);
      const priceText = input.prices?.[asset];
      const price = priceText === undefined ? null : dec(priceText);
      const reference = D.max(exchangeQuantity.abs(), bookQuantity.abs());
      const accepts = (d: Dec) => isTolerated(d, reference, price, tolerance);

      const effects: GroupEffect[] = groups.flatMap((group) => {
        const own = group.entries.filter((e) => positionAssetOf(e.asset) === asset);
        if (own.length === 0) return [];
        const feePart = sum(own.map((e) => dec(e.fee))).negated();
        return [{ group, entries: own, net: sum(own.map(entryNet)), feePart }];
      });
      const activity = effects.map((e) => activityOf(e, e.net));
      const ledgerChange = sum(effects.map((e) => e.net));
      const explanation = accepts(difference) ? null : explain(difference, effects, accepts);

      let status: ReconcileStatus;
      const noEntryPrice = dust === undefined && (position?.entryPrice ?? null) === null;
      if (exchangeQuantity.greaterThan(ZERO) && noEntryPrice) status = 'orphan';
      else if (accepts(difference)) status = 'in-sync';
      else if (explanation !== null) status = 'changed-explained';
      else if (bookQuantity.greaterThan(ZERO) && accepts(exchangeQuantity)) status = 'missing';
      else status = 'drift';

      const checks = integrity.filter((c) => positionAssetOf(c.asset) === asset);
      const rowIntegrity: IntegrityStatus = checks.some((c) => c.status === 'fail')
        ? 'fail'
        : checks.some((c) => c.status === 'pass')
          ? 'pass'
          : 'unchecked';
      return {
        asset,
        status,
        bookQuantity: bookText === null ? null : toWire(bookQuantity),
        entryPrice: position?.entryPrice ?? null,
        quoteCurrency: position?.quoteCurrency ?? null,
        ignoredAsDust: dust !== undefined,
        exchangeQuantity: toWire(exchangeQuantity),
        exchangeParts: parts,
        difference: toWire(difference),
        ledgerChange: toWire(ledgerChange),
        explanation,
        activity,
        integrity: rowIntegrity,
        detail: describeRow(status, difference, explanation?.basis ?? null, explanation?.groups ?? activity),
      };
    });

  return {
    at: input.at,
    rows,
    nonPositions,
    integrity,
    tolerances: input.tolerances,
    nextCheckpoint: {
      at: input.at,
      ledgerCursor: newestCursor(input.entries) ?? input.checkpoint?.ledgerCursor ?? null,
      balances: Object.fromEntries(balanceIds.map((id) => [id, toWire(dec(input.balances[id] ?? '0'))])),
    },
  };
}
