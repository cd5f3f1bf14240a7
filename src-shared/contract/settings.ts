// Operator preferences: the dust threshold and band, Kraken's fee, the valuation currency, refresh, tolerances.
import { z } from 'zod';
import { dec, DecimalString, isDecimal } from '../money';
import { call } from '../rpc';

// the range check runs only on text the pattern accepted: a refine must answer, never throw
const decimalBetween = (min: string, max: string, what: string) =>
  DecimalString.refine((value) => isDecimal(value) && dec(value).gte(min) && dec(value).lte(max), `${what} must be between ${min} and ${max}`);

export const QUOTE_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY'] as const;
export const QuoteCurrency = z.enum(QUOTE_CURRENCIES);
export type QuoteCurrency = z.infer<typeof QuoteCurrency>;

export const Settings = z.object({
  quoteCurrency: QuoteCurrency,
  /** Kraken sweeps balances worth less than this many USD (about 1 USD, Kraken's instant-trade minimum). */
  dustThresholdUsd: decimalBetween('0.01', '100', 'The dust threshold'),
  /** ± fraction of the threshold inside which a price move decides whether Kraken sweeps a balance. */
  borderlineBand: decimalBetween('0', '0.5', 'The borderline band'),
  /** Kraken's fee on a small-balance conversion, as a fraction (0.03 = 3 %). */
  conversionFeeRate: decimalBetween('0', '0.2', 'The conversion fee'),
  /** 0 turns automatic refresh off. */
  autoRefreshSeconds: z.number().int().min(0).max(3600),
  reconcileTolerance: z.object({
    absolute: decimalBetween('0', '1000000', 'The absolute tolerance'),
    relative: decimalBetween('0', '0.5', 'The relative tolerance'),
    valueUsd: decimalBetween('0', '1000', 'The value tolerance'),
  }),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  quoteCurrency: 'USD',
  dustThresholdUsd: '1.00',
  borderlineBand: '0.10',
  conversionFeeRate: '0.03',
  autoRefreshSeconds: 60,
  reconcileTolerance: { absolute: '0.00000001', relative: '0.0001', valueUsd: '0.01' },
};

export const settingsCalls = {
  'settings.get': call(z.object({}).strict(), Settings),
  'settings.update': call(Settings.partial().strict(), Settings),
};
