// The demo account's story: a year of an OC9 bot on Kraken, played through the simulator's own engine so every
// trade, fee, reward, transfer and sweep is booked exactly as the simulator books it. Deterministic (seeded):
// make-demo.ts writes it to demo.json, and a test checks the committed file still matches it.
import { D, dec, type Dec } from '../../../../src-shared/money';
import { createVirtualClock } from '../../../../src-shared/clock';
import { SimAccount } from '../account';
import { convertSmallBalances } from '../convert-small-balances';
import { KrakenError } from '../kraken-error';
import type { Market, PairInfo } from '../market';
import type { Side } from '../order-records';
import { placeOrder } from '../orders';
import { usdValue } from '../small-balance-value';
import { createRandom } from '../random';
import { parseScenario, type ScenarioInput } from '../scenario';
import { exportScenario } from '../scenario-export';
import { resolveSettings } from '../simulator-settings';
import { demoKeys } from './demo-keys';

const DAY = 86_400;
const DAYS = 365;
/** The history ends here (unix seconds); the simulator re-anchors it to its clock when it loads. */
const END = Date.UTC(2026, 9, 31, 18, 0, 0) / 1000;
const START = END - DAYS * DAY;
/** The story's own dice, re-seeded for every build so the result never depends on what ran before. */
let story = createRandom(2026);

type AssetSpec = [id: string, altname: string, decimals: number, displayDecimals: number];
const ASSETS: AssetSpec[] = [
  ['ZUSD', 'USD', 4, 2],
  ['ZEUR', 'EUR', 4, 2],
  ['ZGBP', 'GBP', 4, 2],
  ['ZCAD', 'CAD', 4, 2],
  ['ZAUD', 'AUD', 4, 2],
  ['ZCHF', 'CHF', 4, 2],
  ['ZJPY', 'JPY', 2, 0],
  ['USDT', 'USDT', 8, 4],
  ['USDC', 'USDC', 8, 4],
  ['XXBT', 'XBT', 10, 5],
  ['XETH', 'ETH', 10, 5],
  ['SOL', 'SOL', 10, 5],
  ['ADA', 'ADA', 8, 6],
  ['DOT', 'DOT', 10, 8],
  ['XXDG', 'XDG', 8, 2],
  ['XXRP', 'XRP', 8, 5],
  ['XLTC', 'LTC', 10, 5],
  ['LINK', 'LINK', 10, 5],
  ['ATOM', 'ATOM', 8, 6],
  ['POL', 'POL', 10, 5],
  ['TRX', 'TRX', 8, 6],
  ['XXLM', 'XLM', 8, 5],
  ['ALGO', 'ALGO', 8, 5],
  ['XTZ', 'XTZ', 8, 6],
  ['XETC', 'ETC', 10, 5],
  ['ACA', 'ACA', 10, 5],
  ['LUNA', 'LUNA', 8, 5],
  ['DOT.F', 'DOT.F', 10, 8],
  ['BCH', 'BCH', 10, 5],
  ['AVAX', 'AVAX', 10, 5],
];

/** Today's USD price of each priced asset (LUNA has no pair: it stays unpriced). */
const FINAL_USD: Record<string, string> = {
  ZUSD: '1',
  ZEUR: '1.08',
  ZGBP: '1.27',
  ZCAD: '0.7246',
  ZAUD: '0.66',
  ZCHF: '1.136',
  ZJPY: '0.006579',
  USDT: '1.0002',
  USDC: '0.9999',
  XXBT: '90000',
  XETH: '3100',
  SOL: '140',
  ADA: '0.45',
  DOT: '3.2',
  XXDG: '0.16',
  XXRP: '2.2',
  XLTC: '95',
  LINK: '14',
  ATOM: '3.1',
  POL: '0.18',
  TRX: '0.29',
  XXLM: '0.26',
  ALGO: '0.14',
  XTZ: '0.55',
  XETC: '15',
  ACA: '0.03024',
  BCH: '480',
  AVAX: '25',
};
const STABLE = new Set(['ZUSD', 'USDT', 'USDC']);
const FIAT = new Set(['ZEUR', 'ZGBP', 'ZCAD', 'ZAUD', 'ZCHF', 'ZJPY']);

type PairSpec = [id: string, altname: string, base: string, quote: string, pairDecimals: number, ordermin: string, costmin: string];
const PAIRS: PairSpec[] = [
  ['XXBTZUSD', 'XBTUSD', 'XXBT', 'ZUSD', 1, '0.00005', '0.5'],
  ['XXBTZEUR', 'XBTEUR', 'XXBT', 'ZEUR', 1, '0.00005', '0.5'],
  ['XETHZUSD', 'ETHUSD', 'XETH', 'ZUSD', 2, '0.002', '0.5'],
  ['XETHZEUR', 'ETHEUR', 'XETH', 'ZEUR', 2, '0.002', '0.5'],
  ['XETHXXBT', 'ETHXBT', 'XETH', 'XXBT', 5, '0.002', '0.00002'],
  ['SOLUSD', 'SOLUSD', 'SOL', 'ZUSD', 2, '0.06', '0.5'],
  ['SOLEUR', 'SOLEUR', 'SOL', 'ZEUR', 2, '0.06', '0.5'],
  ['ADAUSD', 'ADAUSD', 'ADA', 'ZUSD', 6, '10', '0.5'],
  ['DOTUSD', 'DOTUSD', 'DOT', 'ZUSD', 4, '1', '0.5'],
  ['XDGUSD', 'XDGUSD', 'XXDG', 'ZUSD', 7, '50', '0.5'],
  ['XXRPZUSD', 'XRPUSD', 'XXRP', 'ZUSD', 5, '2', '0.5'],
  ['XLTCZUSD', 'LTCUSD', 'XLTC', 'ZUSD', 2, '0.05', '0.5'],
  ['LINKUSD', 'LINKUSD', 'LINK', 'ZUSD', 5, '0.2', '0.5'],
  ['ATOMUSD', 'ATOMUSD', 'ATOM', 'ZUSD', 4, '0.5', '0.5'],
  ['POLUSD', 'POLUSD', 'POL', 'ZUSD', 4, '5', '0.5'],
  ['TRXUSD', 'TRXUSD', 'TRX', 'ZUSD', 6, '20', '0.5'],
  ['XXLMZUSD', 'XLMUSD', 'XXLM', 'ZUSD', 6, '10', '0.5'],
  ['ALGOUSD', 'ALGOUSD', 'ALGO', 'ZUSD', 5, '10', '0.5'],
  ['XTZUSD', 'XTZUSD', 'XTZ', 'ZUSD', 4, '1', '0.5'],
  ['XETCZUSD', 'ETCUSD', 'XETC', 'ZUSD', 3, '0.1', '0.5'],
  ['ACAEUR', 'ACAEUR', 'ACA', 'ZEUR', 5, '12000', '0.45'],
  ['BCHUSD', 'BCHUSD', 'BCH', 'ZUSD', 2, '0.01', '0.5'],
  ['AVAXUSD', 'AVAXUSD', 'AVAX', 'ZUSD', 2, '0.1', '0.5'],
  ['ZEURZUSD', 'EURUSD', 'ZEUR', 'ZUSD', 5, '0.5', '0.5'],
  ['ZGBPZUSD', 'GBPUSD', 'ZGBP', 'ZUSD', 5, '0.5', '0.5'],
  ['ZUSDZCAD', 'USDCAD', 'ZUSD', 'ZCAD', 5, '0.5', '0.5'],
  ['AUDUSD', 'AUDUSD', 'ZAUD', 'ZUSD', 5, '0.5', '0.5'],
  ['USDCHF', 'USDCHF', 'ZUSD', 'ZCHF', 5, '0.5', '0.5'],
  ['ZUSDZJPY', 'USDJPY', 'ZUSD', 'ZJPY', 3, '0.5', '0.5'],
  ['USDTZUSD', 'USDTUSD', 'USDT', 'ZUSD', 4, '5', '0.5'],
  ['USDCUSD', 'USDCUSD', 'USDC', 'ZUSD', 4, '5', '0.5'],
];
const TAKER: [number, number][] = [
  [0, 0.4],
  [10000, 0.35],
  [50000, 0.24],
  [100000, 0.22],
  [250000, 0.2],
];
const MAKER: [number, number][] = [
  [0, 0.25],
  [10000, 0.2],
  [50000, 0.14],
  [100000, 0.12],
  [250000, 0.1],
];

/** Daily USD prices per asset: a seeded random walk pinned (as a Brownian bridge) to a start within ±15 % of
 * today's price and to exactly today's price at the end. */
function pricePaths(): Map<string, Dec[]> {
  const paths = new Map<string, Dec[]>();
  for (const [asset, final] of Object.entries(FINAL_USD)) {
    const volatility = STABLE.has(asset) ? 0.0004 : FIAT.has(asset) ? 0.003 : 0.025;
    const walk = [0];
    for (let day = 1; day <= DAYS; day += 1) {
      const shock = (story.next() + story.next() + story.next() - 1.5) * 2 * volatility;
      walk.push((walk.at(-1) ?? 0) + shock);
    }
    const startLog = Math.log(0.85 + 0.3 * story.next());
    const end = walk[DAYS] ?? 0;
    const path = walk.map((w, day) => {
      const share = day / DAYS;
      const factor = Math.exp(startLog * (1 - share) + w - share * end);
      return dec(final).times(new D(factor.toFixed(12)));
    });
    paths.set(asset, path);
  }
  return paths;
}

function pairPrice(paths: Map<string, Dec[]>, pair: PairSpec, day: number): Dec {
  const [, , base, quote, decimals] = pair;
  const usd = (asset: string): Dec => paths.get(asset)?.[day] ?? dec('1');
  return usd(base).div(usd(quote)).toDecimalPlaces(decimals);
}

function quoteAround(price: Dec, decimals: number): { bid: Dec; ask: Dec } {
  const tick = new D(1).div(new D(10).pow(decimals));
  const half = D.max(tick, price.times('0.0001').toDecimalPlaces(decimals));
  return { bid: price.minus(half), ask: price.plus(half) };
}

function baseScenario(paths: Map<string, Dec[]>): ScenarioInput {
  const tickers: ScenarioInput['tickers'] = {};
  for (const pair of PAIRS) {
    const { bid, ask } = quoteAround(pairPrice(paths, pair, 0), pair[4]);
    const p = (value: Dec): string => value.toFixed(pair[4]);
    tickers[pair[0]] = { a: [p(ask), '1', '1.000'], b: [p(bid), '1', '1.000'], c: [p(bid), '0.1'], o: p(bid) };
  }
  return {
    name: 'demo',
    now: String(START),
    keys: Object.values(demoKeys).map((key) => ({ ...key, permissions: [...key.permissions] })),
    assets: Object.fromEntries(ASSETS.map(([id, altname, decimals, display]) => [id, { altname, decimals, display_decimals: display }])),
    pairs: Object.fromEntries(
      PAIRS.map(([id, altname, base, quote, pairDecimals, ordermin, costmin]) => [
        id,
        {
          altname,
          base,
          quote,
          pair_decimals: pairDecimals,
          cost_decimals: pairDecimals + 4,
          lot_decimals: 8,
          ordermin,
          costmin,
          tick_size: new D(1).div(new D(10).pow(pairDecimals)).toFixed(),
          fees: TAKER,
          fees_maker: MAKER,
        },
      ]),
    ),
    tickers,
    balances: {},
  };
}

class Story {
  readonly account: SimAccount;
  private readonly clock = createVirtualClock(START * 1000);

  constructor(
    scenario: ScenarioInput,
    private readonly paths: Map<string, Dec[]>,
  ) {
    this.account = new SimAccount({
      scenario: parseScenario(scenario),
      clock: this.clock,
      settings: resolveSettings({ seed: 7 }),
      anchorToClock: false,
    });
  }

  get market(): Market {
    return this.account.market;
  }

  /** Moves to a moment of a day (0 ≤ fraction < 1) and sets that day's prices. */
  at(day: number, fraction: number): void {
    const target = (START + day * DAY + Math.floor(fraction * DAY) + story.int(60)) * 1000 + story.int(10_000) / 10;
    this.clock.advance(Math.max(target - this.clock.now(), 1000 + story.int(90_000)));
    for (const pair of PAIRS) this.market.setPrice(pair[0], quoteAround(pairPrice(this.paths, pair, day), pair[4]));
  }

  order(pairId: string, side: Side, volume: string, options: { feeInBase?: boolean; limitAtTouch?: boolean } = {}): boolean {
    const pair = this.market.pair(pairId);
    const quote = this.market.quote(pairId);
    try {
      placeOrder(this.account, {
        pair,
        side,
        ordertype: options.limitAtTouch ? 'limit' : 'market',
        price: options.limitAtTouch ? (side === 'buy' ? quote.ask : quote.bid) : undefined,
        volume: dec(volume),
        volumeInQuote: false,
        postOnly: false,
        feeInBase: options.feeInBase ?? false,
        oflags: options.feeInBase ? ['fcib'] : [],
        validate: false,
      });
      return true;
    } catch (error) {
      if (error instanceof KrakenError) return false;
      throw error;
    }
  }

  /** Sells all but `keep` of an asset: how exit leftovers are born. */
  sellAllBut(pairId: string, keep: string): void {
    const pair = this.market.pair(pairId);
    const volume = this.account.available(pair.base).minus(dec(keep));
    if (!this.order(pairId, 'sell', volume.toFixed())) throw new Error(`could not exit ${pairId}`);
  }

  usd(asset: string, amount: Dec): Dec | undefined {
    return usdValue(this.market, asset, amount);
  }
}

/** The bot keeps BTC, ETH and SOL near target values, trading a few times a day. */
function botDay(s: Story, day: number): void {
  const targets: [pair: string, eurPair: string, usd: number, decimals: number][] = [
    ['XXBTZUSD', 'XXBTZEUR', 38_000, 5],
    ['XETHZUSD', 'XETHZEUR', 12_000, 3],
    ['SOLUSD', 'SOLEUR', 7_000, 2],
  ];
  const trades = 2 + story.int(3);
  for (let i = 0; i < trades; i += 1) {
    s.at(day, (i + 1 + story.next() * 0.8) / (trades + 2));
    const [usdPair, eurPair, target, decimals] = story.pick(targets);
    const pair: PairInfo = s.market.pair(story.next() < 0.1 ? eurPair : usdPair);
    const held = s.usd(pair.base, s.account.balance(pair.base)) ?? dec('0');
    const ratio = held.div(target);
    const side: Side = ratio.lt(0.9) ? 'buy' : ratio.gt(1.1) ? 'sell' : story.next() < 0.5 ? 'buy' : 'sell';
    const price = s.market.quote(pair.id).bid;
    const usdSize = new D(target).times(0.01 + story.next() * 0.03);
    const usdPerQuote = s.usd(pair.quote, dec('1')) ?? dec('1');
    const volume = usdSize.div(usdPerQuote).div(price).toDecimalPlaces(decimals);
    s.order(pair.id, side, volume.toFixed(), { limitAtTouch: story.next() < 0.3 });
  }
}

function playYear(s: Story): void {
  const a = s.account;
  const weekly = (from: number, to: number, run: (day: number) => void): void => {
    for (let day = from; day <= to; day += 7) run(day);
  };
  const events = new Map<number, (() => void)[]>();
  const on = (day: number, run: () => void): void => {
    events.set(day, [...(events.get(day) ?? []), run]);
  };

  on(0, () => {
    s.at(0, 0.1);
    a.deposit('ZUSD', dec('60000'));
    s.at(0, 0.15);
    a.deposit('ZEUR', dec('12000'));
    s.at(0, 0.3);
    s.order('XXBTZUSD', 'buy', '0.35');
    s.at(0, 0.4);
    s.order('XETHZUSD', 'buy', '3.8');
    s.at(0, 0.5);
    s.order('SOLUSD', 'buy', '50');
  });
  for (let day = 15; day < DAYS; day += 30) {
    on(day, () => {
      s.at(day, 0.05);
      a.deposit('ZUSD', dec('2500'));
    });
  }
  on(10, () => {
    s.at(10, 0.7);
    s.order('DOTUSD', 'buy', '60');
  });
  on(11, () => {
    s.at(11, 0.2);
    a.earn('DOT', a.available('DOT'), 'to-earn');
  });
  weekly(18, DAYS - 1, (day) =>
    on(day, () => {
      s.at(day, 0.01);
      a.reward('DOT.F', dec('0.1384').plus(dec(String(story.int(100))).div(100_000)));
    }),
  );
  on(20, () => {
    s.at(20, 0.6);
    s.order('XTZUSD', 'buy', '40');
  });
  on(140, () => {
    s.at(140, 0.6);
    s.sellAllBut('XTZUSD', '0.1');
  });
  on(50, () => {
    s.at(50, 0.6);
    s.order('XETCZUSD', 'buy', '3');
  });
  on(160, () => {
    s.at(160, 0.6);
    s.sellAllBut('XETCZUSD', '0.02');
  });
  on(60, () => {
    s.at(60, 0.6);
    s.order('TRXUSD', 'buy', '1000');
  });
  on(125, () => {
    s.at(125, 0.6);
    s.sellAllBut('TRXUSD', '3');
  });
  on(130, () => {
    s.at(130, 0.8);
    a.settings.sweepFeeLeg = 'spend';
    convertSmallBalances(a, 'ZEUR');
  });
  on(40, () => {
    s.at(40, 0.6);
    s.order('ATOMUSD', 'buy', '50');
  });
  weekly(47, 299, (day) =>
    on(day, () => {
      s.at(day, 0.02);
      a.reward('ATOM', dec('0.0481'));
    }),
  );
  on(300, () => {
    s.at(300, 0.5);
    s.order('ATOMUSD', 'sell', a.available('ATOM').toDecimalPlaces(2, D.ROUND_DOWN).toFixed());
  });
  weekly(307, 328, (day) =>
    on(day, () => {
      s.at(day, 0.02);
      a.reward('ATOM', dec('0.0179'));
    }),
  );
  on(70, () => {
    s.at(70, 0.6);
    s.order('ALGOUSD', 'buy', '1500');
  });
  weekly(77, 304, (day) =>
    on(day, () => {
      s.at(day, 0.03);
      a.reward('ALGO', dec('0.91'));
    }),
  );
  on(305, () => {
    s.at(305, 0.5);
    s.order('ALGOUSD', 'sell', a.available('ALGO').toDecimalPlaces(0, D.ROUND_DOWN).toFixed());
  });
  weekly(312, 319, (day) =>
    on(day, () => {
      s.at(day, 0.03);
      a.reward('ALGO', dec('0.12'));
    }),
  );
  on(100, () => {
    s.at(100, 0.3);
    a.withdraw('XXBT', dec('0.05'), dec('0.00002'));
  });
  on(180, () => {
    s.at(180, 0.4);
    a.book('funding', [{ asset: 'LUNA', amount: dec('12.34567891'), type: 'transfer', subtype: 'airdrop' }]);
  });
  on(210, () => {
    s.at(210, 0.4);
    a.adjust('ZUSD', dec('0.0100'));
  });
  on(250, () => {
    s.at(250, 0.3);
    a.withdraw('ZUSD', dec('1500'), dec('5'));
  });
  on(290, () => {
    s.at(290, 0.8);
    a.settings.sweepFeeLeg = 'receive';
    convertSmallBalances(a, 'ZUSD');
  });
  on(320, () => {
    s.at(320, 0.3);
    a.withdraw('XETH', dec('0.5'), dec('0.0015'));
  });
  const exits: [pair: string, buyDay: number, buy: string, sellDay: number, keep: string, feeInBase?: boolean][] = [
    ['ADAUSD', 295, '1200', 340, '0.61234567'],
    ['XDGUSD', 296, '3000', 345, '2.41', true],
    ['XLTCZUSD', 297, '2.5', 341, '0.0041'],
    ['LINKUSD', 298, '12', 342, '0.0675'],
    ['XXRPZUSD', 299, '150', 343, '0.463'],
    ['POLUSD', 300, '600', 344, '1.234'],
    ['XXLMZUSD', 301, '250', 346, '1.1'],
    ['USDTZUSD', 302, '200', 347, '0.3127'],
    ['TRXUSD', 303, '400', 348, '1.0', true],
    ['ACAEUR', 305, '12085', 330, '85'],
    ['BCHUSD', 306, '0.8', 349, '0.0007'],
    ['AVAXUSD', 307, '20', 351, '0.012'],
  ];
  for (const [pair, buyDay, buy, sellDay, keep, feeInBase] of exits) {
    on(buyDay, () => {
      s.at(buyDay, 0.55);
      if (!s.order(pair, 'buy', buy, { feeInBase })) throw new Error(`could not buy ${pair}`);
    });
    on(sellDay, () => {
      s.at(sellDay, 0.55);
      s.sellAllBut(pair, keep);
    });
  }
  on(350, () => {
    s.at(350, 0.02);
    a.reward('DOT', dec('0.0231'));
  });
  on(362, () => {
    s.at(362, 0.6);
    placeOrder(a, {
      pair: s.market.pair('LINKUSD'),
      side: 'buy',
      ordertype: 'limit',
      price: dec('12.00000'),
      volume: dec('1'),
      volumeInQuote: false,
      postOnly: false,
      feeInBase: false,
      oflags: [],
      cl_ord_id: 'oc9-link-accum',
      validate: false,
    });
  });

  // the last days: two exits leave balances an order can still sell (above the pair's minimums, a few USD each)
  for (const [pair, buy, keep] of [
    ['XTZUSD', '30', '9.43'],
    ['XETCZUSD', '2', '0.31'],
  ] as const) {
    on(DAYS - 2, () => {
      s.at(DAYS - 2, 0.55);
      if (!s.order(pair, 'buy', buy)) throw new Error(`could not buy ${pair}`);
    });
    on(DAYS - 1, () => {
      s.at(DAYS - 1, 0.55);
      s.sellAllBut(pair, keep);
    });
  }

  for (let day = 0; day < DAYS; day += 1) {
    for (const run of events.get(day) ?? []) run();
    botDay(s, day);
  }
}

/** Today's prices are the walk's end; yesterday's close becomes today's open, so a 24 h change shows. */
function finishTickers(s: Story, paths: Map<string, Dec[]>): void {
  s.at(DAYS - 1, 0.99);
  for (const pair of PAIRS) {
    const decimals = pair[4];
    const open = pairPrice(paths, pair, DAYS - 1);
    const last = pairPrice(paths, pair, DAYS);
    const { bid, ask } = quoteAround(last, decimals);
    const [low, high] = [D.min(open, bid), D.max(open, ask)];
    s.market.updateQuote(pair[0], {
      bid,
      ask,
      last,
      open,
      v: [String(100 + story.int(5000)), String(5000 + story.int(20000))],
      p: [last.toFixed(decimals), open.plus(last).div(2).toFixed(decimals)],
      t: [1000 + story.int(20000), 20000 + story.int(40000)],
      l: [low.times('0.992').toDecimalPlaces(decimals), low.times('0.98').toDecimalPlaces(decimals)],
      h: [high.times('1.008').toDecimalPlaces(decimals), high.times('1.02').toDecimalPlaces(decimals)],
    });
  }
}

/** The demo must show every case the app handles; a change that loses one fails here, not in the app. */
function checkStory(s: Story): void {
  const a = s.account;
  const problems: string[] = [];
  const value = (asset: string): Dec | undefined => s.usd(asset, a.balance(asset));
  const dust = ['ADA', 'DOT', 'XXDG', 'XLTC', 'ATOM', 'POL', 'TRX', 'XXLM', 'ALGO', 'USDT', 'BCH', 'AVAX'];
  for (const asset of dust) {
    const usd = value(asset);
    if (!usd || !usd.gt(0) || !usd.lt('0.9')) problems.push(`${asset} should be dust, is worth ${usd?.toFixed(4)} USD`);
  }
  for (const asset of ['LINK', 'XXRP']) {
    const usd = value(asset);
    if (!usd || usd.minus(1).abs().gt('0.1')) problems.push(`${asset} should be borderline, is worth ${usd?.toFixed(4)} USD`);
  }
  const aca = value('ACA');
  if (!aca || aca.lt(2) || aca.gt(3) || !a.balance('ACA').lt(s.market.pair('ACAEUR').ordermin)) {
    problems.push(`ACA should be stranded (2-3 USD, below ordermin), is worth ${aca?.toFixed(4)} USD`);
  }
  for (const [asset, pairId] of [
    ['XTZ', 'XTZUSD'],
    ['XETC', 'XETCZUSD'],
  ] as const) {
    const usd = value(asset);
    const pair = s.market.pair(pairId);
    if (!usd || usd.lt(2) || usd.gt(8) || a.balance(asset).lt(pair.ordermin)) {
      problems.push(`${asset} should be sellable (2-8 USD, above ordermin), is worth ${usd?.toFixed(4)} USD`);
    }
  }
  if (value('LUNA') !== undefined || a.balance('LUNA').isZero()) problems.push('LUNA should be held and unpriced');
  if (a.balance('DOT.F').lt(10)) problems.push('DOT.F should hold the earn balance');
  for (const asset of ['XXBT', 'XETH', 'SOL', 'ZUSD', 'ZEUR']) {
    if (!(value(asset) ?? dec('0')).gt(1000)) problems.push(`${asset} should be a main holding`);
  }
  if (a.openOrders.size !== 1) problems.push('there should be one open order');
  if (a.ledger.all().length < 2000) problems.push(`only ${a.ledger.all().length} ledger entries`);
  if (problems.length > 0) throw new Error(`the demo story went wrong:\n- ${problems.join('\n- ')}`);
}

/** One record per line, so the file diffs and reads well. */
export function serializeScenario(scenario: ScenarioInput): string {
  const lines = Object.entries(scenario).map(([name, value]) => {
    if (Array.isArray(value)) {
      const items = value.map((item) => `    ${JSON.stringify(item)}`).join(',\n');
      return `  ${JSON.stringify(name)}: [\n${items}\n  ]`;
    }
    if (typeof value === 'object' && value !== null) {
      const items = Object.entries(value)
        .map(([key, item]) => `    ${JSON.stringify(key)}: ${JSON.stringify(item)}`)
        .join(',\n');
      return `  ${JSON.stringify(name)}: {\n${items}\n  }`;
    }
    return `  ${JSON.stringify(name)}: ${JSON.stringify(value)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

export function buildDemoScenario(): ScenarioInput {
  story = createRandom(2026);
  const paths = pricePaths();
  const s = new Story(baseScenario(paths), paths);
  playYear(s);
  finishTickers(s, paths);
  checkStory(s);
  const keys = Object.values(demoKeys).map((key) => ({ ...key, permissions: [...key.permissions] }));
  const scenario = exportScenario(s.account, { name: 'demo', keys });
  parseScenario(scenario);
  return scenario;
}
