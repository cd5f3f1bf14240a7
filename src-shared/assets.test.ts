import { describe, expect, it } from 'vitest';
import {
  buildAssetCatalog,
  describeAsset,
  describeBalance,
  listCashCurrencies,
  listStablecoins,
  parseBalanceName,
  resolveAssetId,
  type KrakenAssetInfo,
} from './assets';

const info = (altname: string, decimals = 10, display = 5): KrakenAssetInfo => ({
  altname,
  decimals,
  display_decimals: display,
});

// shaped like the live /0/public/Assets capture, plus the balance-only codes Kraken also lists
const catalog = buildAssetCatalog(
  {
    XXBT: info('XBT', 10, 5),
    XXDG: info('XDG', 8, 2),
    XETH: info('ETH'),
    ZUSD: info('USD', 4, 2),
    ZEUR: info('EUR', 4, 2),
    ZJPY: info('JPY', 2, 0),
    ZNZD: info('NZD', 4, 2),
    CHF: info('CHF', 4, 2),
    ZEUS: info('ZEUS', 8, 4),
    ZRX: info('ZRX', 8, 4),
    USDT: info('USDT', 8, 4),
    USDC: info('USDC', 8, 4),
    SOL: info('SOL'),
    ETH2: info('ETH2'),
    'ETH2.S': info('ETH2.S'),
    'USD.HOLD': info('USD.HOLD', 4, 2),
    'XBT.M': info('XBT.M', 10, 8),
    KFEE: info('FEE', 2, 2),
  },
  [{ base: 'NEWCOIN', quote: 'ZUSD', wsname: 'NEW/USD' }],
);

describe('asset names', () => {
  it('shows legacy ids by their display code, from the metadata', () => {
    expect(describeAsset(catalog, 'XXBT').code).toBe('BTC');
    expect(describeAsset(catalog, 'XXDG').code).toBe('DOGE');
    expect(describeAsset(catalog, 'XETH').code).toBe('ETH');
    expect(describeAsset(catalog, 'ZUSD').code).toBe('USD');
    expect(describeAsset(catalog, 'SOL').code).toBe('SOL');
  });

  it('never strips a prefix that is part of the name', () => {
    const zeus = describeAsset(catalog, 'ZEUS');
    expect(zeus.code).toBe('ZEUS');
    expect(zeus.kind).toBe('crypto');
    expect(describeAsset(catalog, 'XTOKEN').code).toBe('XTOKEN');
    // a three-letter Z coin is not a legacy fiat id: only Z + altname is
    expect(describeAsset(catalog, 'ZRX')).toMatchObject({ code: 'ZRX', kind: 'crypto' });
  });

  it('resolves ids, altnames and display codes to one id', () => {
    for (const name of ['XXBT', 'XBT', 'BTC']) expect(resolveAssetId(catalog, name)).toBe('XXBT');
    for (const name of ['XXDG', 'XDG', 'DOGE']) expect(resolveAssetId(catalog, name)).toBe('XXDG');
    expect(resolveAssetId(catalog, 'USD')).toBe('ZUSD');
    expect(resolveAssetId(catalog, 'UNKNOWN')).toBe('UNKNOWN');
  });

  it('falls back to the known legacy ids only when metadata is missing', () => {
    const empty = buildAssetCatalog({});
    expect(describeAsset(empty, 'XXBT')).toMatchObject({ code: 'BTC', known: false });
    expect(describeAsset(empty, 'ZGBP')).toMatchObject({ code: 'GBP', kind: 'cash' });
    expect(resolveAssetId(empty, 'BTC')).toBe('XXBT');
    expect(describeAsset(empty, 'ZEUS').code).toBe('ZEUS');
    expect(describeAsset(empty, 'XTZ').code).toBe('XTZ');
  });

  it('learns altnames from pair wsnames when Assets leaves an id out', () => {
    expect(describeAsset(catalog, 'NEWCOIN')).toMatchObject({ code: 'NEW', known: true });
    expect(resolveAssetId(catalog, 'NEW')).toBe('NEWCOIN');
  });
});

describe('balance variants', () => {
  it('splits suffixed balances into base asset id and variant', () => {
    expect(parseBalanceName(catalog, 'XBT.M')).toEqual({ baseId: 'XXBT', variant: 'M' });
    expect(parseBalanceName(catalog, 'XBT.F')).toEqual({ baseId: 'XXBT', variant: 'F' });
    expect(parseBalanceName(catalog, 'ETH2.S')).toEqual({ baseId: 'ETH2', variant: 'S' });
    expect(parseBalanceName(catalog, 'USD.HOLD')).toEqual({ baseId: 'ZUSD', variant: 'HOLD' });
    for (const suffix of ['S', 'M', 'B', 'F', 'P', 'T']) {
      expect(parseBalanceName(catalog, `SOL.${suffix}`)).toEqual({ baseId: 'SOL', variant: suffix });
    }
  });

  it('treats unsuffixed and unknown-suffix names as spot', () => {
    expect(parseBalanceName(catalog, 'XXBT')).toEqual({ baseId: 'XXBT', variant: null });
    expect(parseBalanceName(catalog, 'ETH2')).toEqual({ baseId: 'ETH2', variant: null });
    expect(parseBalanceName(catalog, 'FOO.X')).toEqual({ baseId: 'FOO.X', variant: null });
  });

  it('names a variant after its base display code, and keeps its own decimals when listed', () => {
    expect(describeBalance(catalog, 'XBT.F')).toMatchObject({ code: 'BTC.F', displayDecimals: 5, kind: 'crypto' });
    expect(describeBalance(catalog, 'XBT.M')).toMatchObject({ code: 'BTC.M', displayDecimals: 8 });
    expect(describeBalance(catalog, 'USD.HOLD')).toMatchObject({ code: 'USD.HOLD', kind: 'cash' });
    expect(describeBalance(catalog, 'XXDG')).toMatchObject({ code: 'DOGE', displayDecimals: 2, variant: null });
  });
});

describe('cash and stablecoins', () => {
  it('lists the usual cash currencies first, then any other fiat in the metadata', () => {
    expect(listCashCurrencies(catalog).map((a) => a.code)).toEqual(['USD', 'EUR', 'CHF', 'JPY', 'NZD']);
  });

  it('lists the stablecoins Kraken has', () => {
    expect(listStablecoins(catalog).map((a) => a.id)).toEqual(['USDT', 'USDC']);
  });
});

describe('fee credits', () => {
  it('knows KFEE as Kraken fee credits, neither cash nor crypto', () => {
    expect(describeAsset(catalog, 'KFEE')).toMatchObject({ id: 'KFEE', code: 'FEE', kind: 'fee-credit' });
    expect(listCashCurrencies(catalog).map((a) => a.id)).not.toContain('KFEE');
  });
});
