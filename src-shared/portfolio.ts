// The portfolio view model: one row per balance, valued in the chosen currency, classified against the USD dust
// line, with totals and the small-balances groups; plus its wire form for the contract.
import { z } from 'zod';
import { BalanceVariant, describeBalance, describeAsset, pairName, resolveAssetId, type AssetCatalog } from './assets';
import {
  BalanceAnomaly,
  BalanceClass,
  classifyBalance,
  classifyRules,
  proceedsAfterFee,
  type ClassifyContext,
  type ClassifySettings,
} from './classify';
import { D, DecimalString, dec, sum, toWire, ZERO, type Dec } from './money';
import { changePercent, priceIn, type Market, type PriceLeg, type PriceQuote } from './pricing';

/** One `/0/private/BalanceEx` entry; credit fields only exist on accounts with a credit line. */
export interface BalanceExEntry {
  balance: string;
  hold_trade?: string;
  credit?: string;
  credit_used?: string;
}

export interface PortfolioInput {
  balances: Readonly<Record<string, BalanceExEntry>>;
  catalog: AssetCatalog;
  market: Market;
  /** Assets with open orders (ids, altnames or codes). */
  openOrderAssets?: ReadonlySet<string>;
  /** Assets OC9 holds an open position in (ids, altnames or codes). */
  positionAssets?: ReadonlySet<string>;
  settings?: Partial<ClassifySettings>;
  /** What the operator counts as a small balance, in USD: sellable balances under it are listed with the small ones. */
  smallBalanceLimitUsd?: string;
  /** The currency values are shown in (code or id); USD by default. */
  quote?: string;
}

export interface PortfolioTopUp {
  pairId: string;
  /** As traders name it: XRP/USD. */
  pairName: string;
  minimum: Dec;
  amount: Dec;
  /** The top-up's value in the quote currency; null when the asset has no price in it. */
  value: Dec | null;
}

export interface PortfolioRow {
  /** The balance name as Kraken reports it (`XXBT`, `DOT.S`). */
  name: string;
  assetId: string;
  code: string;
  variant: BalanceVariant | null;
  amount: Dec;
  available: Dec;
  held: Dec;
  displayDecimals: number;
  /** Kraken's own precision for the asset (its `decimals`), shown on hover. */
  decimals: number;
  /** In the quote currency. */
  price: Dec | null;
  value: Dec | null;
  /** From today's open (midnight UTC) to the last trade, along the route. */
  change24hPct: Dec | null;
  route: readonly PriceLeg[] | null;
  class: BalanceClass;
  sweptByKraken: boolean;
  inUse: boolean;
  anomaly: BalanceAnomaly | null;
  /** What a sweep would pay for it after Kraken's fee, on rows Kraken would sweep. */
  estimatedProceeds: Dec | null;
  sellPairId: string | null;
  topUp: PortfolioTopUp | null;
  /** Listed under "Show small balances": a small-balance class, or sellable and under the operator's limit. */
  small: boolean;
}

export interface ClassGroup {
  class: BalanceClass;
  count: number;
  /** Sum of the known values; rows without a value count but add nothing. */
  value: Dec;
  /** Only for `sweepable`: what converting the group would pay after the fee. */
  proceeds: Dec | null;
}

export interface PortfolioModel {
  quote: { assetId: string; code: string; displayDecimals: number; decimals: number };
  /** Sorted by value, highest first; rows without a value last. */
  spot: PortfolioRow[];
  earn: PortfolioRow[];
  /** Negative balances: shown, never summed. */
  anomalies: PortfolioRow[];
  totals: {
    spot: Dec;
    earn: Dec;
    /** spot + earn, each row counted once. */
    all: Dec;
    /** Rows (spot and earn) left out of the totals for want of a price in the quote currency. */
    unvalued: number;
  };
  /** One group per class, in BalanceClass order, over spot and earn rows. */
  groups: ClassGroup[];
  /** Every row Kraken's "Convert small balances" would take (sweepable, and borderline under the line). */
  sweep: { count: number; value: Dec; proceeds: Dec };
  /** What the "Show small balances" panel lists (rows under the small-balance limit), and its groups in panel order. */
  smallBalances: { count: number; value: Dec; groups: ClassGroup[] };
}

/** The classes the "Show small balances" panel groups, in the order it shows them. */
export const SMALL_BALANCE_CLASSES = ['sweepable', 'borderline', 'stranded', 'unpriced'] as const satisfies readonly BalanceClass[];

/** The panel's groups in order: what Kraken's sweep handles, then what an order can clear, then what waits. */
export const SMALL_PANEL_CLASSES = [
  'sweepable',
  'borderline',
  'sellable',
  'stranded',
  'unpriced',
] as const satisfies readonly BalanceClass[];

/** A default well above Kraken's sweep limit: the leftovers a bot's exits leave that no sweep takes. */
export const DEFAULT_SMALL_BALANCE_LIMIT_USD = '10';

/** Kraken's dust line is about 1 USD whatever currency the operator views in. */
const THRESHOLD_CURRENCY = 'USD';

function resolveSet(catalog: AssetCatalog, names: ReadonlySet<string> | undefined): ReadonlySet<string> {
  return new Set([...(names ?? [])].map((name) => resolveAssetId(catalog, name)));
}

function byValueDescending(a: PortfolioRow, b: PortfolioRow): number {
  const byValue = a.value === null ? (b.value === null ? 0 : 1) : b.value === null ? -1 : b.value.comparedTo(a.value);
  return byValue || a.code.localeCompare(b.code) || a.name.localeCompare(b.name);
}

function optionalAmount(text: string | undefined): Dec {
  return text === undefined ? ZERO : dec(text);
}

/** Count, known values and sweep proceeds of some rows, in one pass. */
function tally(rows: readonly PortfolioRow[]): { count: number; value: Dec; proceeds: Dec } {
  let value = ZERO;
  let proceeds = ZERO;
  for (const row of rows) {
    if (row.value !== null) value = value.plus(row.value);
    if (row.estimatedProceeds !== null) proceeds = proceeds.plus(row.estimatedProceeds);
  }
  return { count: rows.length, value, proceeds };
}

function topUpPairName(catalog: AssetCatalog, market: Market, pairId: string): string {
  const pair = market.pairs.get(pairId);
  return pair === undefined ? pairId : pairName(catalog, pair.base, pair.quote);
}

export function buildPortfolio(input: PortfolioInput): PortfolioModel {
  const { catalog, market } = input;
  const rules = classifyRules(input.settings);
  const smallLimit = dec(input.smallBalanceLimitUsd ?? DEFAULT_SMALL_BALANCE_LIMIT_USD);
  const isSmall = (cls: BalanceClass, usd: Dec | null): boolean =>
    (SMALL_BALANCE_CLASSES as readonly BalanceClass[]).includes(cls) || (cls === 'sellable' && usd !== null && usd.lt(smallLimit));
  const quoteAsset = describeAsset(catalog, input.quote ?? 'USD');
  const thresholdId = resolveAssetId(catalog, THRESHOLD_CURRENCY);
  const ctx: ClassifyContext = {
    market,
    rules,
    openOrderAssets: resolveSet(catalog, input.openOrderAssets),
    positionAssets: resolveSet(catalog, input.positionAssets),
    preferredQuote: quoteAsset.id,
  };

  const spot: PortfolioRow[] = [];
  const earn: PortfolioRow[] = [];
  const anomalies: PortfolioRow[] = [];
  for (const [name, entry] of Object.entries(input.balances)) {
    const amount = dec(entry.balance);
    if (amount.isZero()) continue;
    const held = optionalAmount(entry.hold_trade);
    const credit = optionalAmount(entry.credit).minus(optionalAmount(entry.credit_used));
    // Kraken's formula; with Auto Earn the hold can exceed the spot balance, and nothing below zero is spendable
    const available = D.max(ZERO, amount.plus(credit).minus(held));
    const asset = describeBalance(catalog, name);
    // a variant with its own market (ETH2.S/ETH) is priced there, else as its base asset
    const price = (to: string): PriceQuote | null =>
      (asset.variant === null ? null : priceIn(market, name, to)) ?? priceIn(market, asset.baseId, to);
    const quotePrice = price(quoteAsset.id);
    const thresholdPrice = thresholdId === quoteAsset.id ? quotePrice : price(thresholdId);
    const classification = classifyBalance(ctx, {
      assetId: asset.baseId,
      variant: asset.variant,
      amount,
      held,
      unitValue: thresholdPrice?.price ?? null,
    });
    if (classification === null) continue;
    const anomalous = classification.anomaly !== null;
    const shownPrice = anomalous ? null : quotePrice;
    const value = shownPrice === null ? null : amount.mul(shownPrice.price);
    const { topUp } = classification;
    const row: PortfolioRow = {
      name,
      assetId: asset.baseId,
      code: asset.code,
      variant: asset.variant,
      amount,
      available,
      held,
      displayDecimals: asset.displayDecimals,
      decimals: asset.decimals,
      price: shownPrice?.price ?? null,
      value,
      change24hPct: shownPrice === null ? null : changePercent(shownPrice),
      route: shownPrice?.legs ?? null,
      class: classification.class,
      sweptByKraken: classification.sweptByKraken,
      inUse: classification.inUse,
      anomaly: classification.anomaly,
      estimatedProceeds: classification.sweptByKraken && value !== null ? proceedsAfterFee(value, rules.sweepFee) : null,
      sellPairId: classification.sellPairId,
      small: isSmall(classification.class, classification.thresholdValue),
      topUp:
        topUp === null
          ? null
          : {
              ...topUp,
              pairName: topUpPairName(catalog, market, topUp.pairId),
              value: quotePrice === null ? null : topUp.amount.mul(quotePrice.price),
            },
    };
    (anomalous ? anomalies : asset.variant === null ? spot : earn).push(row);
  }
  for (const rows of [spot, earn, anomalies]) rows.sort(byValueDescending);

  const counted = [...spot, ...earn];
  const groups = BalanceClass.options.map((cls): ClassGroup => {
    const { count, value, proceeds } = tally(counted.filter((row) => row.class === cls));
    return { class: cls, count, value, proceeds: cls === 'sweepable' ? proceeds : null };
  });
  // earn rows are exactly the earn class, so the groups already hold both totals
  const earnTotal = sum(groups.filter((g) => g.class === 'earn').map((g) => g.value));
  const spotTotal = sum(groups.filter((g) => g.class !== 'earn').map((g) => g.value));
  return {
    quote: { assetId: quoteAsset.id, code: quoteAsset.code, displayDecimals: quoteAsset.displayDecimals, decimals: quoteAsset.decimals },
    spot,
    earn,
    anomalies,
    totals: {
      spot: spotTotal,
      earn: earnTotal,
      all: spotTotal.plus(earnTotal),
      unvalued: counted.filter((row) => row.value === null).length,
    },
    groups,
    sweep: tally(counted.filter((row) => row.sweptByKraken)),
    smallBalances: {
      ...tally(counted.filter((row) => row.small)),
      groups: SMALL_PANEL_CLASSES.map((cls): ClassGroup => {
        const { count, value, proceeds } = tally(counted.filter((row) => row.small && row.class === cls));
        return { class: cls, count, value, proceeds: cls === 'sweepable' ? proceeds : null };
      }).filter((group) => group.count > 0),
    },
  };
}

const NullableDecimal = DecimalString.nullable();

export const PortfolioRowWire = z.object({
  name: z.string(),
  assetId: z.string(),
  code: z.string(),
  variant: BalanceVariant.nullable(),
  amount: DecimalString,
  available: DecimalString,
  held: DecimalString,
  displayDecimals: z.number().int().nonnegative(),
  decimals: z.number().int().nonnegative(),
  price: NullableDecimal,
  value: NullableDecimal,
  change24hPct: NullableDecimal,
  /** Pair ids, in the order the value travels (`["XYZXBT", "XXBTZUSD"]`); empty for the quote itself. */
  route: z.array(z.string()).nullable(),
  class: BalanceClass,
  sweptByKraken: z.boolean(),
  inUse: z.boolean(),
  anomaly: BalanceAnomaly.nullable(),
  estimatedProceeds: NullableDecimal,
  sellPairId: z.string().nullable(),
  small: z.boolean(),
  topUp: z
    .object({ pairId: z.string(), pairName: z.string(), minimum: DecimalString, amount: DecimalString, value: NullableDecimal })
    .nullable(),
});
export type PortfolioRowWire = z.infer<typeof PortfolioRowWire>;

const ClassGroupWire = z.object({
  class: BalanceClass,
  count: z.number().int().nonnegative(),
  value: DecimalString,
  proceeds: NullableDecimal,
});

export const PortfolioWire = z.object({
  quote: z.object({
    assetId: z.string(),
    code: z.string(),
    displayDecimals: z.number().int().nonnegative(),
    decimals: z.number().int().nonnegative(),
  }),
  spot: z.array(PortfolioRowWire),
  earn: z.array(PortfolioRowWire),
  anomalies: z.array(PortfolioRowWire),
  totals: z.object({
    spot: DecimalString,
    earn: DecimalString,
    all: DecimalString,
    unvalued: z.number().int().nonnegative(),
  }),
  groups: z.array(ClassGroupWire),
  sweep: z.object({ count: z.number().int().nonnegative(), value: DecimalString, proceeds: DecimalString }),
  smallBalances: z.object({ count: z.number().int().nonnegative(), value: DecimalString, groups: z.array(ClassGroupWire) }),
});
export type PortfolioWire = z.infer<typeof PortfolioWire>;

function wireOrNull(value: Dec | null): string | null {
  return value === null ? null : toWire(value);
}

function rowToWire(row: PortfolioRow): PortfolioRowWire {
  return {
    ...row,
    amount: toWire(row.amount),
    available: toWire(row.available),
    held: toWire(row.held),
    price: wireOrNull(row.price),
    value: wireOrNull(row.value),
    change24hPct: wireOrNull(row.change24hPct),
    route: row.route === null ? null : row.route.map((leg) => leg.pairId),
    estimatedProceeds: wireOrNull(row.estimatedProceeds),
    topUp:
      row.topUp === null
        ? null
        : {
            pairId: row.topUp.pairId,
            pairName: row.topUp.pairName,
            minimum: toWire(row.topUp.minimum),
            amount: toWire(row.topUp.amount),
            value: wireOrNull(row.topUp.value),
          },
  };
}

function groupToWire(group: ClassGroup): z.infer<typeof ClassGroupWire> {
  return { class: group.class, count: group.count, value: toWire(group.value), proceeds: wireOrNull(group.proceeds) };
}

/** The model as plain strings and numbers for the contract; amounts keep full precision. */
export function portfolioToWire(model: PortfolioModel): PortfolioWire {
  return {
    quote: model.quote,
    spot: model.spot.map(rowToWire),
    earn: model.earn.map(rowToWire),
    anomalies: model.anomalies.map(rowToWire),
    totals: {
      spot: toWire(model.totals.spot),
      earn: toWire(model.totals.earn),
      all: toWire(model.totals.all),
      unvalued: model.totals.unvalued,
    },
    groups: model.groups.map(groupToWire),
    sweep: {
      count: model.sweep.count,
      value: toWire(model.sweep.value),
      proceeds: toWire(model.sweep.proceeds),
    },
    smallBalances: {
      count: model.smallBalances.count,
      value: toWire(model.smallBalances.value),
      groups: model.smallBalances.groups.map(groupToWire),
    },
  };
}
