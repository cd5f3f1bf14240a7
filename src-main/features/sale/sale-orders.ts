// Placing a run's orders one at a time and proving what they did. Each step is saved before it is sent, with its own
// client order id, so after a restart an order already on Kraken is found by that id and never placed twice. A top-up
// that does not fill whole stops the run: nothing is sold that was not bought.
import type { Clock } from '../../../src-shared/clock';
import type { SaleRun, SaleStep, StepStatus } from '../../../src-shared/contract/sale';
import { dec, sum, toWire } from '../../../src-shared/money';
import { krakenTimeFromMs } from '../../../src-shared/kraken-time';
import type { KrakenClient } from '../../kraken/client';
import { KrakenCallError } from '../../kraken/kraken-errors';
import type { KrakenOrder } from '../../kraken/schemas';
import type { MirrorOf } from '../../mirror/account-mirrors';

export type OrderClient = Pick<KrakenClient, 'addOrder' | 'orderByClientId' | 'queryOrders' | 'balanceEx'>;

export interface RunContext {
  client: OrderClient;
  /** The account's mirror of Kraken's ledger, where the run's trades are proven. */
  ledger: MirrorOf;
  clock: Clock;
  /** Saves the run as it stands and tells the screens. */
  save: (run: SaleRun) => void;
  /** The run was saved by an earlier process: a planned step may already be on Kraken. */
  resuming: boolean;
  /** Display names for the words of a stopped run. */
  nameOf: (asset: string) => string;
  /** The app is closing: no further order is sent; the run goes on when it next starts. */
  closing: () => boolean;
}

interface StepContext extends RunContext {
  /** Says what the run is waiting for (null: no longer waiting). */
  waiting: (words: string | null) => void;
}

/** Kraken settles an immediate-or-cancel order at once; a slow answer is asked again this many times, a second apart. */
const SETTLE_READS = 5;
/** Kraken's trading limit on a pair decays by at least one order a second: wait, then try again, for two minutes. */
const ENGINE_WAIT_MS = 5_000;
const ENGINE_TRIES = 24;
const ENGINE_LIMITS = new Set(['EOrder:Rate limit exceeded', 'EOrder:Domain rate limit exceeded']);

/** Places the order, waiting out Kraken's trading limit: a refusal for it means nothing was placed. */
async function placeUnderLimit(step: SaleStep, ctx: StepContext): Promise<string | null> {
  for (let tries = 1; ; tries++) {
    try {
      const placed = await ctx.client.addOrder({
        pair: step.pairId,
        type: step.side,
        ordertype: 'limit',
        volume: step.volume,
        price: step.price,
        timeinforce: 'IOC',
        clOrdId: step.clOrdId,
      });
      if (tries > 1) ctx.waiting(null);
      return placed.txid[0] ?? null;
    } catch (error) {
      const said = error instanceof KrakenCallError ? error.details.krakenError : undefined;
      if (said === undefined || !ENGINE_LIMITS.has(said) || tries >= ENGINE_TRIES || ctx.closing()) throw error;
      ctx.waiting(
        `Kraken's trading limit on ${step.pairName} is full (another program may be trading on this key); trying again in ${ENGINE_WAIT_MS / 1000} s, try ${tries + 1} of ${ENGINE_TRIES}.`,
      );
      await ctx.clock.sleep(ENGINE_WAIT_MS);
    }
  }
}

function outcome(order: KrakenOrder): { status: StepStatus; filled: string } {
  const filled = dec(order.vol_exec);
  const status: StepStatus = filled.isZero() ? 'not-filled' : filled.greaterThanOrEqualTo(dec(order.vol)) ? 'filled' : 'partly-filled';
  return { status, filled: toWire(filled) };
}

/** Reads that wait for room on the key's call counter say so on the run, so a slow run is never a silent one. */
function rateHooks(ctx: StepContext) {
  return {
    onRateWait: (waitMs: number) => ctx.waiting(`Waiting ${Math.ceil(waitMs / 1000)} s for room on this key's Kraken call counter.`),
  };
}

async function settled(ctx: StepContext, txid: string): Promise<KrakenOrder | undefined> {
  const { client, clock } = ctx;
  for (let read = 0; read < SETTLE_READS; read++) {
    const [order] = await client.queryOrders([txid], { trades: true, hooks: rateHooks(ctx) });
    if (order !== undefined && order.status !== 'open' && order.status !== 'pending') return order;
    await clock.sleep(1_000);
  }
  return undefined;
}

/** Places (or, resuming, finds) one order, records that it is placed, then reads what became of it. */
async function runStep(step: SaleStep, ctx: StepContext, record: (step: SaleStep) => void): Promise<SaleStep> {
  let txid = step.txid;
  if (txid === null) {
    const found = ctx.resuming ? await ctx.client.orderByClientId(step.clOrdId) : undefined;
    if (found !== undefined) {
      txid = found.txid;
    } else {
      try {
        txid = await placeUnderLimit(step, ctx);
      } catch (error) {
        // an answer lost on the way may hide a placed order: the run stops here and looks for it by its client id
        if (!(error instanceof KrakenCallError) || error.details.delivery !== 'rejected') throw error;
        ctx.waiting(null);
        const said = error.details.krakenError;
        return {
          ...step,
          status: 'refused',
          krakenMessage: said === undefined ? error.message : `${said}: ${error.message}`,
          at: ctx.clock.now(),
        };
      }
    }
    if (txid === null) return { ...step, status: 'refused', krakenMessage: 'Kraken named no order for it.', at: ctx.clock.now() };
    record({ ...step, status: 'placed', txid, at: ctx.clock.now() });
  }
  const order = await settled(ctx, txid);
  ctx.waiting(null);
  if (order === undefined) return { ...step, status: 'placed', txid };
  const { status, filled } = outcome(order);
  return {
    ...step,
    status,
    txid,
    filled,
    cost: order.cost,
    fee: order.fee,
    trades: order.trades ?? [],
    krakenMessage: status === 'filled' ? null : (order.reason ?? null),
    at: step.at ?? ctx.clock.now(),
  };
}

/** Why a top-up run stops after its buy, in plain words; null when the buy filled whole and the sale may go on. */
function stopAfterBuy(buy: SaleStep, ctx: RunContext): string | null {
  const name = ctx.nameOf(buy.asset);
  switch (buy.status) {
    case 'filled':
      return null;
    case 'partly-filled':
      return `The top-up filled only ${buy.filled} of ${buy.volume} ${name}, so nothing was sold: the sale needs the whole minimum. The ${name} bought stays in your balance; free it again later, or wait for Kraken's sweep.`;
    case 'not-filled':
      return `The top-up did not fill at its price (the ask moved), so nothing was bought or sold. Review it again to see today's prices.`;
    case 'refused':
      return `Kraken refused the top-up (${buy.krakenMessage ?? 'no reason given'}), so nothing was bought or sold.`;
    default:
      return `Kraken has not said yet what became of the top-up, so nothing was sold. It is checked again when the app next starts.`;
  }
}

/** Runs every step still to run, saving after each; a run resumed after a restart goes on where it stopped. */
export async function executeRun(start: SaleRun, runCtx: RunContext): Promise<SaleRun> {
  let run: SaleRun = { ...start, waiting: null };
  const save = (next: SaleRun) => {
    run = next;
    runCtx.save(run);
  };
  const ctx: StepContext = { ...runCtx, waiting: (words) => save({ ...run, waiting: words }) };
  const setStep = (index: number, step: SaleStep) => save({ ...run, steps: run.steps.map((s, i) => (i === index ? step : s)) });
  for (let index = 0; index < run.steps.length; index++) {
    const step = run.steps[index];
    if (step === undefined || (step.status !== 'planned' && step.status !== 'placed')) continue;
    if (ctx.closing()) return run;
    setStep(index, await runStep(step, ctx, (placed) => setStep(index, placed)));
    const done = run.steps[index];
    if (run.kind === 'free' && done?.side === 'buy') {
      const reason = stopAfterBuy(done, ctx);
      if (reason !== null) {
        save({
          ...run,
          status: 'stopped',
          stopReason: reason,
          steps: run.steps.map((s, i) => (i > index ? { ...s, status: 'skipped' } : s)),
        });
        break;
      }
    }
  }
  const unsettled = run.steps.some((s) => s.status === 'placed');
  const receipt = await proveRun(run, ctx.ledger, ctx.client, rateHooks(ctx));
  save({ ...run, status: run.status === 'stopped' ? 'stopped' : unsettled ? 'running' : 'done', receipt, waiting: null });
  return run;
}

/** Per asset, what the ledger's legs of the run's trades show, against what the orders said they filled. */
export async function proveRun(
  run: SaleRun,
  ledger: MirrorOf,
  client: Pick<OrderClient, 'balanceEx'>,
  hooks?: { onRateWait: (waitMs: number) => void },
): Promise<SaleRun['receipt']> {
  const tradeIds = new Set(run.steps.flatMap((s) => s.trades));
  if (tradeIds.size === 0) return [];
  // from a second before the run, through the mirror (Kraken is asked only for what is newer than it holds)
  const since = krakenTimeFromMs(run.createdAt - 1000);
  const syncHooks = { priority: 'foreground' as const, ...(hooks ? { onRateWait: hooks.onRateWait } : {}) };
  await ledger.sync.catchUp('ledger', syncHooks);
  await ledger.sync.backfill('ledger', since, syncHooks);
  const legs = ledger.mirror.ledgerSince(since).filter((entry) => tradeIds.has(entry.refid));
  const balances = await client.balanceEx(hooks);
  const assets = [...new Set(run.steps.filter((s) => s.trades.length > 0).map((s) => s.asset))];
  return assets.map((asset) => {
    const steps = run.steps.filter((s) => s.asset === asset);
    const quote = steps[0]?.quote ?? '';
    const ids = new Set(steps.flatMap((s) => s.trades));
    const mine = legs.filter((entry) => ids.has(entry.refid));
    const base = mine.filter((entry) => entry.asset === asset);
    const quoteLegs = mine.filter((entry) => entry.asset === quote);
    const bought = sum(base.map((e) => dec(e.amount)).filter((a) => a.isPositive()));
    const sold = sum(base.map((e) => dec(e.amount)).filter((a) => a.isNegative())).negated();
    const fee = sum(quoteLegs.map((e) => dec(e.fee)));
    const proceeds = sum(quoteLegs.map((e) => dec(e.amount).minus(dec(e.fee))));
    const expected = (side: 'buy' | 'sell') => sum(steps.filter((s) => s.side === side).map((s) => dec(s.filled)));
    const expectedNet = sum(steps.map((s) => (s.side === 'sell' ? dec(s.cost).minus(dec(s.fee)) : dec(s.cost).plus(dec(s.fee)).negated())));
    return {
      asset,
      bought: toWire(bought),
      sold: toWire(sold),
      proceeds: toWire(proceeds),
      fee: toWire(fee),
      quote,
      leftover: toWire(dec(balances[asset]?.balance ?? '0')),
      ledgerIds: mine.map((entry) => entry.id),
      matched: bought.equals(expected('buy')) && sold.equals(expected('sell')) && proceeds.equals(expectedNet) && mine.length > 0,
    };
  });
}
