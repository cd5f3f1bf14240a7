import { describe, expect, it } from 'vitest';
import { buildConversionPlan } from './conversion-plan';
import type { ConversionPlan } from './conversion-plan';
import { findDustSweeps } from './dust-sweep';
import type { DustSweep } from './dust-sweep';
import type { LedgerEntry } from './ledger';
import { dec, sum, toWire } from './money';
import { buildReceipt, findSweepForPlan, Receipt, receiptToCsv, receiptToJson } from './receipt';

const PLANNED_AT_S = 1_760_000_000;
const SWEPT_AT_S = 1_760_000_100;

const plan: ConversionPlan = buildConversionPlan({
  id: 'plan-7',
  createdAt: PLANNED_AT_S * 1000,
  target: 'ZUSD',
  feeRate: dec('0.03'),
  rows: [
    { asset: 'XXBT', amount: dec('0.00001'), value: dec('0.84') },
    { asset: 'ADA', amount: dec('0.5'), value: dec('0.30') },
    { asset: 'SOL', amount: dec('0.004'), value: dec('0.64') },
  ],
  ledgerCursor: { id: 'LCURSR-00000-000000', time: String(PLANNED_AT_S - 50) },
  quotesAt: PLANNED_AT_S * 1000,
});

let sequence = 0;
function leg(refid: string, type: string, asset: string, amount: string, fee = '0', seconds = SWEPT_AT_S): LedgerEntry {
  sequence += 1;
  const id = `L${String(sequence).padStart(5, '0')}-RCPT-${refid}`;
  return { id, refid, time: String(seconds), type, subtype: 'dustsweeping', aclass: 'currency', asset, amount, fee, balance: '0' };
}

function sweepOf(entries: LedgerEntry[]): DustSweep {
  const [sweep] = findDustSweeps(entries);
  if (sweep === undefined) throw new Error('no sweep in the entries');
  return sweep;
}

function line(receipt: Receipt, asset: string) {
  const found = receipt.lines.find((l) => l.asset === asset);
  if (found === undefined) throw new Error(`no line for ${asset}`);
  return found;
}

/** ZUSD, as Kraken's Assets lists it. */
const USD = { targetDecimals: 4, nameOf: (asset: string) => ({ ZUSD: 'USD', ZEUR: 'EUR', XXBT: 'BTC' })[asset] ?? asset };

const feeOnReceive = sweepOf([
  leg('TSWEEP1', 'spend', 'XXBT', '-0.00001'),
  leg('TSWEEP1', 'spend', 'ADA', '-0.5'),
  leg('TSWEEP1', 'spend', 'SOL', '-0.004'),
  leg('TSWEEP1', 'receive', 'ZUSD', '1.78', '0.0534'),
]);

describe('buildReceipt with a plan', () => {
  it('matches every asset and splits what was received by planned value, fee on the receive leg', () => {
    const receipt = buildReceipt(feeOnReceive, plan);
    expect(receipt.lines.map((l) => [l.asset, l.status, l.sweptAmount, l.convertedAmount])).toEqual([
      ['XXBT', 'as-planned', '0.00001', '0.8148'],
      ['ADA', 'as-planned', '0.5', '0.291'],
      ['SOL', 'as-planned', '0.004', '0.6208'],
    ]);
    expect(receipt).toMatchObject({
      planId: 'plan-7',
      target: 'ZUSD',
      received: '1.78',
      netReceived: '1.7266',
      estimatedTotal: '1.7266',
      differenceFromEstimate: '0',
      fees: [{ asset: 'ZUSD', amount: '0.0534', inTarget: '0.0534' }],
      effectiveFee: '0.0534',
      effectiveFeeRate: '0.03',
      notes: [],
    });
    expect(receipt.ledgerIds).toHaveLength(4);
    expect(Receipt.parse(receipt)).toEqual(receipt);
  });

  it('converts a fee taken on a spend leg into the target at the planned price', () => {
    const sweep = sweepOf([
      leg('TSWEEP2', 'spend', 'XXBT', '-0.0000097', '0.0000003'),
      leg('TSWEEP2', 'spend', 'ADA', '-0.5'),
      leg('TSWEEP2', 'spend', 'SOL', '-0.004'),
      leg('TSWEEP2', 'receive', 'ZUSD', '1.7548'),
    ]);
    const receipt = buildReceipt(sweep, plan, USD);
    expect(line(receipt, 'XXBT')).toMatchObject({ status: 'as-planned', sweptAmount: '0.00001', feeAmount: '0.0000003' });
    expect(receipt.fees).toEqual([{ asset: 'XXBT', amount: '0.0000003', inTarget: '0.0252' }]);
    expect(receipt.effectiveFee).toBe('0.0252');
    // 0.0252 / 1.78 = 0.0141573…: a rate to six decimals, not forty
    expect(receipt.effectiveFeeRate).toBe('0.014157');
    expect(receipt.differenceFromEstimate).toBe('0.0282');
    const converted = receipt.lines.map((l) => dec(l.convertedAmount ?? '0'));
    expect(toWire(sum(converted))).toBe('1.7548');
  });

  it('explains assets expected but not swept, and flags assets swept but not expected', () => {
    const sweep = sweepOf([
      leg('TSWEEP3', 'spend', 'XXBT', '-0.00001'),
      leg('TSWEEP3', 'spend', 'ADA', '-0.6'),
      leg('TSWEEP3', 'spend', 'DOT', '-0.05'),
      leg('TSWEEP3', 'receive', 'ZUSD', '1.3', '0.04'),
    ]);
    const unpriced = buildReceipt(sweep, plan);
    expect(line(unpriced, 'ADA')).toMatchObject({ status: 'amount-changed', expectedAmount: '0.5', sweptAmount: '0.6' });
    expect(line(unpriced, 'DOT')).toMatchObject({ status: 'not-expected', reason: 'not-in-plan', expectedAmount: null });
    expect(line(unpriced, 'SOL')).toMatchObject({ status: 'not-swept', sweptAmount: null, reason: 'price-moved' });
    expect(unpriced.lines.every((l) => l.convertedAmount === null)).toBe(true);
    expect(unpriced.notes).toEqual(['Some swept assets have no price, so the amount received cannot be split per asset.']);

    const priced = buildReceipt(sweep, plan, { prices: { DOT: '4' }, ...USD });
    // weights 0.84 (XXBT) : 0.36 (ADA 0.6 × 0.6) : 0.2 (DOT) of 1.26 received net
    expect(priced.lines.filter((l) => l.convertedAmount !== null).map((l) => [l.asset, l.convertedAmount])).toEqual([
      ['XXBT', '0.756'],
      ['ADA', '0.324'],
      ['DOT', '0.18'],
    ]);
  });

  it('gives the likely reason an expected asset stayed: open order, changed balance, or price', () => {
    const sweep = sweepOf([leg('TSWEEP4', 'spend', 'XXBT', '-0.00001'), leg('TSWEEP4', 'receive', 'ZUSD', '0.8', '0.02')]);
    const reasonFor = (context: Parameters<typeof buildReceipt>[2]) => line(buildReceipt(sweep, plan, context), 'SOL').reason;
    expect(reasonFor({ assetsInOpenOrders: ['SOL'], balancesNow: { SOL: '0.004' } })).toBe('open-order');
    expect(reasonFor({ balancesNow: { SOL: '0.01' } })).toBe('balance-changed');
    expect(reasonFor({ balancesNow: {} })).toBe('balance-changed');
    expect(reasonFor({ balancesNow: { SOL: '0.0040' } })).toBe('price-moved');
    expect(line(buildReceipt(sweep, plan), 'XXBT').convertedAmount).toBe('0.78');
  });

  it('says first when Kraken credited another currency than planned, and never calls a row as planned', () => {
    const sweep = sweepOf([leg('TSWEEP5', 'spend', 'ADA', '-0.5'), leg('TSWEEP5', 'receive', 'ZEUR', '0.25', '0.0075')]);
    const receipt = buildReceipt(sweep, plan, USD);
    expect(receipt).toMatchObject({ target: 'ZEUR', plannedTarget: 'ZUSD', estimatedTotal: null, differenceFromEstimate: null });
    expect(receipt.notes[0]).toBe('Kraken credited EUR, not USD as planned, so planned values and the estimate do not compare.');
    expect(line(receipt, 'ADA')).toMatchObject({
      status: 'other-currency',
      reason: 'other-currency',
      reasonText: 'converted into EUR, not USD as planned',
      convertedAmount: '0.2425',
    });
    expect(receipt.lines.some((l) => l.status === 'as-planned')).toBe(false);
    // shares of value weigh the same in any currency: the plan's prices still split a credit in EUR
    const two = buildReceipt(
      sweepOf([
        leg('TSWEEP7', 'spend', 'ADA', '-0.5'),
        leg('TSWEEP7', 'spend', 'SOL', '-0.004'),
        leg('TSWEEP7', 'receive', 'ZEUR', '0.87'),
      ]),
      plan,
      USD,
    );
    // weights 0.30 : 0.64 of 0.87 EUR
    expect(two.lines.filter((l) => l.convertedAmount !== null).map((l) => [l.asset, l.convertedAmount])).toEqual([
      ['ADA', '0.2777'],
      ['SOL', '0.5923'],
    ]);
  });

  it('writes apportioned amounts at the credited currency’s decimals, adding up to what Kraken credited', () => {
    const sweep = sweepOf([
      leg('TSWEEP6', 'spend', 'XXBT', '-0.00001'),
      leg('TSWEEP6', 'spend', 'ADA', '-0.5'),
      leg('TSWEEP6', 'spend', 'SOL', '-0.004'),
      leg('TSWEEP6', 'receive', 'ZUSD', '1.7777', '0.0533'),
    ]);
    const receipt = buildReceipt(sweep, plan, USD);
    const converted = receipt.lines.map((l) => l.convertedAmount ?? 'none');
    // exact shares 0.813761…, 0.290629…, 0.620008… of 1.7244: rounded down to 4 decimals, the unit left to XXBT
    expect(converted.every((amount) => /^\d+\.\d{1,4}$/.test(amount))).toBe(true);
    expect(toWire(sum(converted.map(dec)))).toBe('1.7244');
    expect(converted).toEqual(['0.8138', '0.2906', '0.62']);
  });
});

describe('buildReceipt without a plan', () => {
  it('shows a conversion made outside the app: fee rate from the ledger alone', () => {
    const sweep = sweepOf([
      {
        id: 'LI54ES-YRZMF-F2MYUQ',
        refid: 'TSDEF5I-HNFS4-PZQ2KE',
        time: '1701143946.764',
        type: 'receive',
        subtype: 'dustsweeping',
        aclass: 'currency',
        asset: 'ZCAD',
        amount: '0.2768',
        fee: '0.0080',
        balance: '0.2768',
      },
      {
        id: 'L2BSPZ-23EEJ-YO53ED',
        refid: 'TSDEF5I-HNFS4-PZQ2KE',
        time: '1701143946.764',
        type: 'spend',
        subtype: 'dustsweeping',
        aclass: 'currency',
        asset: 'XXBT',
        amount: '-0.0000055100',
        fee: '0.0000',
        balance: '0.0000',
      },
      {
        id: 'LSCF2I-ZNTRC-KOAGGB',
        refid: 'TSDEF5I-HNFS4-PZQ2KE',
        time: '1701143946.764',
        type: 'spend',
        subtype: 'dustsweeping',
        aclass: 'currency',
        asset: 'ADA',
        amount: '-0.00000004',
        fee: '0.0000',
        balance: '0.0000',
      },
    ]);
    const receipt = buildReceipt(sweep, null, { targetDecimals: 4 });
    expect(receipt).toMatchObject({ planId: null, target: 'ZCAD', netReceived: '0.2688', effectiveFee: '0.008', estimatedTotal: null });
    expect(receipt).toMatchObject({ plannedTarget: null, provisional: false });
    expect(receipt.effectiveFeeRate).toBe('0.028902');
    expect(receipt.lines.map((l) => [l.asset, l.status, l.sweptAmount, l.convertedAmount])).toEqual([
      ['XXBT', 'swept', '0.00000551', null],
      ['ADA', 'swept', '0.00000004', null],
    ]);
  });

  it('makes a lone spend leg a provisional receipt: nothing is said about what was credited', () => {
    const sweep = sweepOf([leg('TLONE', 'spend', 'XXDG', '-0.00000001')]);
    const receipt = buildReceipt(sweep, null);
    expect(receipt).toMatchObject({ target: null, provisional: true, received: null, netReceived: null, effectiveFeeRate: null });
    expect(receipt.lines).toMatchObject([{ asset: 'XXDG', status: 'swept', sweptAmount: '0.00000001', convertedAmount: null }]);
    expect(receipt.notes).toEqual([
      'No receive leg found yet: Kraken may still book what it credits. This receipt is provisional and is corrected when that leg appears in the ledger.',
    ]);
    expect(receipt.notes.join(' ')).not.toMatch(/nothing was credited/);
  });

  it('is corrected by a later read that finds the receive leg', () => {
    const spends = [
      leg('TLATER', 'spend', 'XXBT', '-0.00001'),
      leg('TLATER', 'spend', 'ADA', '-0.5'),
      leg('TLATER', 'spend', 'SOL', '-0.004'),
    ];
    const first = buildReceipt(sweepOf(spends), plan, USD);
    expect(first.provisional).toBe(true);
    expect(first.lines.map((l) => l.status)).toEqual(['as-planned', 'as-planned', 'as-planned']);
    const later = buildReceipt(sweepOf([...spends, leg('TLATER', 'receive', 'ZUSD', '1.78', '0.0534', SWEPT_AT_S + 40)]), plan, USD);
    expect(later).toMatchObject({ provisional: false, netReceived: '1.7266', differenceFromEstimate: '0' });
    expect(later.notes).toEqual([]);
  });
});

describe('findSweepForPlan', () => {
  const entries = [
    leg('TOLD', 'spend', 'ADA', '-1', '0', PLANNED_AT_S - 90_000),
    leg('TOLD', 'receive', 'ZUSD', '0.5', '0', PLANNED_AT_S - 90_000),
    leg('TATCURSOR', 'spend', 'SOL', '-0.001', '0', PLANNED_AT_S - 50),
    leg('TFIRST', 'spend', 'XXBT', '-0.00001', '0', PLANNED_AT_S + 100),
    leg('TSECOND', 'spend', 'ADA', '-0.5', '0', PLANNED_AT_S + 90_000),
    {
      id: 'LTRADE-00001-000001',
      refid: 'TRADE',
      time: String(PLANNED_AT_S + 10),
      type: 'trade',
      subtype: '',
      aclass: 'currency',
      asset: 'SOL',
      amount: '1',
      fee: '0',
      balance: '1',
    },
  ];

  it('takes the first sweep strictly after the ledger cursor, skipping other activity', () => {
    expect(findSweepForPlan(plan, findDustSweeps(entries))?.refid).toBe('TFIRST');
  });

  it('falls back to the creation time when the plan has no cursor', () => {
    const noCursor = { ...plan, ledgerCursor: null, createdAt: (PLANNED_AT_S + 100) * 1000 };
    expect(findSweepForPlan(noCursor, findDustSweeps(entries))?.refid).toBe('TSECOND');
    expect(findSweepForPlan({ ...noCursor, createdAt: (PLANNED_AT_S + 90_000) * 1000 }, findDustSweeps(entries))).toBeNull();
  });
});

describe('receipt export', () => {
  const sweep = sweepOf([
    leg('TCSV', 'spend', 'XXBT', '-0.00001'),
    leg('TCSV', 'spend', 'DOT', '-0.05'),
    leg('TCSV', 'receive', 'ZUSD', '1', '0.03'),
  ]);
  const receipt = buildReceipt(sweep, plan, { prices: { DOT: '4.2' }, balancesNow: { ADA: '0.5', SOL: '0.004' }, ...USD });

  it('writes one CSV row per asset plus the credited currency, quoting text that holds commas', () => {
    expect(receiptToCsv(receipt, USD.nameOf).split('\r\n')).toEqual([
      'refid,time_utc,target,target_id,asset,asset_id,status,expected_amount,swept_amount,fee_amount,planned_value,converted_amount,reason',
      'TCSV,2025-10-09T08:55:00.000Z,USD,ZUSD,BTC,XXBT,as-planned,0.00001,0.00001,0,0.84,0.776,',
      'TCSV,2025-10-09T08:55:00.000Z,USD,ZUSD,ADA,ADA,not-swept,0.5,,,0.3,,"The balance is still there, so its price most likely rose above the small-balance limit."',
      'TCSV,2025-10-09T08:55:00.000Z,USD,ZUSD,SOL,SOL,not-swept,0.004,,,0.64,,"The balance is still there, so its price most likely rose above the small-balance limit."',
      'TCSV,2025-10-09T08:55:00.000Z,USD,ZUSD,DOT,DOT,not-expected,,0.05,0,,0.194,"Not in the plan: its value fell under the limit, or it arrived after planning."',
      'TCSV,2025-10-09T08:55:00.000Z,USD,ZUSD,USD,ZUSD,received,,,0.03,1.7266,0.97,',
      '',
    ]);
  });

  it('defuses an asset name a spreadsheet would run as a formula, and keeps negative amounts numbers', () => {
    const hostile = buildReceipt(
      sweepOf([leg('TEVIL', 'spend', '=cmd|calc', '-0.05'), leg('TEVIL', 'receive', 'ZUSD', '1', '0.03')]),
      plan,
      { prices: {}, balancesNow: {} },
    );
    const cells = receiptToCsv(hostile)
      .split('\r\n')
      .map((line) => line.split(','));
    // the asset's name and its Kraken id (columns 4 and 5) are both text a spreadsheet must not run
    const evil = cells.find((row) => row[5]?.includes('cmd'));
    expect([evil?.[4], evil?.[5]]).toEqual(["'=cmd|calc", "'=cmd|calc"]);
    expect(cells.every((row) => row.every((cell) => !/^[=+@]/.test(cell)))).toBe(true);
  });

  it('writes JSON that reads back as the same receipt', () => {
    expect(Receipt.parse(JSON.parse(receiptToJson(receipt)))).toEqual(receipt);
  });
});
