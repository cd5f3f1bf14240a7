// Operator preferences: the dust threshold and band, Kraken's fee, the valuation currency, refresh, tolerances.
import { z } from 'zod';
import { dec, DecimalString, isDecimal } from '../money';
import { call } from '../rpc';

/** The bounds of every decimal setting: the contract checks them, and the forms name them in their messages. */
export const SETTING_BOUNDS = {
  dustThresholdUsd: { what: 'The dust threshold', min: '0.01', max: '100' },
  smallBalanceLimitUsd: { what: 'The small-balance limit', min: '1', max: '10000' },
  borderlineBand: { what: 'The borderline band', min: '0', max: '0.5' },
  conversionFeeRate: { what: 'The conversion fee', min: '0', max: '0.2' },
  toleranceAbsolute: { what: 'The absolute tolerance', min: '0', max: '1000000' },
  toleranceRelative: { what: 'The relative tolerance', min: '0', max: '0.5' },
  toleranceValueUsd: { what: 'The value tolerance', min: '0', max: '1000' },
} as const;

export const AUTO_REFRESH_MAX_SECONDS = 3600;

// the range check runs only on text the pattern accepted: a refine must answer, never throw
const decimalBetween = ({ min, max, what }: { min: string; max: string; what: string }) =>
  DecimalString.refine(
    (value) => isDecimal(value) && dec(value).gte(min) && dec(value).lte(max),
    `${what} must be between ${min} and ${max}`,
  );

export const QUOTE_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY'] as const;
export const QuoteCurrency = z.enum(QUOTE_CURRENCIES);
export type QuoteCurrency = z.infer<typeof QuoteCurrency>;

export const Settings = z.object({
  quoteCurrency: QuoteCurrency,
  /** Kraken sweeps balances worth less than this many USD (about 1 USD, Kraken's instant-trade minimum). */
  dustThresholdUsd: decimalBetween(SETTING_BOUNDS.dustThresholdUsd),
  /** What the operator counts as a small balance (USD): under it, balances Kraken cannot sweep are offered for sale. */
  smallBalanceLimitUsd: decimalBetween(SETTING_BOUNDS.smallBalanceLimitUsd),
  /** ± fraction of the threshold inside which a price move decides whether Kraken sweeps a balance. */
  borderlineBand: decimalBetween(SETTING_BOUNDS.borderlineBand),
  /** Kraken's fee on a small-balance conversion, as a fraction (0.03 = 3 %). */
  conversionFeeRate: decimalBetween(SETTING_BOUNDS.conversionFeeRate),
  /** 0 turns automatic refresh off. */
  autoRefreshSeconds: z.number().int().min(0).max(AUTO_REFRESH_MAX_SECONDS),
  reconcileTolerance: z.object({
    absolute: decimalBetween(SETTING_BOUNDS.toleranceAbsolute),
    relative: decimalBetween(SETTING_BOUNDS.toleranceRelative),
    valueUsd: decimalBetween(SETTING_BOUNDS.toleranceValueUsd),
  }),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  quoteCurrency: 'USD',
  dustThresholdUsd: '1.00',
  smallBalanceLimitUsd: '10',
  borderlineBand: '0.10',
  conversionFeeRate: '0.03',
  autoRefreshSeconds: 60,
  reconcileTolerance: { absolute: '0.00000001', relative: '0.0001', valueUsd: '0.01' },
};

export const settingsCalls = {
  'settings.get': call(z.object({}).strict(), Settings),
  'settings.update': call(Settings.partial().strict(), Settings),
};
