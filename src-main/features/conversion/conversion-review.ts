// The review of a conversion: what Kraken will sweep into the chosen currency, the fee and estimate, and the
// pre-flight checks (cooldown on Kraken's clock from the mirror's last day of ledger, open orders, OC9's book).
import type { Clock } from '../../../src-shared/clock';
import type { ConversionReview } from '../../../src-shared/contract/conversion';
import { describeAsset, listCashCurrencies, listStablecoins } from '../../../src-shared/assets';
import { buildConversionPlan, canConvert, preflightChecks, type BookView, type SweepableRow } from '../../../src-shared/conversion-plan';
import { dustSweepCooldown, findDustSweeps } from '../../../src-shared/dust-sweep';
import { AppError } from '../../../src-shared/errors';
import { krakenTimeFromMs } from '../../../src-shared/kraken-time';
import type { LedgerEntry } from '../../../src-shared/ledger';
import { dec, sum, toWire, ZERO } from '../../../src-shared/money';
import type { AccountMirrors } from '../../mirror/account-mirrors';
import { accountKey } from '../../connection/account-key';
import type { Connection } from '../../connection/connection-manager';
import type { PortfolioService, PortfolioSnapshot } from '../portfolio/portfolio-service';
import type { SettingsService } from '../settings/settings-service';
import type { ConversionsFile } from './conversions-file';
import { label } from './stored-receipt';

/** The cooldown looks one day back, and a minute more for clock differences. */
const COOLDOWN_LOOKBACK_S = 24 * 60 * 60 + 60;
/** Each review would otherwise spend 2 of the call counter's units on the same ledger page. */
const LEDGER_REUSE_MS = 60_000;

export interface Acknowledged {
  openOrders: boolean;
  positions: boolean;
}

export interface Assessment {
  review: ConversionReview;
  rows: SweepableRow[];
  snapshot: PortfolioSnapshot;
}

export interface ConversionReviewDeps {
  mirrors: Pick<AccountMirrors, 'of'>;
  settings: Pick<SettingsService, 'current'>;
  portfolio: Pick<PortfolioService, 'load'>;
  /** OC9's book: whether one is loaded for the account, and its positions. */
  book: () => BookView;
  file: ConversionsFile;
  clock: Clock;
}

/** Reviews a conversion for `connection`; `fresh` reads what is new in the ledger even if read a moment ago. */
export type AssessConversion = (
  connection: Connection,
  requestedTarget: string | undefined,
  acknowledged: Acknowledged,
  fresh?: boolean,
) => Promise<Assessment>;

export function createConversionReview(deps: ConversionReviewDeps): AssessConversion {
  /** The ledger's last day, for the cooldown: Kraken is asked for what is new at most once a minute while reviewing,
   * always when confirming. */
  async function lastDayOfLedger(connection: Connection, nowSeconds: number, fresh: boolean): Promise<LedgerEntry[]> {
    const { mirror, sync } = deps.mirrors.of(connection);
    const since = krakenTimeFromMs((nowSeconds - COOLDOWN_LOOKBACK_S) * 1000);
    await sync.catchUp('ledger', { priority: 'foreground' }, fresh ? {} : { maxAgeMs: LEDGER_REUSE_MS });
    await sync.backfill('ledger', since, { priority: 'foreground' });
    return mirror.ledgerSince(since);
  }

  return async function assess(connection, requestedTarget, acknowledged, fresh = false) {
    const key = accountKey(connection);
    const settings = deps.settings.current();
    const wanted = requestedTarget ?? deps.file.get(key).lastTarget ?? settings.quoteCurrency;
    const [snapshot, time] = await Promise.all([deps.portfolio.load(wanted), connection.client.time()]);
    const { catalog, model } = snapshot;
    const targets = [...listCashCurrencies(catalog), ...listStablecoins(catalog).filter((a) => ['USDT', 'USDC'].includes(a.code))];
    const target = describeAsset(catalog, wanted);
    if (!targets.some((t) => t.id === target.id)) {
      throw new AppError(
        'invalid_input',
        `Kraken converts small balances only into ${targets.map((t) => t.code).join(', ')}. Choose one of those.`,
      );
    }
    const serverTime = time.unixtime * 1000;
    const lastDay = await lastDayOfLedger(connection, time.unixtime, fresh);
    const cooldown = dustSweepCooldown(findDustSweeps(lastDay), serverTime);

    // Kraken sweeps what is free: an amount held by an open order stays
    const swept = model.spot.filter((row) => row.sweptByKraken && row.variant === null && row.assetId !== target.id && row.available.gt(0));
    const rows: SweepableRow[] = swept.map((row) => ({
      asset: row.assetId,
      amount: row.available,
      value: (row.price ?? ZERO).times(row.available),
    }));
    const feeRate = dec(settings.conversionFeeRate);
    const plan = buildConversionPlan({
      id: 'review',
      createdAt: serverTime,
      target: target.id,
      feeRate,
      rows,
      ledgerCursor: null,
      quotesAt: snapshot.fetchedAt,
    });
    const book = deps.book();
    const checks = preflightChecks({
      plan,
      nowMs: deps.clock.now(),
      cooldown,
      lastKnownConversionAt: deps.file.get(key).receipts[0]?.receipt.at ?? null,
      openOrders: snapshot.openOrders,
      openOrdersAcknowledged: acknowledged.openOrders,
      book,
      positionsAcknowledged: acknowledged.positions,
      borderlineAssets: model.spot.filter((row) => row.class === 'borderline').map((row) => row.assetId),
      mode: connection.mode,
      nameOf: (asset) => describeAsset(catalog, asset).code,
    });
    const sweptIds = new Set(plan.items.map((item) => item.asset));
    const byAsset = new Map(swept.map((row) => [row.assetId, row]));
    const review: ConversionReview = {
      mode: connection.mode,
      accountLabel: connection.label,
      target: label(catalog, target.id),
      targets: targets.map((t) => label(catalog, t.id)),
      feeRate: plan.feeRate,
      items: plan.items.map((item) => ({
        asset: label(catalog, item.asset),
        amount: item.amount,
        value: item.value,
        estimatedProceeds: item.estimatedProceeds,
        inUse: byAsset.get(item.asset)?.inUse ?? false,
        borderline: byAsset.get(item.asset)?.class === 'borderline',
      })),
      totalValue: toWire(sum(plan.items.map((item) => dec(item.value)))),
      estimatedFee: plan.estimatedFee,
      estimatedTotal: plan.estimatedTotal,
      checks,
      canConvert: canConvert(checks),
      needsOpenOrderAck: snapshot.openOrders.some((order) => sweptIds.has(order.base) || sweptIds.has(order.quote)),
      openOrdersAcknowledged: acknowledged.openOrders,
      needsPositionAck: book.positions.some((p) => sweptIds.has(p.asset) && dec(p.quantity).gt(0)),
      positionsAcknowledged: acknowledged.positions,
      quotesAt: snapshot.fetchedAt,
      serverTime,
    };
    return { review, rows, snapshot };
  };
}
