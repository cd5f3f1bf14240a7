import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, ZERO, type Dec } from '../../../src-shared/money';
import { createVirtualClock } from '../../../src-shared/clock';
import { SimAccount } from './account';
import { convertSmallBalances } from './convert-small-balances';
import { KrakenError } from './kraken-error';
import { parseOrderRequest } from './order-request';
import { cancelOrders, fillCrossedOrders, placeOrder } from './orders';
import { resolveSettings } from './simulator-settings';
import { CLOCK_START, makeTestScenario } from './test-fixtures';
import { ledgerWire } from './wire';

const PAIRS = ['XXBTZUSD', 'XETHZUSD', 'XETHXXBT', 'ADAUSD', 'DOTUSD', 'XDGUSD', 'ACAEUR', 'TKNUSDT'];
const ASSETS = ['ZUSD', 'ZEUR', 'XXBT', 'XETH', 'ADA', 'DOT', 'XXDG', 'USDT', 'TKN'];

const share = fc.integer({ min: 1, max: 100 });
const operation = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), asset: fc.constantFrom(...ASSETS), units: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant('withdraw' as const), asset: fc.constantFrom(...ASSETS), share }),
  fc.record({
    kind: fc.constant('market' as const),
    pair: fc.constantFrom(...PAIRS),
    side: fc.constantFrom('buy', 'sell'),
    share,
    feeInBase: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('limit' as const),
    pair: fc.constantFrom(...PAIRS),
    side: fc.constantFrom('buy', 'sell'),
    share,
    offset: fc.integer({ min: -5, max: 5 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), pair: fc.constantFrom(...PAIRS), percent: fc.integer({ min: -8, max: 8 }) }),
  fc.record({ kind: fc.constant('earn' as const), share, back: fc.boolean() }),
  fc.record({
    kind: fc.constant('sweep' as const),
    target: fc.constantFrom('ZUSD', 'ZEUR', 'USDT'),
    waitHours: fc.integer({ min: 0, max: 30 }),
  }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

function portion(amount: Dec, percent: number, decimals: number): Dec {
  return amount.times(percent).div(100).toDecimalPlaces(decimals, 1);
}

function apply(account: SimAccount, op: Operation, clock: ReturnType<typeof createVirtualClock>): void {
  const { market } = account;
  clock.advance(61_000);
  switch (op.kind) {
    case 'deposit':
      account.deposit(op.asset, dec(String(op.units)).div(7).toDecimalPlaces(market.asset(op.asset).decimals, 1).plus('0.0001'));
      return;
    case 'withdraw':
      account.withdraw(op.asset, portion(account.available(op.asset), op.share, market.asset(op.asset).decimals));
      return;
    case 'market':
    case 'limit': {
      const pair = market.pair(op.pair);
      const quote = market.quote(op.pair);
      const available = account.available(op.side === 'buy' ? pair.quote : pair.base);
      const volume = op.side === 'buy' ? available.div(quote.ask) : available;
      const price = op.kind === 'limit' ? quote.bid.times(1 + op.offset / 100).toDecimalPlaces(pair.pair_decimals) : undefined;
      const request = parseOrderRequest(
        {
          pair: op.pair,
          type: op.side,
          ordertype: op.kind,
          volume: portion(volume, op.share, pair.lot_decimals).toFixed(),
          ...(price ? { price: price.toFixed() } : {}),
          ...(op.kind === 'market' && op.feeInBase ? { oflags: 'fcib' } : {}),
        },
        market,
        account.settings,
      );
      placeOrder(account, request);
      return;
    }
    case 'cancel': {
      const open = [...account.openOrders.keys()];
      if (open.length > 0) cancelOrders(account, { txid: open[op.pick % open.length] });
      return;
    }
    case 'move': {
      const quote = market.quote(op.pair);
      const decimals = market.pair(op.pair).pair_decimals;
      const bid = quote.bid.times(1 + op.percent / 100).toDecimalPlaces(decimals);
      market.setPrice(op.pair, { bid, ask: bid.plus(quote.ask.minus(quote.bid)) });
      fillCrossedOrders(account, op.pair);
      return;
    }
    case 'earn':
      account.earn('DOT', portion(account.available(op.back ? 'DOT.F' : 'DOT'), op.share, 10), op.back ? 'from-earn' : 'to-earn');
      return;
    case 'sweep':
      clock.advance(op.waitHours * 3_600_000);
      convertSmallBalances(account, op.target);
      return;
  }
}

/** Replays the ledger as a client sees it (wire strings) and compares with the balances a client sees. */
function checkBooks(account: SimAccount): void {
  const running = new Map<string, Dec>();
  for (const entry of account.ledger.all()) {
    const wire = ledgerWire(entry, account.market) as { asset: string; amount: string; fee: string; balance: string };
    const expected = (running.get(wire.asset) ?? ZERO).plus(dec(wire.amount)).minus(dec(wire.fee));
    expect(wire.balance).toBe(account.market.format(wire.asset, expected));
    running.set(wire.asset, expected);
  }
  for (const [asset, balance] of Object.entries(account.balances())) {
    expect(balance).toBe(account.market.format(asset, running.get(asset) ?? ZERO));
    expect(dec(balance).isNegative()).toBe(false);
    expect(account.available(asset).isNegative()).toBe(false);
  }
}

describe('the account under random activity', () => {
  it('keeps every ledger running balance in agreement with the balances', () => {
    const scenario = makeTestScenario();
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 1000 }), (ops, seed) => {
        const clock = createVirtualClock(CLOCK_START);
        const account = new SimAccount({
          scenario,
          clock,
          settings: resolveSettings({ seed, sweepFeeLeg: 'random' }),
          anchorToClock: true,
        });
        for (const op of ops) {
          try {
            apply(account, op, clock);
          } catch (error) {
            if (!(error instanceof KrakenError) && !(error instanceof Error && error.name === 'SweepRefused')) throw error;
          }
        }
        checkBooks(account);
      }),
      { numRuns: 150 },
    );
  });
});
