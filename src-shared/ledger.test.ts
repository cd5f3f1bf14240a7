import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  classifyGroup,
  entryNet,
  groupByRefid,
  isEarnVariant,
  LedgerEntry,
  netChangeByAsset,
  newestCursor,
  stripEarnSuffix,
  Trade,
} from './ledger';
import { dec, sum, toWire } from './money';

let sequence = 0;
function entry(fields: Partial<LedgerEntry> & Pick<LedgerEntry, 'refid' | 'asset' | 'amount'>): LedgerEntry {
  sequence += 1;
  return {
    id: `L${String(sequence).padStart(5, '0')}-KG3EQ-UFO4T5`,
    time: '1700000000',
    type: 'trade',
    subtype: '',
    aclass: 'currency',
    fee: '0',
    balance: '0',
    ...fields,
  };
}

describe('ledger schemas', () => {
  it("reads Kraken's own Ledgers example once the id is attached", () => {
    const raw = {
      id: 'L4UESK-KG3EQ-UFO4T5',
      refid: 'TJKLXF-PGMUI-4NTLXU',
      time: '1688464484.1787',
      type: 'trade',
      subtype: '',
      aclass: 'currency',
      asset: 'ZGBP',
      amount: '-24.5000',
      fee: '0.0490',
      balance: '459567.9171',
    };
    const parsed = LedgerEntry.parse(raw);
    expect(toWire(entryNet(parsed))).toBe('-24.549');
  });

  it('accepts an entry without subtype and refuses a number where Kraken sends a string', () => {
    const raw = {
      id: 'L1',
      refid: 'R1',
      time: '1',
      type: 'deposit',
      aclass: 'currency',
      asset: 'ZUSD',
      amount: '5',
      fee: '0',
      balance: '5',
    };
    expect(LedgerEntry.parse(raw).subtype).toBe('');
    expect(LedgerEntry.safeParse({ ...raw, amount: 5 }).success).toBe(false);
  });

  it("reads Kraken's TradesHistory example with the trade id attached", () => {
    const trade = Trade.parse({
      id: 'THVRQM-33VKH-UCI7BS',
      ordertxid: 'OQCLML-BW3P3-BUCMWZ',
      postxid: 'TKH2SE-M7IF5-CFI7LT',
      pair: 'XXBTZUSD',
      time: '1688667796.8802',
      type: 'buy',
      ordertype: 'limit',
      price: '30010.00000',
      cost: '600.20000',
      fee: '0.00000',
      vol: '0.02000000',
      margin: '0.00000',
      misc: '',
      trade_id: 40274859,
      maker: true,
    });
    expect(trade.pair).toBe('XXBTZUSD');
    expect(Trade.safeParse({ ...trade, type: 'short' }).success).toBe(false);
  });
});

describe('classifyGroup', () => {
  it('recognises a dust sweep by its subtype, whatever the leg types', () => {
    const group = [
      entry({ refid: 'TSDEF5I', type: 'spend', subtype: 'dustsweeping', asset: 'ADA', amount: '-0.5' }),
      entry({ refid: 'TSDEF5I', type: 'receive', subtype: 'dustsweeping', asset: 'ZUSD', amount: '0.2', fee: '0.006' }),
    ];
    expect(classifyGroup(group)).toBe('dust-sweep');
  });

  it('tells trades, fees, earn moves, deposits, withdrawals, adjustments and the rest apart', () => {
    const cases: [LedgerEntry[], string][] = [
      [
        [
          entry({ refid: 'T1', type: 'trade', asset: 'ZUSD', amount: '-100', fee: '0.26' }),
          entry({ refid: 'T1', type: 'trade', asset: 'SOL', amount: '0.7' }),
        ],
        'trade',
      ],
      [
        [
          entry({ refid: 'B1', type: 'spend', asset: 'ZEUR', amount: '-10' }),
          entry({ refid: 'B1', type: 'receive', asset: 'ADA', amount: '25' }),
        ],
        'trade',
      ],
      [[entry({ refid: 'F1', type: 'trade', asset: 'ZUSD', amount: '0', fee: '0.10' })], 'fee'],
      [[entry({ refid: 'M1', type: 'rollover', asset: 'ZUSD', amount: '0', fee: '0.02' })], 'fee'],
      [
        [
          entry({ refid: 'E1', type: 'transfer', subtype: 'spottostaking', asset: 'DOT', amount: '-5' }),
          entry({ refid: 'E1', type: 'transfer', subtype: 'stakingfromspot', asset: 'DOT.S', amount: '5' }),
        ],
        'earn-move',
      ],
      [
        [
          entry({ refid: 'E2', type: 'earn', subtype: 'autoallocation', asset: 'DOT', amount: '-5' }),
          entry({ refid: 'E2', type: 'earn', subtype: 'autoallocation', asset: 'DOT.F', amount: '5' }),
        ],
        'earn-move',
      ],
      [[entry({ refid: 'E3', type: 'transfer', asset: 'DOT.F', amount: '1' })], 'earn-move'],
      [[entry({ refid: 'R1', type: 'staking', asset: 'DOT.S', amount: '0.01' })], 'earn-move'],
      [[entry({ refid: 'R2', type: 'reward', asset: 'ADA.F', amount: '0.2' })], 'earn-move'],
      [[entry({ refid: 'D1', type: 'deposit', asset: 'XXBT', amount: '0.5' })], 'deposit'],
      [[entry({ refid: 'W1', type: 'withdrawal', asset: 'XXBT', amount: '-0.2', fee: '0.0001' })], 'withdrawal'],
      [[entry({ refid: 'A1', type: 'adjustment', asset: 'SOL', amount: '0.1' })], 'adjustment'],
      [[entry({ refid: 'C1', type: 'credit', asset: 'ZUSD', amount: '5' })], 'other'],
      [[entry({ refid: 'X1', type: 'transfer', subtype: 'spotfromfutures', asset: 'ZUSD', amount: '5' })], 'other'],
    ];
    for (const [group, kind] of cases) expect([group[0]?.refid, classifyGroup(group)]).toEqual([group[0]?.refid, kind]);
  });
});

describe('grouping and net change', () => {
  it('groups by refid, oldest first, whatever order the entries arrive in', () => {
    const entries = [
      entry({ refid: 'T2', time: '300', asset: 'SOL', amount: '1' }),
      entry({ refid: 'D1', time: '100', type: 'deposit', asset: 'ZUSD', amount: '50' }),
      entry({ refid: 'T2', time: '300', asset: 'ZUSD', amount: '-20' }),
      entry({ refid: 'W1', time: '200.5', type: 'withdrawal', asset: 'XXBT', amount: '-0.1' }),
    ];
    const groups = groupByRefid(entries);
    expect(groups.map((g) => [g.refid, g.kind, g.entries.length])).toEqual([
      ['D1', 'deposit', 1],
      ['W1', 'withdrawal', 1],
      ['T2', 'trade', 2],
    ]);
  });

  it('nets amount − fee per asset, fees counting as debits', () => {
    const entries = [
      entry({ refid: 'T1', asset: 'ZUSD', amount: '-24.5000', fee: '0.0490' }),
      entry({ refid: 'T1', asset: 'SOL', amount: '0.1', fee: '0.0002' }),
      entry({ refid: 'T2', asset: 'ZUSD', amount: '10', fee: '0' }),
    ];
    const totals = netChangeByAsset(entries);
    expect(toWire(totals.get('ZUSD') ?? dec('999'))).toBe('-14.549');
    expect(toWire(totals.get('SOL') ?? dec('999'))).toBe('0.0998');
  });

  it('the per-asset nets always add up to the net of all entries', () => {
    const amount = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => toWire(dec(String(n)).dividedBy(10_000)));
    const fee = fc.integer({ min: 0, max: 10_000 }).map((n) => toWire(dec(String(n)).dividedBy(10_000)));
    const row = fc.record({ asset: fc.constantFrom('XXBT', 'ZUSD', 'SOL', 'ADA', 'DOT.F'), amount, fee });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const entries = rows.map((r, i) => entry({ refid: `R${i % 4}`, ...r }));
        const byAsset = sum(netChangeByAsset(entries).values());
        return byAsset.equals(sum(entries.map(entryNet)));
      }),
    );
  });

  it('knows earn variants and the newest cursor', () => {
    expect(['DOT.F', 'XTZ.S', 'ETH2.S', 'USDT.B', 'XBT.M', 'DOT.P'].every(isEarnVariant)).toBe(true);
    expect(['DOT', 'XXBT', 'ZUSD', 'AAPLx.T'].some(isEarnVariant)).toBe(false);
    expect(stripEarnSuffix('DOT.F')).toBe('DOT');
    const entries = [
      entry({ id: 'LB', refid: 'R1', time: '10.25', asset: 'SOL', amount: '1' }),
      entry({ id: 'LA', refid: 'R1', time: '10.25', asset: 'ZUSD', amount: '-1' }),
      entry({ id: 'LC', refid: 'R0', time: '9', asset: 'SOL', amount: '1' }),
    ];
    expect(newestCursor(entries)).toEqual({ id: 'LB', time: '10.25' });
    expect(newestCursor([])).toBeNull();
  });
});
