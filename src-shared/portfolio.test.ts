import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildAssetCatalog, type KrakenAssetInfo } from './assets';
import { dec, sum, toWire } from './money';
import { buildMarket, type TickerQuote, type TradingPair } from './pricing';
import { buildPortfolio, portfolioToWire, PortfolioWire, type BalanceExEntry, type PortfolioRow } from './portfolio';

const info = (altname: string, display = 5): KrakenAssetInfo => ({ altname, decimals: 10, display_decimals: display });
const catalog = buildAssetCatalog({
  XXBT: info('XBT'),
  XXDG: info('XDG', 2),
  XETH: info('ETH'),
  ZUSD: info('USD', 2),
  ZEUR: info('EUR', 2),
  ZJPY: info('JPY', 0),
  USDT: info('USDT', 4),
  ETH2: info('ETH2'),
  'ETH2.S': info('ETH2.S'),
  XYZ: info('XYZ', 8),
  LONELY: info('LONELY'),
});

const pair = (id: string, base: string, quote: string, ordermin = '0.0001', costmin = '0.5'): TradingPair => ({
  id,
  base,
  quote,
  ordermin,
  costmin,
  lot_decimals: 8,
  status: 'online',
});
const ticker = (bid: string, ask: string, last = bid, open = last): TickerQuote => ({ bid, ask, last, open });
const market = buildMarket(
  [
    pair('XXBTZUSD', 'XXBT', 'ZUSD', '0.00005'),
    pair('XXBTZEUR', 'XXBT', 'ZEUR', '0.00005'),
    pair('XDGUSD', 'XXDG', 'ZUSD', '50'),
    pair('XETHZUSD', 'XETH', 'ZUSD', '0.002'),
    pair('ZUSDZJPY', 'ZUSD', 'ZJPY', '5'),
    pair('ZEURZUSD', 'ZEUR', 'ZUSD', '5'),
    pair('USDTZUSD', 'USDT', 'ZUSD', '5'),
    pair('XYZXBT', 'XYZ', 'XXBT', '1000', '0.00002'),
    pair('ETH2.SETH', 'ETH2.S', 'XETH', '0.01', '0.0002'),
  ],
  {
    XXBTZUSD: ticker('80000', '80010', '80000', '78000'),
    XXBTZEUR: ticker('72000', '72010'),
    XDGUSD: ticker('0.1', '0.1001'),
    XETHZUSD: ticker('4000', '4001'),
    ZUSDZJPY: ticker('150', '160'),
    ZEURZUSD: ticker('1.1', '1.11'),
    USDTZUSD: ticker('1', '1.0001'),
    XYZXBT: ticker('0.0000001', '0.00000011'),
    'ETH2.SETH': ticker('0.99', '1'),
  },
);

const balances: Record<string, BalanceExEntry> = {
  XXBT: { balance: '0.5', hold_trade: '0.1' },
  'XBT.F': { balance: '0.01' },
  'ETH2.S': { balance: '2' },
  XETH: { balance: '0.0003' },
  XXDG: { balance: '3' },
  ZUSD: { balance: '1.05' },
  ZJPY: { balance: '100' },
  XYZ: { balance: '250' },
  LONELY: { balance: '7' },
  ZEUR: { balance: '0.0000' },
  USDT: { balance: '-2' },
};

const model = buildPortfolio({ balances, catalog, market, openOrderAssets: new Set(['ETH']) });
const row = (rows: readonly PortfolioRow[], name: string) => rows.find((r) => r.name === name)!;

describe('buildPortfolio', () => {
  it('gives one spot row per balance with display code, amounts and classification', () => {
    expect(model.spot.map((r) => r.code)).toEqual(['BTC', 'XYZ', 'ETH', 'USD', 'JPY', 'DOGE', 'LONELY']);
    const btc = row(model.spot, 'XXBT');
    expect({
      amount: toWire(btc.amount),
      available: toWire(btc.available),
      held: toWire(btc.held),
      value: toWire(btc.value!),
      change: toWire(btc.change24hPct!.toDecimalPlaces(4)),
    }).toEqual({ amount: '0.5', available: '0.4', held: '0.1', value: '40000', change: '2.5641' });
    expect(btc).toMatchObject({ class: 'sellable', inUse: true, sellPairId: 'XXBTZUSD', displayDecimals: 5 });
  });

  it('classifies against the USD line: dust, borderline, cross and inverted routes, unpriced', () => {
    expect(row(model.spot, 'XXDG')).toMatchObject({ class: 'sweepable', sweptByKraken: true });
    expect(toWire(row(model.spot, 'XXDG').estimatedProceeds!)).toBe('0.291');
    expect(row(model.spot, 'ZUSD')).toMatchObject({ class: 'borderline', sweptByKraken: false, estimatedProceeds: null });
    const jpy = row(model.spot, 'ZJPY');
    expect(jpy).toMatchObject({ class: 'sweepable', sweptByKraken: true });
    expect(jpy.route!.map((l) => l.pairId)).toEqual(['ZUSDZJPY']);
    expect(toWire(jpy.value!)).toBe('0.625');
    const xyz = row(model.spot, 'XYZ');
    expect(xyz.route!.map((l) => l.pairId)).toEqual(['XYZXBT', 'XXBTZUSD']);
    expect(xyz).toMatchObject({ class: 'stranded', sellPairId: null });
    expect(xyz.topUp).toMatchObject({ pairId: 'XYZXBT', pairName: 'XYZ/BTC' });
    // 750 would reach the minimum, but the buy itself must be an order the pair takes: 1000
    expect(toWire(xyz.topUp!.amount)).toBe('1000');
    expect(toWire(xyz.topUp!.value!)).toBe('8');
    expect(row(model.spot, 'LONELY')).toMatchObject({ class: 'unpriced', price: null, value: null, route: null });
  });

  it('strands 1.20 USD of ETH under every pair minimum and picks the cheapest top-up', () => {
    const eth = row(model.spot, 'XETH');
    expect(eth).toMatchObject({ class: 'stranded', sellPairId: null });
    expect(eth.topUp).toMatchObject({ pairId: 'XETHZUSD', pairName: 'ETH/USD' });
    expect(toWire(eth.topUp!.amount)).toBe('0.002');
    expect(toWire(eth.topUp!.value!)).toBe('8');
  });

  it('flags in-use assets named by altname or code', () => {
    expect(row(model.spot, 'XETH').inUse).toBe(true);
    expect(row(model.spot, 'XXDG').inUse).toBe(false);
  });

  it('keeps earn apart, valued through its own market or its base asset', () => {
    expect(model.earn.map((r) => [r.code, r.class, toWire(r.value!)])).toEqual([
      ['ETH2.S', 'earn', '7920'],
      ['BTC.F', 'earn', '800'],
    ]);
    expect(row(model.earn, 'ETH2.S').route!.map((l) => l.pairId)).toEqual(['ETH2.SETH', 'XETHZUSD']);
  });

  it('drops zero balances and shows negative ones apart, out of every sum', () => {
    expect([...model.spot, ...model.earn, ...model.anomalies].some((r) => r.name === 'ZEUR')).toBe(false);
    expect(model.anomalies.map((r) => [r.name, r.anomaly, r.value])).toEqual([['USDT', 'negative', null]]);
  });

  it('totals each row once, earn included once', () => {
    expect(toWire(model.totals.spot)).toBe('40005.175');
    expect(toWire(model.totals.earn)).toBe('8720');
    expect(toWire(model.totals.all)).toBe('48725.175');
    expect(model.totals.unvalued).toBe(1);
  });

  it('groups by class with counts, values and sweep proceeds', () => {
    const groups = Object.fromEntries(
      model.groups.map((g) => [g.class, [g.count, toWire(g.value), g.proceeds === null ? null : toWire(g.proceeds)]]),
    );
    expect(groups).toEqual({
      sweepable: [2, '0.925', '0.89725'],
      borderline: [1, '1.05', null],
      stranded: [2, '3.2', null],
      sellable: [1, '40000', null],
      unpriced: [1, '0', null],
      earn: [2, '8720', null],
    });
    expect([model.sweep.count, toWire(model.sweep.value), toWire(model.sweep.proceeds)]).toEqual([2, '0.925', '0.89725']);
  });

  it('shows values in another currency while still classifying against USD', () => {
    const eur = buildPortfolio({ balances, catalog, market, quote: 'EUR' });
    expect(eur.quote).toEqual({ assetId: 'ZEUR', code: 'EUR', displayDecimals: 2, decimals: 10 });
    expect(row(eur.spot, 'XXBT')).toMatchObject({ sellPairId: 'XXBTZEUR' });
    expect(toWire(row(eur.spot, 'XXBT').value!)).toBe('36000');
    // 3 DOGE: 0.30 USD, so sweepable; in EUR through USD at 1/1.11
    const doge = row(eur.spot, 'XXDG');
    expect(doge.class).toBe('sweepable');
    expect(doge.route!.map((l) => l.pairId)).toEqual(['XDGUSD', 'ZEURZUSD']);
    expect(row(eur.spot, 'ZUSD').class).toBe('borderline');
  });

  it('uses the settings for the threshold, band and fee', () => {
    const strict = buildPortfolio({ balances, catalog, market, settings: { threshold: '2', band: '0', sweepFee: '0.1' } });
    expect(row(strict.spot, 'ZUSD')).toMatchObject({ class: 'sweepable', sweptByKraken: true });
    expect(toWire(row(strict.spot, 'ZUSD').estimatedProceeds!)).toBe('0.945');
  });

  it('turns the model into strings the contract accepts', () => {
    const sent = portfolioToWire(model);
    expect(PortfolioWire.parse(sent)).toEqual(sent);
    const xyz = sent.spot.find((r) => r.name === 'XYZ')!;
    expect(xyz).toMatchObject({ route: ['XYZXBT', 'XXBTZUSD'], value: '2', class: 'stranded' });
    expect(sent.totals.all).toBe('48725.175');
  });
});

describe('buildPortfolio properties', () => {
  const names = ['XXBT', 'XBT.F', 'XBT.M', 'ETH2.S', 'XETH', 'XXDG', 'ZUSD', 'ZJPY', 'XYZ', 'LONELY', 'USDT', 'ZEUR'];
  const amount = fc
    .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 24n }), fc.integer({ min: 0, max: 18 }))
    .map(([units, scale]) => toWire(dec(units.toString()).div(dec('10').pow(scale))));
  const someBalances = fc.dictionary(
    fc.constantFrom(...names),
    amount.map((balance) => ({ balance })),
  );

  it('the total equals the sum of the rows, earn counted once, anomalies never', () => {
    fc.assert(
      fc.property(someBalances, fc.constantFrom('USD', 'EUR', 'JPY'), (input, quote) => {
        const m = buildPortfolio({ balances: input, catalog, market, quote });
        const values = (rows: readonly PortfolioRow[]) => sum(rows.flatMap((r) => (r.value === null ? [] : [r.value])));
        const nonZero = Object.values(input).filter((b) => !dec(b.balance).isZero()).length;
        const sortedDesc = m.spot.every(
          (r, i) => i === 0 || r.value === null || (m.spot[i - 1]!.value !== null && m.spot[i - 1]!.value!.gte(r.value)),
        );
        return (
          m.totals.all.eq(values(m.spot).plus(values(m.earn))) &&
          m.totals.earn.eq(values(m.earn)) &&
          m.spot.length + m.earn.length + m.anomalies.length === nonZero &&
          m.earn.every((r) => r.variant !== null && r.class === 'earn') &&
          m.spot.every((r) => r.variant === null && r.class !== 'earn') &&
          m.anomalies.every((r) => r.value === null && r.amount.isNegative()) &&
          m.groups.reduce((n, g) => n + g.count, 0) === m.spot.length + m.earn.length &&
          sortedDesc
        );
      }),
    );
  });

  it('classifies 10,000 balances, each in exactly one row', () => {
    const many = 10_000;
    const assets: Record<string, KrakenAssetInfo> = { XXBT: info('XBT'), ZUSD: info('USD', 2) };
    const pairs: TradingPair[] = [pair('XXBTZUSD', 'XXBT', 'ZUSD', '0.00005')];
    const tickers: Record<string, TickerQuote> = { XXBTZUSD: ticker('80000', '80010') };
    const input: Record<string, BalanceExEntry> = {};
    for (let i = 0; i < many; i += 1) {
      const id = `A${i}`;
      assets[id] = info(id);
      // half priced directly in USD, half only through XBT
      const quote = i % 2 === 0 ? 'ZUSD' : 'XXBT';
      pairs.push(pair(`${id}${quote}`, id, quote, '10'));
      tickers[`${id}${quote}`] = ticker(i % 2 === 0 ? '0.5' : '0.00000625', '1');
      input[i % 7 === 0 ? `${id}.F` : id] = { balance: String(i % 50) };
    }
    const m = buildPortfolio({ balances: input, catalog: buildAssetCatalog(assets, []), market: buildMarket(pairs, tickers) });
    const zero = Object.values(input).filter((b) => b.balance === '0').length;
    expect(m.spot.length + m.earn.length).toBe(many - zero);
    expect(m.totals.unvalued).toBe(0);
    expect(m.groups.find((g) => g.class === 'sellable')!.count).toBeGreaterThan(0);
    expect(m.groups.find((g) => g.class === 'stranded')!.count).toBeGreaterThan(0);
  });
});
