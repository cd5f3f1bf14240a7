import { describe, expect, it } from 'vitest';
import { dec } from '../../src-shared/money';
import { parseKrakenJson, parseKrakenWsJson } from './kraken-json';

describe('parseKrakenWsJson', () => {
  it('keeps a quantity with 18 significant digits whole, where JSON.parse loses it', () => {
    const text = '{"channel":"balances","type":"update","data":[{"amount":123456789.012345678,"fee":0.0,"balance":1e-9}],"sequence":7}';
    const message = parseKrakenWsJson(text) as { data: { amount: string; fee: string; balance: string }[]; sequence: string };
    const [entry] = message.data;
    expect(entry?.amount).toBe('123456789.012345678');
    expect(dec(entry?.amount ?? '0').toFixed()).toBe('123456789.012345678');
    expect(entry?.fee).toBe('0.0');
    expect(dec(entry?.balance ?? '0').toFixed()).toBe('0.000000001');
    expect(message.sequence).toBe('7');
    // the reason for the parser: a double keeps only about 16 of those digits
    const lossy = (JSON.parse(text) as { data: { amount: number }[] }).data[0]?.amount;
    expect(String(lossy)).not.toBe('123456789.012345678');
  });

  it('leaves strings and booleans as they are', () => {
    expect(parseKrakenWsJson('{"a":"1.50","b":true,"c":null}')).toEqual({ a: '1.50', b: true, c: null });
  });

  it('REST parsing keeps only `time` as text', () => {
    expect(parseKrakenJson('{"time":1700000000.1234567,"count":3}')).toEqual({ time: '1700000000.1234567', count: 3 });
  });
});
