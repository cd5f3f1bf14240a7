// Clearing what Kraken's sweep cannot take (docs/domain-rules.md, Classes): sell small balances through the API, each asset the
// operator's choice, one immediate-or-cancel limit order at the bid each; and free a stranded balance by buying just
// enough to reach its pair's minimums, then selling the whole of it. Every order is first checked by Kraken
// (`validate`), nothing is placed until all pass, and every order and its outcome is kept per account.
import type { saleCalls } from '../../../src-shared/contract/sale';
import type { HandlerTable } from '../../../src-shared/rpc';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Clock } from '../../../src-shared/clock';
import type { AssetLabel } from '../../../src-shared/contract/asset-label';
import type {
  OrderLegView,
  PairLabel,
  SaleLineView,
  SaleReview,
  SaleRun,
  SaleStep,
  TopUpReview,
  Validation,
} from '../../../src-shared/contract/sale';
import { describeAsset, listCashCurrencies, listStablecoins, pairName, type AssetCatalog } from '../../../src-shared/assets';
import type { BookView } from '../../../src-shared/conversion-plan';
import { AppError, toAppError } from '../../../src-shared/errors';
import { dec, sum, toWire, type Dec } from '../../../src-shared/money';
import type { PortfolioRow } from '../../../src-shared/portfolio';
import { priceIn } from '../../../src-shared/pricing';
import { planSale, planTopUp, sweepAlternative, type OrderLeg, type SalePair } from '../../../src-shared/sale-plan';
import type { Emit } from '../../app/contract-host';
import { KrakenCallError } from '../../kraken/kraken-errors';
import type { StoreBackendFactory } from '../../store/backend';
import type { StoreProblem } from '../../store/json-store';
import { accountKey } from '../../connection/account-key';
import type { Connection, ConnectionManager } from '../../connection/connection-manager';
import type { AccountMirrors } from '../../mirror/account-mirrors';
import type { PortfolioService, PortfolioSnapshot } from '../portfolio/portfolio-service';
import { executeRun } from './sale-orders';
import { createSalesFile } from './sales-file';
import type { SettingsService } from '../settings/settings-service';
import { settle } from '../../app/settle';

export interface SaleServiceDeps {
  dataDir: string;
  backend?: StoreBackendFactory;
  onStoreProblem?: (problem: StoreProblem) => void;
  connections: Pick<ConnectionManager, 'current'>;
  mirrors: Pick<AccountMirrors, 'of'>;
  settings: Pick<SettingsService, 'current'>;
  portfolio: Pick<PortfolioService, 'load'>;
  /** OC9's book: an asset it holds a position in is sold only once the operator acknowledges it. */
  book: () => BookView;
  clock: Clock;
  emit: Emit;
  /** Who places the orders, for the audit record; the operating-system user by default. */
  operator?: string;
  newId?: () => string;
}

export interface SaleService {
  handlers: HandlerTable<typeof saleCalls>;
  /** Goes on with runs a restart interrupted: an order already placed is found by its client id, not placed again. */
  resume(): void;
  /** The app is closing: no further order is sent; runs go on when it next starts. */
  stop(): void;
}

const PERMISSION_ADVICE =
  'This key cannot place orders. On Kraken, open Settings › API, edit the key, and turn on “Orders and trades – Create & modify orders”; then check the key again here.';
const USD = 'ZUSD';
/** A run an error interrupted is taken up again this many times, this far apart, before it waits for the next start. */
const RESUME_TRIES = 5;
const RESUME_WAIT_MS = 30_000;

function defaultOperator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

function label(catalog: AssetCatalog, asset: string): AssetLabel {
  const info = describeAsset(catalog, asset);
  return { assetId: info.id, code: info.code, displayDecimals: info.displayDecimals };
}

/** Small balances an order can sell: a pair takes the whole balance, but they are under the operator's limit. */
function sellable(snapshot: PortfolioSnapshot): PortfolioRow[] {
  return snapshot.model.spot.filter((row) => row.small && row.class === 'sellable' && row.variant === null);
}

interface Validated {
  validation: Validation;
  permissionDenied: boolean;
}

export function createSaleService(deps: SaleServiceDeps): SaleService {
  const { clock, emit } = deps;
  const store = createSalesFile({
    dataDir: deps.dataDir,
    ...(deps.backend ? { backend: deps.backend } : {}),
    ...(deps.onStoreProblem ? { onCorrupt: deps.onStoreProblem } : {}),
  });
  const operator = deps.operator ?? defaultOperator();
  const newId = deps.newId ?? randomUUID;
  const running = new Set<string>();
  let closing = false;

  /** The pair, its minimums and ticks, today's touch and the account's taker fee, as an order on it needs them. */
  const salePair = (snapshot: PortfolioSnapshot, pairId: string, takerPercent: Readonly<Record<string, string>>): SalePair | null => {
    const info = snapshot.pairs[pairId];
    const ticker = snapshot.market.pairs.get(pairId)?.ticker;
    if (info === undefined || ticker?.bid == null || ticker.ask == null) return null;
    const fallback = info.fees[0]?.[1];
    const percent = takerPercent[pairId] ?? (fallback === undefined ? undefined : String(fallback));
    return {
      id: pairId,
      name: pairName(snapshot.catalog, info.base, info.quote),
      base: info.base,
      quote: info.quote,
      ordermin: dec(info.ordermin),
      costmin: dec(info.costmin),
      lotDecimals: info.lot_decimals,
      tickSize: dec(info.tick_size),
      quoteDecimals: describeAsset(snapshot.catalog, info.quote).decimals,
      bid: ticker.bid,
      ask: ticker.ask,
      takerFeeRate: dec(percent ?? '0.4').dividedBy(100),
    };
  };

  /** The account's taker fee on each pair, from its 30-day volume tier. */
  const takerFees = async (connection: Connection, pairIds: readonly string[]): Promise<Record<string, string>> => {
    if (pairIds.length === 0) return {};
    const volume = await connection.client.tradeVolume(pairIds);
    return Object.fromEntries(Object.entries(volume.fees ?? {}).map(([id, tier]) => [id, tier.fee]));
  };

  /** Kraken checks the order without placing it; its refusal is kept in its own words with what it means. */
  const validate = async (connection: Connection, pair: SalePair, leg: OrderLeg): Promise<Validated> => {
    try {
      const checked = await connection.client.addOrder({
        pair: pair.id,
        type: leg.side,
        ordertype: 'limit',
        volume: toWire(leg.volume),
        price: toWire(leg.price),
        timeinforce: 'IOC',
        validate: true,
      });
      return { validation: { status: 'accepted', order: checked.descr.order }, permissionDenied: false };
    } catch (error) {
      if (!(error instanceof KrakenCallError) || error.details.krakenError === undefined) throw error;
      const denied = error.details.krakenError === 'EGeneral:Permission denied';
      return {
        validation: { status: 'refused', krakenError: error.details.krakenError, reason: denied ? PERMISSION_ADVICE : error.message },
        permissionDenied: denied,
      };
    }
  };

  const legView = (leg: OrderLeg, validation: Validation): OrderLegView => ({
    side: leg.side,
    volume: toWire(leg.volume),
    price: toWire(leg.price),
    gross: toWire(leg.gross),
    fee: toWire(leg.fee),
    validation,
  });

  const pairLabel = (catalog: AssetCatalog, pair: SalePair): PairLabel => ({
    id: pair.id,
    name: pair.name,
    quote: label(catalog, pair.quote),
  });

  const inUseOf = (snapshot: PortfolioSnapshot, asset: string) => ({
    position: deps.book().positions.some((p) => p.asset === asset && dec(p.quantity).greaterThan(0)),
    openOrders: snapshot.openOrders.some((o) => o.base === asset || o.quote === asset),
  });

  const liveConfirmationNeeded = (connection: Connection) =>
    connection.mode === 'live' && store.get(accountKey(connection)).liveConfirmedAt === null;

  /** The direct pair that sells `asset` into `target`, among those Kraken lists and trades now. */
  const pairInto = (snapshot: PortfolioSnapshot, asset: string, target: string): string | null =>
    Object.entries(snapshot.pairs).find(([, p]) => p.base === asset && p.quote === target && p.status === 'online')?.[0] ?? null;

  async function review(
    connection: Connection,
    assets: readonly string[],
    requestedTarget: string | undefined,
    acknowledged: readonly string[],
  ): Promise<SaleReview> {
    const snapshot = await deps.portfolio.load();
    const { catalog } = snapshot;
    const candidates = sellable(snapshot);
    const chosenIds = new Set(assets.map((a) => describeAsset(catalog, a).id));
    const chosen = candidates.filter((row) => chosenIds.has(row.assetId));
    const unknown = [...chosenIds].filter((id) => !candidates.some((row) => row.assetId === id));
    if (unknown.length > 0) {
      throw new AppError(
        'invalid_input',
        `${unknown.map((id) => describeAsset(catalog, id).code).join(', ')} cannot be sold here: only small balances a pair takes whole are offered.`,
      );
    }
    // every currency a chosen asset trades into directly: cash first, then stablecoins, then the rest
    const money = [...listCashCurrencies(catalog), ...listStablecoins(catalog)].map((a) => a.id);
    const rank = (id: string) => (money.includes(id) ? money.indexOf(id) : money.length);
    const quotes = [
      ...new Set(
        chosen.flatMap((row) =>
          Object.values(snapshot.pairs)
            .filter((p) => p.base === row.assetId && p.status === 'online')
            .map((p) => p.quote),
        ),
      ),
    ].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const preferred = describeAsset(catalog, requestedTarget ?? deps.settings.current().quoteCurrency).id;
    const target = quotes.includes(preferred) || quotes.length === 0 ? preferred : (quotes[0] ?? preferred);
    const pairIds = chosen.flatMap((row) => pairInto(snapshot, row.assetId, target) ?? []);
    const fees = await takerFees(connection, pairIds);

    let permissionDenied = false;
    const lines: SaleLineView[] = [];
    for (const row of chosen) {
      const pairId = pairInto(snapshot, row.assetId, target);
      const pair = pairId === null ? null : salePair(snapshot, pairId, fees);
      const inUse = inUseOf(snapshot, row.assetId);
      const base = {
        asset: label(catalog, row.assetId),
        available: toWire(row.available),
        inUse,
        acknowledged: acknowledged.includes(row.assetId),
      };
      if (pair === null) {
        const trades = Object.values(snapshot.pairs)
          .filter((p) => p.base === row.assetId)
          .map((p) => pairName(catalog, p.base, p.quote));
        const problem = `${row.code} has no ${row.code}/${describeAsset(catalog, target).code} pair on Kraken; it trades on ${trades.join(', ') || 'no pair'}. Choose one of those currencies.`;
        lines.push({ ...base, pair: null, sell: null, proceeds: null, leftover: null, problem });
        continue;
      }
      const line = planSale(row.assetId, row.available, pair, (a) => describeAsset(catalog, a).code);
      const checked: Validated =
        line.problem === null
          ? await validate(connection, pair, line.sell)
          : { validation: { status: 'not-sent', reason: line.problem }, permissionDenied: false };
      permissionDenied ||= checked.permissionDenied;
      lines.push({
        ...base,
        pair: pairLabel(catalog, pair),
        sell: legView(line.sell, checked.validation),
        proceeds: toWire(line.proceeds),
        leftover: toWire(line.leftover),
        problem: line.problem,
      });
    }
    const blockers = [
      ...(chosen.length === 0 ? ['Choose at least one balance to sell.'] : []),
      ...lines.flatMap((line) => {
        const name = line.asset.code;
        if (line.problem !== null) return [`${name}: ${line.problem}`];
        if (line.sell?.validation.status === 'refused') return [`${name}: Kraken refused the order — ${line.sell.validation.reason}`];
        const needs = [
          line.inUse.position ? 'OC9 holds a position in it' : null,
          line.inUse.openOrders ? 'open orders use it' : null,
        ].filter((x) => x !== null);
        return needs.length > 0 && !line.acknowledged ? [`${name}: ${needs.join(' and ')}; acknowledge it to sell it anyway.`] : [];
      }),
    ];
    return {
      mode: connection.mode,
      target: label(catalog, target),
      targets: quotes.map((id) => label(catalog, id)),
      candidates: candidates.map((row) => ({ asset: label(catalog, row.assetId), value: row.value === null ? null : toWire(row.value) })),
      valueIn: label(catalog, snapshot.model.quote.assetId),
      lines,
      proceeds: toWire(sum(lines.map((l) => dec(l.proceeds ?? '0')))),
      fees: toWire(sum(lines.map((l) => dec(l.sell?.fee ?? '0')))),
      takerFeePercent: fees,
      permission: { granted: !permissionDenied, advice: permissionDenied ? PERMISSION_ADVICE : null },
      liveConfirmationNeeded: liveConfirmationNeeded(connection),
      canPlace: blockers.length === 0,
      blockers,
      quotedAt: snapshot.fetchedAt,
    };
  }

  async function freeReview(connection: Connection, asset: string, acknowledged: boolean): Promise<TopUpReview> {
    // valued in USD: the sweep limit it is compared with is in USD
    const snapshot = await deps.portfolio.load('USD');
    const { catalog } = snapshot;
    const id = describeAsset(catalog, asset).id;
    const row = snapshot.model.spot.find((r) => r.assetId === id && r.variant === null);
    if (row === undefined || row.class !== 'stranded' || row.topUp === null) {
      throw new AppError(
        'invalid_input',
        `${describeAsset(catalog, asset).code} is not a stranded balance: only a balance no pair takes as it is can be freed with a top-up.`,
      );
    }
    const settings = deps.settings.current();
    const fees = await takerFees(connection, [row.topUp.pairId]);
    const pair = salePair(snapshot, row.topUp.pairId, fees);
    const inUse = inUseOf(snapshot, id);
    const common = {
      mode: connection.mode,
      asset: label(catalog, id),
      available: toWire(row.available),
      valueUsd: row.value === null ? null : toWire(row.value),
      inUse,
      acknowledged,
      liveConfirmationNeeded: liveConfirmationNeeded(connection),
      quotedAt: snapshot.fetchedAt,
    };
    if (pair === null) {
      const problem = `Kraken quotes no price on ${row.topUp.pairName} now, so no top-up can be planned.`;
      return {
        ...common,
        pair: null,
        buy: null,
        sell: null,
        net: null,
        cost: null,
        proceeds: null,
        leftover: null,
        waiting: null,
        problem,
        permission: { granted: true, advice: null },
        canPlace: false,
        blockers: [problem],
      };
    }
    const plan = planTopUp(id, row.available, pair);
    const checked = await validate(connection, pair, plan.buy);
    // the sale sells what the top-up brings: Kraken can check it only once the top-up has filled
    const afterTopUp: Validation = {
      status: 'not-sent',
      reason: 'Sent once the top-up fills: Kraken checks it against the balance the top-up brings.',
    };
    const quoteInUsd = priceIn(snapshot.market, pair.quote, USD)?.price ?? null;
    const netUsd = quoteInUsd === null ? null : plan.net.times(quoteInUsd);
    const alternative =
      row.value === null ? null : sweepAlternative(row.value, dec(settings.dustThresholdUsd), dec(settings.conversionFeeRate));
    const waiting =
      alternative === null || netUsd === null
        ? null
        : {
            fallNeededPercent: toWire(alternative.fallNeeded.times(100).toDecimalPlaces(1)),
            bestCaseUsd: toWire(alternative.bestCaseUsd.toDecimalPlaces(2)),
            cheaper: netUsd.lessThan(alternative.bestCaseUsd),
            words: waitingWords(netUsd, alternative.fallNeeded, alternative.bestCaseUsd, row.code),
          };
    const needs = [inUse.position ? 'OC9 holds a position in it' : null, inUse.openOrders ? 'open orders use it' : null].filter(
      (x) => x !== null,
    );
    const blockers = [
      ...(checked.validation.status === 'refused' ? [`Kraken refused the top-up — ${checked.validation.reason}`] : []),
      ...(needs.length > 0 && !acknowledged ? [`${row.code}: ${needs.join(' and ')}; acknowledge it to free it anyway.`] : []),
    ];
    return {
      ...common,
      pair: pairLabel(catalog, pair),
      buy: legView(plan.buy, checked.validation),
      sell: legView(plan.sell, afterTopUp),
      net: toWire(plan.net),
      cost: toWire(plan.cost),
      proceeds: toWire(plan.proceeds),
      leftover: toWire(plan.leftover),
      waiting,
      problem: null,
      permission: { granted: !checked.permissionDenied, advice: checked.permissionDenied ? PERMISSION_ADVICE : null },
      canPlace: blockers.length === 0,
      blockers,
    };
  }

  /** Saves the run and starts (or goes on with) its orders in the background; the screens follow by events. */
  function start(connection: Connection, run: SaleRun, resuming: boolean, attempt = 1): void {
    const key = accountKey(connection);
    if (running.has(run.id) || closing) return;
    running.add(run.id);
    let latest = run;
    const save = (next: SaleRun) => {
      latest = next;
      store.update(key, (s) => ({
        ...s,
        runs: s.runs.some((r) => r.id === next.id) ? s.runs.map((r) => (r.id === next.id ? next : r)) : [...s.runs, next],
      }));
      emit('sale.changed', next);
    };
    save(run);
    const nameOf = (asset: string) => run.labels.find((l) => l.assetId === asset)?.code ?? asset;
    void executeRun(run, {
      client: connection.client,
      ledger: deps.mirrors.of(connection),
      clock,
      save,
      resuming,
      nameOf,
      closing: () => closing,
    })
      .then(() => running.delete(run.id))
      .catch(async (error: unknown) => {
        running.delete(run.id);
        if (closing) return;
        // the steps stay as saved: the next try finds each order already sent by its client id
        const again = attempt < RESUME_TRIES;
        save({
          ...latest,
          waiting: `${toAppError(error).message} ${again ? `Checking again in ${RESUME_WAIT_MS / 1000} s.` : 'It is checked again when the app next starts.'}`,
        });
        if (!again) return;
        await clock.sleep(RESUME_WAIT_MS);
        start(connection, latest, true, attempt + 1);
      });
  }

  const confirmLive = (connection: Connection, liveConfirmed: boolean) => {
    if (!liveConfirmationNeeded(connection)) return;
    if (!liveConfirmed) {
      throw new AppError(
        'conflict',
        'This places real orders on your Kraken account. Confirm once more that you want the app to trade on it.',
      );
    }
    store.update(accountKey(connection), (s) => ({ ...s, liveConfirmedAt: clock.now() }));
  };

  const stepOf = (runId: string, n: number, asset: string, pair: PairLabel, leg: OrderLegView): SaleStep => ({
    asset,
    pairId: pair.id,
    pairName: pair.name,
    quote: pair.quote.assetId,
    side: leg.side,
    volume: leg.volume,
    price: leg.price,
    // free text ≤ 18 characters, unique per order: the run's id and the step's number
    clOrdId: `oc9-${runId.replace(/-/g, '').slice(0, 10)}-${n}`,
    status: 'planned',
    txid: null,
    filled: '0',
    cost: '0',
    fee: '0',
    trades: [],
    krakenMessage: null,
    at: null,
  });

  const newRun = (connection: Connection, kind: SaleRun['kind'], steps: (id: string) => SaleStep[], labels: AssetLabel[]): SaleRun => {
    if (store.get(accountKey(connection)).runs.some((r) => r.status === 'running')) {
      throw new AppError(
        'conflict',
        'Orders of an earlier run are still being placed or checked. Wait until it finishes, then review again.',
        true,
      );
    }
    const id = newId();
    return {
      id,
      kind,
      createdAt: clock.now(),
      mode: connection.mode,
      who: operator,
      status: 'running',
      stopReason: null,
      steps: steps(id),
      waiting: null,
      receipt: null,
      labels,
    };
  };

  async function place(
    connection: Connection,
    assets: readonly string[],
    target: string,
    acknowledged: readonly string[],
    liveConfirmed: boolean,
  ): Promise<SaleRun> {
    const fresh = await review(connection, assets, target, acknowledged);
    if (fresh.target.assetId !== target && fresh.target.code !== target) {
      throw new AppError(
        'conflict',
        `Nothing was placed: the chosen balances do not trade into ${target} now. Review again and choose one of ${fresh.targets.map((t) => t.code).join(', ')}.`,
        true,
      );
    }
    if (!fresh.canPlace) throw new AppError('conflict', `Nothing was placed. ${fresh.blockers.join(' ')}`, true);
    confirmLive(connection, liveConfirmed);
    const run = newRun(
      connection,
      'sell',
      (id) =>
        fresh.lines.flatMap((line, n) =>
          line.pair === null || line.sell === null ? [] : [stepOf(id, n, line.asset.assetId, line.pair, line.sell)],
        ),
      [...fresh.lines.map((l) => l.asset), fresh.target],
    );
    start(connection, run, false);
    return run;
  }

  async function free(connection: Connection, asset: string, acknowledged: boolean, liveConfirmed: boolean): Promise<SaleRun> {
    const fresh = await freeReview(connection, asset, acknowledged);
    if (!fresh.canPlace || fresh.pair === null || fresh.buy === null || fresh.sell === null) {
      throw new AppError('conflict', `Nothing was placed. ${fresh.blockers.join(' ')}`, true);
    }
    confirmLive(connection, liveConfirmed);
    const { pair, buy, sell } = fresh;
    const run = newRun(
      connection,
      'free',
      (id) => [stepOf(id, 0, fresh.asset.assetId, pair, buy), stepOf(id, 1, fresh.asset.assetId, pair, sell)],
      [fresh.asset, pair.quote],
    );
    start(connection, run, false);
    return run;
  }

  return {
    stop() {
      closing = true;
    },
    resume() {
      const connection = deps.connections.current();
      for (const run of store.get(accountKey(connection)).runs.filter((r) => r.status === 'running')) start(connection, run, true);
    },
    handlers: {
      'sale.review': ({ assets, target, acknowledged }) => review(deps.connections.current(), assets, target, acknowledged),
      'sale.place': ({ assets, target, acknowledged, liveConfirmed }) =>
        place(deps.connections.current(), assets, target, acknowledged, liveConfirmed),
      'sale.freeReview': ({ asset, acknowledged }) => freeReview(deps.connections.current(), asset, acknowledged),
      'sale.free': ({ asset, acknowledged, liveConfirmed }) => free(deps.connections.current(), asset, acknowledged, liveConfirmed),
      'sale.runs': () => settle(() => [...store.get(accountKey(deps.connections.current())).runs].reverse()),
    },
  };
}

/** Freeing now against waiting for the sweep, in one sentence. */
function waitingWords(netUsd: Dec, fallNeeded: Dec, bestCaseUsd: Dec, code: string): string {
  const usd = (value: Dec) => `${value.toFixed(2)}\u00a0USD`;
  const now = netUsd.isNegative()
    ? `Freeing it now costs about ${usd(netUsd.negated())} more than it returns`
    : `Freeing it now leaves about ${usd(netUsd)}`;
  const wait = fallNeeded.isZero()
    ? `Kraken's next sweep takes it already, for at most ${usd(bestCaseUsd)}`
    : `Kraken sweeps it only after ${code} falls ${fallNeeded.times(100).toFixed(0)}\u00a0%, and then pays at most ${usd(bestCaseUsd)}`;
  return `${now}. ${wait}. ${netUsd.lessThan(bestCaseUsd) ? 'Waiting is cheaper, if you can wait.' : 'Freeing it now is the better deal.'}`;
}
