// Kraken's published examples (docs/kraken-facts.md §4) must pass; anything off must fail naming the field.
import { describe, expect, it } from 'vitest';
import { KrakenCallError } from './kraken-errors';
import { parseKrakenJson } from './kraken-json';
import {
  AddOrderResult,
  ApiKeyInfoResult,
  AssetPairsResult,
  AssetsResult,
  BalanceExResult,
  BalanceResult,
  ClosedOrdersResult,
  Envelope,
  ledgerEntries,
  LedgersResult,
  newestFirst,
  OpenOrdersResult,
  QueryLedgersResult,
  SystemStatusResult,
  TickerResult,
  TimeResult,
  TradesHistoryResult,
  validateResult,
} from './schemas';

// as the client reads answers: every `time` kept as the text Kraken wrote
const resultOf = (json: string): unknown => (parseKrakenJson(json) as { result: unknown }).result;

const LEDGERS = `{"error":[],"result":{"ledger":{"L4UESK-KG3EQ-UFO4T5":{"refid":"TJKLXF-PGMUI-4NTLXU","time":1688464484.1787,"type":"trade","subtype":"","aclass":"currency","asset":"ZGBP","amount":"-24.5000","fee":"0.0490","balance":"459567.9171"},"LMKZCZ-Z3GVL-CXKK4H":{"refid":"TBZIP2-F6QOU-TMB6FY","time":1688444262.8888,"type":"trade","subtype":"","aclass":"currency","asset":"ZUSD","amount":"0.9852","fee":"0.0010","balance":"52732.1132"}},"count":2}}`;

describe('response schemas accept Kraken’s own examples', () => {
  it('Time and SystemStatus', () => {
    expect(
      validateResult(
        'Time',
        TimeResult,
        resultOf(`{"error":[],"result":{"unixtime":1688669448,"rfc1123":"Thu, 06 Jul 23 18:50:48 +0000"}}`),
      ).unixtime,
    ).toBe(1688669448);
    expect(validateResult('SystemStatus', SystemStatusResult, { status: 'online', timestamp: '2021-03-22T17:18:03Z' }).status).toBe(
      'online',
    );
  });

  it('Assets and AssetPairs', () => {
    const assets = validateResult(
      'Assets',
      AssetsResult,
      resultOf(
        `{"error":[],"result":{"XXBT":{"aclass":"currency","altname":"XBT","decimals":10,"display_decimals":5,"collateral_value":0.99,"status":"enabled","margin_rate":"0.01"}}}`,
      ),
    );
    expect(assets.XXBT?.altname).toBe('XBT');
    const pairs = validateResult(
      'AssetPairs',
      AssetPairsResult,
      resultOf(
        `{"error":[],"result":{"XXBTZUSD":{"altname":"XBTUSD","wsname":"XBT/USD","aclass_base":"currency","base":"XXBT","aclass_quote":"currency","quote":"ZUSD","lot":"unit","cost_decimals":5,"pair_decimals":1,"lot_decimals":8,"lot_multiplier":1,"leverage_buy":[2,3],"leverage_sell":[2,3],"fees":[],"fees_maker":[],"fee_volume_currency":"ZUSD","margin_call":80,"margin_stop":40,"ordermin":"0.00005","costmin":"0.5","tick_size":"0.1","status":"online","execution_venue":"international","long_position_limit":350,"short_position_limit":250}}}`,
      ),
    );
    expect(pairs.XXBTZUSD?.ordermin).toBe('0.00005');
  });

  it('Ticker', () => {
    const ticker = validateResult(
      'Ticker',
      TickerResult,
      resultOf(
        `{"error":[],"result":{"XXBTZUSD":{"a":["30300.10000","1","1.000"],"b":["30300.00000","1","1.000"],"c":["30303.20000","0.00067643"],"v":["4083.67001100","4412.73601799"],"p":["30706.77771","30689.13205"],"t":[34619,38907],"l":["29868.30000","29868.30000"],"h":["31631.00000","31631.00000"],"o":"30502.80000"}}}`,
      ),
    );
    expect(ticker.XXBTZUSD?.b[0]).toBe('30300.00000');
  });

  it('Balance, BalanceEx and GetApiKeyInfo', () => {
    expect(validateResult('Balance', BalanceResult, { ZUSD: '171288.6158', 'ETH2.S': '198.3970800000' }).ZUSD).toBe('171288.6158');
    const ex = validateResult(
      'BalanceEx',
      BalanceExResult,
      resultOf(
        `{"error":[],"result":{"XXBT":{"balance":"3.46840030","credit":"1.26844502","credit_used":"0.10002300","hold_trade":"2.14560458"},"ZUSD":{"balance":"171288.6158","hold_trade":"8861.7898"}}}`,
      ),
    );
    expect(ex.ZUSD?.hold_trade).toBe('8861.7898');
    const info = validateResult(
      'GetApiKeyInfo',
      ApiKeyInfoResult,
      resultOf(
        `{"error":[],"result":{"apiKeyName":"readonly-bot","apiKey":"<public key>","nonce":"1760000000000","nonceWindow":0,"permissions":["query-funds","query-ledger"],"iban":"AA12 N84G","validUntil":"0","queryFrom":"0","queryTo":"0","createdTime":"1759000000","modifiedTime":"1759000000","ipAllowlist":[],"lastUsed":"1760000000"}}`,
      ),
    );
    expect(info.permissions).toEqual(['query-funds', 'query-ledger']);
  });

  it('OpenOrders and ClosedOrders, including Kraken’s null refid/userref', () => {
    const open = validateResult(
      'OpenOrders',
      OpenOrdersResult,
      resultOf(
        `{"error":[],"result":{"open":{"OQCLML-BW3P3-BUCMWZ":{"refid":null,"userref":null,"status":"open","opentm":1688666559.8974,"starttm":0,"expiretm":0,"descr":{"pair":"XBTUSD","type":"buy","ordertype":"limit","price":"30010.0","price2":"0","leverage":"none","order":"buy 1.25000000 XBTUSD @ limit 30010.0","close":""},"vol":"1.25000000","vol_exec":"0.37500000","cost":"11253.7","fee":"0.00000","price":"30010.0","stopprice":"0.00000","limitprice":"0.00000","misc":"","oflags":"fciq","trades":["TCCCTY-WE2O6-P3NB37"]}}}}`,
      ),
    );
    expect(open.open['OQCLML-BW3P3-BUCMWZ']?.vol_exec).toBe('0.37500000');
    const closed = validateResult(
      'ClosedOrders',
      ClosedOrdersResult,
      resultOf(
        `{"error":[],"result":{"closed":{"O37652-RJWRT-IMO74O":{"refid":"None","userref":1,"status":"canceled","reason":"User requested","opentm":1688148493.7708,"closetm":1688148610.0482,"starttm":0,"expiretm":0,"descr":{"pair":"XBTGBP","type":"buy","ordertype":"stop-loss-limit","price":"23667.0","price2":"0","leverage":"none","order":"buy 0.00100000 XBTGBP @ limit 23667.0","close":""},"vol":"0.00100000","vol_exec":"0.00000000","cost":"0.00000","fee":"0.00000","price":"0.00000","stopprice":"0.00000","limitprice":"0.00000","misc":"","oflags":"fciq","trigger":"index"}},"count":2}}`,
      ),
    );
    expect(closed.count).toBe(2);
  });

  it('TradesHistory, Ledgers and QueryLedgers', () => {
    const trades = validateResult(
      'TradesHistory',
      TradesHistoryResult,
      resultOf(
        `{"error":[],"result":{"trades":{"THVRQM-33VKH-UCI7BS":{"ordertxid":"OQCLML-BW3P3-BUCMWZ","postxid":"TKH2SE-M7IF5-CFI7LT","pair":"XXBTZUSD","time":1688667796.8802,"type":"buy","ordertype":"limit","price":"30010.00000","cost":"600.20000","fee":"0.00000","vol":"0.02000000","margin":"0.00000","misc":"","trade_id":40274859,"maker":true}},"count":2}}`,
      ),
    );
    expect(newestFirst(trades.trades, 'id')[0]?.id).toBe('THVRQM-33VKH-UCI7BS');
    const ledgers = validateResult('Ledgers', LedgersResult, resultOf(LEDGERS));
    expect(newestFirst(ledgers.ledger, 'id').map((e) => e.id)).toEqual(['L4UESK-KG3EQ-UFO4T5', 'LMKZCZ-Z3GVL-CXKK4H']);
    // an older shape without subtype
    const old = validateResult('QueryLedgers', QueryLedgersResult, {
      A: {
        refid: 'R',
        time: '1520103488.314',
        type: 'withdrawal',
        aclass: 'currency',
        asset: 'XETH',
        amount: '-0.2805800000',
        fee: '0.0050000000',
        balance: '0.0000051000',
      },
    });
    expect(old.A?.subtype).toBe('');
  });

  it('keeps a time’s every digit, and fields Kraken adds later, rather than dropping them', () => {
    const text = `{"error":[],"result":{"ledger":{"LI54ES-YRZMF-F2MYUQ":{"refid":"TSDEF5I-HNFS4-PZQ2KE","time":1728488004.8839503,"type":"earn","subtype":"autoallocation","aclass":"currency","asset":"DOT.F","amount":"0.25","fee":"0","balance":"0.25","wallet":"earn / flexible","amountusd":1.25}},"count":1}}`;
    const [entry] = ledgerEntries(validateResult('Ledgers', LedgersResult, resultOf(text)).ledger);
    expect(entry).toMatchObject({ id: 'LI54ES-YRZMF-F2MYUQ', time: '1728488004.8839503', type: 'earn', subtype: 'autoallocation' });
    expect(entry?.extra).toEqual({ wallet: 'earn / flexible', amountusd: 1.25 });
    // a double cannot tell this time from its neighbour; the text can
    expect(String(Number('1728488004.8839503'))).not.toBe('1728488004.8839503');
  });

  it('AddOrder with and without txid (validate)', () => {
    expect(
      validateResult('AddOrder', AddOrderResult, {
        descr: { order: 'buy 0.02100000 ETHUSDT @ limit 330.00' },
        txid: ['OEKVV2-IH52O-TPL6GZ'],
      }).txid,
    ).toEqual(['OEKVV2-IH52O-TPL6GZ']);
    expect(validateResult('AddOrder', AddOrderResult, { descr: { order: 'buy 0.00200000 XBTUSD @ market' } }).txid).toBeUndefined();
  });

  it('an error envelope with result null', () => {
    expect(validateResult('Ticker', Envelope, { error: ['EQuery:Unknown asset pair'], result: null }).error).toHaveLength(1);
  });
});

describe('a mismatch', () => {
  it('is a non-retryable bad_response naming the field', () => {
    const bad = parseKrakenJson(LEDGERS.replace('"-24.5000"', '-24.5')) as { result: unknown };
    let caught: unknown;
    try {
      validateResult('Ledgers', LedgersResult, bad.result);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KrakenCallError);
    const error = caught as KrakenCallError;
    expect(error.code).toBe('bad_response');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('ledger.L4UESK-KG3EQ-UFO4T5.amount');
  });

  it('refuses amounts that are not plain decimals and unknown statuses', () => {
    expect(() => validateResult('Balance', BalanceResult, { ZUSD: '1e5' })).toThrow(KrakenCallError);
    expect(() => validateResult('SystemStatus', SystemStatusResult, { status: 'asleep', timestamp: 'x' })).toThrow(/status/);
  });
});
