// A conversion's receipt as the conversions file keeps it: built from the sweep's ledger legs, the plan (when the app
// made it) and the prices of the moment, named with Kraken's asset labels. Provisional receipts keep their legs, to be
// built again once the rest of their refid is read.
import type { AssetLabel } from '../../../src-shared/contract/asset-label';
import type { HistoryEntry } from '../../../src-shared/contract/history';
import { describeAsset, displayCode, type AssetCatalog } from '../../../src-shared/assets';
import type { ConversionPlan } from '../../../src-shared/conversion-plan';
import { findDustSweeps, type DustSweep } from '../../../src-shared/dust-sweep';
import { KRAKEN_LINKS } from '../../../src-shared/external-links';
import type { LedgerEntry } from '../../../src-shared/ledger';
import { toWire } from '../../../src-shared/money';
import { priceIn, type Market } from '../../../src-shared/pricing';
import { buildReceipt, type Receipt, type ReceiptContext } from '../../../src-shared/receipt';
import type { Connection } from '../../connection/connection-manager';
import type { PortfolioSnapshot } from '../portfolio/portfolio-service';
import type { PendingLegs, StoredReceipt } from './conversions-file';

export function label(catalog: AssetCatalog, asset: string): AssetLabel {
  const info = describeAsset(catalog, asset);
  return { assetId: info.id, code: info.code, displayDecimals: info.displayDecimals };
}

/** Each swept asset's price in the credited currency, so a conversion made elsewhere can still be split by value. */
function pricesFor(sweep: DustSweep, market: Market): Record<string, string> {
  const target = sweep.receive?.asset;
  const prices: Record<string, string> = {};
  if (target === undefined) return prices;
  for (const leg of sweep.spends) {
    const quote = priceIn(market, leg.asset, target);
    if (quote) prices[leg.asset] = toWire(quote.price);
  }
  return prices;
}

/** The demo's conversions happened in the simulator, which has no ledger page: no link rather than a wrong one. */
export function historyEntry(stored: StoredReceipt, mode: Connection['mode']): HistoryEntry {
  return { ...stored, ledgerUrl: mode === 'live' ? KRAKEN_LINKS.ledger : null };
}

/** A receipt's words and precision come from Kraken's asset list: USD, not ZUSD, at ZUSD's own decimals. */
function receiptContext(catalog: AssetCatalog, sweep: DustSweep, market: Market): ReceiptContext {
  const target = sweep.receive?.asset;
  return {
    prices: pricesFor(sweep, market),
    nameOf: (asset) => describeAsset(catalog, asset).code,
    ...(target === undefined ? {} : { targetDecimals: describeAsset(catalog, target).decimals }),
  };
}

/** A sweep with the legs a provisional receipt kept: the same refid, read at different times. */
export function joinLegs(pending: PendingLegs, sweep: DustSweep): DustSweep {
  const legs = new Map([...pending.legs, ...sweepLegs(sweep)].map((leg) => [leg.id, leg]));
  return findDustSweeps([...legs.values()])[0] ?? sweep;
}

/** A receipt found again with no more legs than it was built from: nothing to build again. */
export function sameLegs(stored: StoredReceipt, sweep: DustSweep): boolean {
  const legs = new Set(sweepLegs(sweep).map((leg) => leg.id));
  return stored.pending === null || stored.pending.legs.length === legs.size;
}

function sweepLegs(sweep: DustSweep): LedgerEntry[] {
  return [...sweep.spends, ...(sweep.receive ? [sweep.receive] : []), ...sweep.unexpectedLegs];
}

/** A stored receipt names its assets by the labels kept with it, else by Kraken's legacy names. */
export function nameFromLabels(labels: readonly AssetLabel[]): (asset: string) => string {
  return (asset) => labels.find((l) => l.assetId === asset)?.code ?? displayCode(asset);
}

function labelsOf(catalog: AssetCatalog, receipt: Receipt): AssetLabel[] {
  const assets = new Set([
    ...receipt.lines.map((line) => line.asset),
    ...(receipt.target ? [receipt.target] : []),
    ...(receipt.plannedTarget ? [receipt.plannedTarget] : []),
  ]);
  return [...assets].map((asset) => label(catalog, asset));
}

/** The stored receipt of a sweep: provisional ones keep their legs and plan, to be built again when more legs appear. */
export function storedReceipt(
  sweep: DustSweep,
  plan: ConversionPlan | null,
  snapshot: PortfolioSnapshot,
  origin: StoredReceipt['origin'],
  balancesNow?: Record<string, string>,
): StoredReceipt {
  const receipt = buildReceipt(sweep, plan, {
    ...receiptContext(snapshot.catalog, sweep, snapshot.market),
    assetsInOpenOrders: [...snapshot.openOrderAssets],
    ...(balancesNow ? { balancesNow } : {}),
  });
  const pending = receipt.provisional ? { legs: sweepLegs(sweep), plan } : null;
  return { receipt, origin, labels: labelsOf(snapshot.catalog, receipt), pending };
}
