// A small, exact account for the simulator's tests: round prices, one dust balance per price route, and a ledger
// built from a list of movements so its running balances always agree with its balances.
import { dec, ZERO, type Dec } from '../../../src-shared/money';
import { createIdGenerator } from './ids';
import { createRandom } from './random';
import { parseScenario, type Scenario, type ScenarioInput, type ScenarioKey } from './scenario';

/** The scenario's history ends here; the simulator anchors it to the test clock's start. */
export const FIXTURE_NOW = 1_790_000_000;
export const CLOCK_START = Date.UTC(2026, 10, 1);

const secret = (n: number): string => Buffer.alloc(64, n).toString('base64');
const key = (name: string, n: number, rest: Partial<ScenarioKey> & Pick<ScenarioKey, 'permissions'>): ScenarioKey => ({
  name,
  key: `${name}-api-key-${'x'.repeat(40)}`.slice(0, 56),
  secret: secret(n),
  tier: 'starter',
  nonceWindow: 0,
  ...rest,
});

const ALL: ScenarioKey['permissions'] = [
  'query-funds',
  'query-open-trades',
  'query-closed-trades',
  'query-ledger',
  'modify-trades',
  'close-trades',
];

export const testKeys = {
  trader: key('trader', 1, { permissions: ALL }),
  reader: key('reader', 2, { permissions: ['query-open-trades', 'query-closed-trades', 'query-ledger'] }),
  closer: key('closer', 3, { permissions: ['query-open-trades', 'close-trades'] }),
  bare: key('bare', 4, { permissions: [] }),
  otp: key('otp', 5, { permissions: ALL, otp: '246810' }),
  windowed: key('windowed', 6, { permissions: ALL, nonceWindow: 1000 }),
  pro: key('pro', 7, { permissions: ALL, tier: 'pro' }),
} satisfies Record<string, ScenarioKey>;

export interface Movement {
  asset: string;
  amount: string;
  fee?: string;
  type?: string;
  subtype?: string;
  refid?: string;
}

/** Spot balances with their USD worth at the fixture's bids (see tickers below). */
export const FIXTURE_FUNDING: Movement[] = [
  { asset: 'ZUSD', amount: '10000' },
  { asset: 'ZEUR', amount: '500' },
  { asset: 'XXBT', amount: '0.5' },
  { asset: 'XETH', amount: '2' },
  { asset: 'ADA', amount: '1.5' }, // 0.675 USD direct
  { asset: 'DOT', amount: '0.1' }, // 0.32 USD direct
  { asset: 'DOT.F', amount: '20' }, // earn, never swept
  { asset: 'XXDG', amount: '3' }, // 0.48 USD direct
  { asset: 'KAVA', amount: '2' }, // 0.9 USD via XBT
  { asset: 'ACA', amount: '20' }, // 0.6048 USD via EUR
  { asset: 'TKN', amount: '1' }, // 0.50005 USD via USDT
  { asset: 'USDT', amount: '0.25' }, // 0.250025 USD direct
  { asset: 'LUNA', amount: '5' }, // no price route
  { asset: 'XETC', amount: '0.2' }, // 3 USD: above the threshold, below ordermin 0.5
];

const asset = (altname: string, decimals: number, display: number) => ({ altname, decimals, display_decimals: display });
const pair = (altname: string, base: string, quote: string, pairDecimals: number, ordermin: string, costmin = '0.5') => ({
  altname,
  base,
  quote,
  pair_decimals: pairDecimals,
  lot_decimals: 8,
  ordermin,
  costmin,
  tick_size: dec('1').div(dec('10').pow(pairDecimals)).toFixed(),
  fees: [
    [0, 0.4],
    [10000, 0.35],
  ] as [number, number][],
  fees_maker: [
    [0, 0.25],
    [10000, 0.2],
  ] as [number, number][],
});
const ticker = (bid: string, ask: string) => ({
  a: [ask, '1', '1.000'] as [string, string, string],
  b: [bid, '1', '1.000'] as [string, string, string],
  c: [bid, '0.1'] as [string, string],
  o: bid,
});

/** Builds the fixture: funding deposits, then `extra` movements, one hour apart, ending at FIXTURE_NOW. */
export function makeTestScenarioInput(extra: Movement[] = []): ScenarioInput {
  const movements = [...FIXTURE_FUNDING, ...extra];
  const ids = createIdGenerator(createRandom(99));
  const running = new Map<string, Dec>();
  const ledger = movements.map((m, index) => {
    const before = running.get(m.asset) ?? ZERO;
    const balance = before.plus(dec(m.amount)).minus(dec(m.fee ?? '0'));
    running.set(m.asset, balance);
    return {
      id: ids.ledgerId(),
      refid: m.refid ?? ids.groupRefid('funding'),
      time: String(FIXTURE_NOW - (movements.length - index) * 3600),
      type: m.type ?? (dec(m.amount).isNegative() ? 'withdrawal' : 'deposit'),
      subtype: m.subtype ?? '',
      aclass: 'currency',
      asset: m.asset,
      amount: m.amount,
      fee: m.fee ?? '0',
      balance: balance.toFixed(),
    };
  });
  return {
    name: 'test',
    now: String(FIXTURE_NOW),
    keys: Object.values(testKeys),
    assets: {
      ZUSD: asset('USD', 4, 2),
      ZEUR: asset('EUR', 4, 2),
      USDT: asset('USDT', 8, 4),
      XXBT: asset('XBT', 10, 5),
      XETH: asset('ETH', 10, 5),
      ADA: asset('ADA', 8, 6),
      DOT: asset('DOT', 10, 8),
      XXDG: asset('XDG', 8, 2),
      KAVA: asset('KAVA', 8, 4),
      ACA: asset('ACA', 10, 5),
      TKN: asset('TKN', 8, 4),
      LUNA: asset('LUNA', 8, 5),
      XETC: asset('ETC', 10, 5),
    },
    pairs: {
      XXBTZUSD: pair('XBTUSD', 'XXBT', 'ZUSD', 1, '0.00005'),
      XETHZUSD: pair('ETHUSD', 'XETH', 'ZUSD', 2, '0.002'),
      XETHXXBT: pair('ETHXBT', 'XETH', 'XXBT', 5, '0.002', '0.00002'),
      ADAUSD: pair('ADAUSD', 'ADA', 'ZUSD', 6, '10'),
      DOTUSD: pair('DOTUSD', 'DOT', 'ZUSD', 4, '1'),
      XDGUSD: pair('XDGUSD', 'XXDG', 'ZUSD', 7, '50'),
      KAVAXBT: pair('KAVAXBT', 'KAVA', 'XXBT', 8, '10', '0.00001'),
      ACAEUR: pair('ACAEUR', 'ACA', 'ZEUR', 5, '12000', '0.45'),
      ZEURZUSD: pair('EURUSD', 'ZEUR', 'ZUSD', 5, '0.5'),
      TKNUSDT: pair('TKNUSDT', 'TKN', 'USDT', 4, '5'),
      USDTZUSD: pair('USDTUSD', 'USDT', 'ZUSD', 4, '5'),
      XETCZUSD: pair('ETCUSD', 'XETC', 'ZUSD', 3, '0.5'),
    },
    tickers: {
      XXBTZUSD: ticker('90000.0', '90010.0'),
      XETHZUSD: ticker('3100.00', '3100.50'),
      XETHXXBT: ticker('0.03444', '0.03446'),
      ADAUSD: ticker('0.450000', '0.450100'),
      DOTUSD: ticker('3.2000', '3.2010'),
      XDGUSD: ticker('0.1600000', '0.1600100'),
      KAVAXBT: ticker('0.00000500', '0.00000510'),
      ACAEUR: ticker('0.02800', '0.02810'),
      ZEURZUSD: ticker('1.08000', '1.08010'),
      TKNUSDT: ticker('0.5000', '0.5010'),
      USDTZUSD: ticker('1.0001', '1.0002'),
      XETCZUSD: ticker('15.000', '15.010'),
    },
    balances: Object.fromEntries([...running].map(([name, balance]) => [name, balance.toFixed()])),
    ledger,
  };
}

export function makeTestScenario(extra: Movement[] = []): Scenario {
  return parseScenario(makeTestScenarioInput(extra));
}
