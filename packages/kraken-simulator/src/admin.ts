// The simulator's own control surface under /__sim/ (never a Kraken path): faults, the clock, prices, things done
// on Kraken's website (manual trades, funding, earn moves, "Convert small balances") and a state snapshot.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { dec, DecimalString } from '../../../src-shared/money';
import type { SimContext } from './context';
import { bookHeldReceive, convertSmallBalances, lastSweepTime, sweepAvailableAt, SweepRefused } from './convert-small-balances';
import { FaultSpec } from './faults';
import { KrakenError } from './kraken-error';
import type { LedgerEntry } from './ledger-book';
import { fillCrossedOrders, manualTrade } from './orders';
import { renderProPage } from './pro-page';
import { send, sendJson } from './responses';
import { jsonNumber } from './json-number';
import { ledgerWire, tradeWire } from './wire';
import { WsFaultSpec } from './ws-faults';

export const ADMIN_PREFIX = '/__sim/';

const Positive = DecimalString.refine((text) => dec(text).gt(0), 'must be more than zero');
const Funding = z.object({ asset: z.string().min(1), amount: Positive, fee: DecimalString.optional() });
const Lockout = z.object({ kind: z.literal('lockout'), key: z.string().min(1), ms: z.number().int().positive().optional() });
const ClockRequest = z.object({ advanceMs: z.number().int().nonnegative() });
const TradeRequest = z.object({ pair: z.string().min(1), type: z.enum(['buy', 'sell']), volume: Positive });
const AdjustmentRequest = z.object({ asset: z.string().min(1), amount: DecimalString });
const EarnRequest = z.object({ asset: z.string().min(1), amount: Positive, direction: z.enum(['to-earn', 'from-earn']) });
const TickerRequest = z.object({ pair: z.string().min(1), bid: Positive, ask: Positive, last: Positive.optional() });
const StatusRequest = z.object({ status: z.enum(['online', 'maintenance', 'cancel_only', 'post_only']) });
const SweepRequest = z.object({ target: z.string().min(1), receiveLater: z.boolean().optional() });
const HeldReceiveRequest = z.object({ refid: z.string().min(1) });
const RetentionRequest = z.object({ from: z.iso.datetime({ offset: true }).nullable() });
const LiquidityRequest = z.object({ pair: z.string().min(1), volume: DecimalString.nullable() });

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type Route = (body: unknown, ctx: SimContext) => unknown;

const postRoutes: Record<string, Route> = {
  faults: (body, ctx) => {
    if ((body as { kind?: unknown } | null)?.kind === 'lockout') {
      const spec = parse(Lockout, body);
      const key = ctx.gatekeeper.find(spec.key);
      if (!key) throw new AdminError(404, `No key named ${spec.key}.`);
      ctx.gatekeeper.lock(key, spec.ms);
    } else {
      ctx.faults.add(parse(FaultSpec, body));
    }
    return { pending: ctx.faults.pending() };
  },
  'ws-faults': (body, ctx) => {
    ctx.wsFaults.add(parse(WsFaultSpec, body));
    return { pending: ctx.wsFaults.pending() };
  },
  clock: (body, ctx) => {
    const { advanceMs } = parse(ClockRequest, body);
    const clock = ctx.clock as { advance?: (ms: number) => void };
    if (typeof clock.advance !== 'function') throw new AdminError(409, 'This simulator runs on a clock that cannot be moved.');
    clock.advance(advanceMs);
    return clockState(ctx);
  },
  trade: (body, ctx) => {
    const request = parse(TradeRequest, body);
    const pair = ctx.account.market.resolvePair(request.pair);
    if (!pair) throw new KrakenError('EQuery:Unknown asset pair');
    const trade = manualTrade(ctx.account, pair, request.type, dec(request.volume));
    return { txid: trade.txid, trade: tradeWire(trade, ctx.account.market, true), ledger: legsWire(ctx, trade.ledgers) };
  },
  deposit: (body, ctx) => {
    const request = parse(Funding, body);
    return { ledger: entriesWire(ctx, ctx.account.deposit(request.asset, dec(request.amount), dec(request.fee ?? '0'))) };
  },
  withdraw: (body, ctx) => {
    const request = parse(Funding, body);
    return { ledger: entriesWire(ctx, ctx.account.withdraw(request.asset, dec(request.amount), dec(request.fee ?? '0'))) };
  },
  adjustment: (body, ctx) => {
    const request = parse(AdjustmentRequest, body);
    return { ledger: entriesWire(ctx, ctx.account.adjust(request.asset, dec(request.amount))) };
  },
  earn: (body, ctx) => {
    const request = parse(EarnRequest, body);
    return { ledger: entriesWire(ctx, ctx.account.earn(request.asset, dec(request.amount), request.direction)) };
  },
  ticker: (body, ctx) => {
    const request = parse(TickerRequest, body);
    const pair = ctx.account.market.resolvePair(request.pair);
    if (!pair) throw new KrakenError('EQuery:Unknown asset pair');
    const [bid, ask] = [dec(request.bid), dec(request.ask)];
    if (bid.gt(ask)) throw new AdminError(400, 'The bid must not be above the ask.');
    ctx.account.market.setPrice(pair.id, { bid, ask, last: request.last === undefined ? undefined : dec(request.last) });
    const filled = fillCrossedOrders(ctx.account, pair.id);
    return { pair: pair.id, filledOrders: filled.map((trade) => trade.ordertxid) };
  },
  liquidity: (body, ctx) => {
    const request = parse(LiquidityRequest, body);
    const pair = ctx.account.market.resolvePair(request.pair);
    if (!pair) throw new KrakenError('EQuery:Unknown asset pair');
    ctx.account.setLiquidityAtTouch(pair.id, request.volume === null ? null : dec(request.volume));
    return { pair: pair.id, volume: request.volume };
  },
  'ledger-retention': (body, ctx) => {
    const { from } = parse(RetentionRequest, body);
    ctx.settings.ledgerRetentionFrom = from === null ? null : Date.parse(from) / 1000;
    return { from };
  },
  'system-status': (body, ctx) => {
    ctx.settings.systemStatus = parse(StatusRequest, body).status;
    return { status: ctx.settings.systemStatus };
  },
  'convert-small-balances': (body, ctx) => {
    const { target, receiveLater } = parse(SweepRequest, body);
    const result = convertSmallBalances(ctx.account, target, { receiveLater: receiveLater === true });
    if (result.heldReceive) ctx.heldReceives.set(result.refid, result.heldReceive);
    return {
      refid: result.refid,
      time: jsonNumber(result.time),
      target: result.target,
      feeLeg: result.feeLeg,
      legs: entriesWire(ctx, result.legs),
    };
  },
  'book-held-receive': (body, ctx) => {
    const { refid } = parse(HeldReceiveRequest, body);
    const leg = ctx.heldReceives.get(refid);
    if (!leg) throw new AdminError(404, `No receive leg is held back for ${refid}.`);
    ctx.heldReceives.delete(refid);
    return { ledger: entriesWire(ctx, bookHeldReceive(ctx.account, refid, leg)) };
  },
};

const getRoutes: Record<string, (ctx: SimContext) => unknown> = {
  requests: (ctx) => ({ counts: Object.fromEntries(ctx.requestCounts), total: [...ctx.requestCounts.values()].reduce((a, b) => a + b, 0) }),
  state: (ctx) => {
    const { account } = ctx;
    const nextSweep = sweepAvailableAt(account);
    return {
      ...clockState(ctx),
      balances: account.balances(),
      held: Object.fromEntries(
        account.ledger
          .assets()
          .filter((a) => !account.held(a).isZero())
          .map((a) => [a, account.market.format(a, account.held(a))]),
      ),
      openOrders: [...account.openOrders.keys()],
      ledgerEntries: account.ledger.all().length,
      lastSweepTime: lastSweepTime(account) ?? null,
      sweepAvailableAt: new Date(nextSweep ?? ctx.clock.now()).toISOString(),
      systemStatus: ctx.settings.systemStatus,
    };
  },
};

export function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, raw: string, ctx: SimContext): void {
  const route = path.slice(ADMIN_PREFIX.length);
  try {
    if (req.method === 'GET' && route === 'pro/portfolio/spot') {
      send(res, 200, 'text/html; charset=utf-8', renderProPage(ctx.account));
      return;
    }
    if (req.method === 'DELETE' && route === 'requests') {
      ctx.requestCounts.clear();
      sendJson(res, 200, { counts: {}, total: 0 });
      return;
    }
    if (req.method === 'DELETE' && route === 'ws-faults') {
      ctx.wsFaults.clear();
      sendJson(res, 200, { pending: {} });
      return;
    }
    if (req.method === 'DELETE' && route === 'faults') {
      ctx.faults.clear();
      sendJson(res, 200, { pending: [] });
      return;
    }
    const get = req.method === 'GET' ? getRoutes[route] : undefined;
    if (get) {
      sendJson(res, 200, get(ctx));
      return;
    }
    const post = req.method === 'POST' ? postRoutes[route] : undefined;
    if (!post) throw new AdminError(404, `No simulator action ${req.method ?? ''} ${path}.`);
    // Only JSON is accepted, so a foreign web page cannot post here without a (refused) CORS preflight.
    if (!req.headers['content-type']?.includes('application/json')) throw new AdminError(415, 'Send a JSON body.');
    sendJson(res, 200, post(parseJson(raw), ctx));
  } catch (error) {
    const { status, body } = adminFailure(error);
    sendJson(res, status, body);
  }
}

function adminFailure(error: unknown): { status: number; body: Record<string, unknown> } {
  if (error instanceof AdminError) return { status: error.status, body: { error: error.message, ...error.extra } };
  if (error instanceof KrakenError) return { status: 400, body: { error: error.code } };
  if (error instanceof SweepRefused) {
    const status = error.reason === 'bad-target' ? 400 : 409;
    const when =
      error.availableAtMs === undefined
        ? {}
        : { availableAt: new Date(error.availableAtMs).toISOString(), availableAtMs: error.availableAtMs };
    return { status, body: { error: error.message, reason: error.reason, ...when } };
  }
  throw error;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AdminError(400, `Invalid request at "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'malformed'}.`);
  }
  return result.data;
}

function parseJson(raw: string): unknown {
  try {
    return raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    throw new AdminError(400, 'The body is not valid JSON.');
  }
}

function clockState(ctx: SimContext): { now: number; time: string } {
  const now = ctx.clock.now();
  return { now, time: new Date(now).toISOString() };
}

function entriesWire(ctx: SimContext, entries: readonly LedgerEntry[]): Record<string, unknown>[] {
  return entries.map((entry) => ({ id: entry.id, ...ledgerWire(entry, ctx.account.market) }));
}

function legsWire(ctx: SimContext, ids: readonly string[]): Record<string, unknown>[] {
  return entriesWire(
    ctx,
    ids.flatMap((id) => ctx.account.ledger.get(id) ?? []),
  );
}
