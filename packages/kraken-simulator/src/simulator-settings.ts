// Every behaviour of Kraken that the reference marks UNCONFIRMED is a setting here, with the documented default.

export type SweepFeeLeg = 'receive' | 'spend' | 'random';
export type SystemStatus = 'online' | 'maintenance' | 'cancel_only' | 'post_only';

export interface SimulatorSettings {
  /** Kraken's answer to an HMAC mismatch; support articles say "Invalid key", the error table lists both. */
  badSignatureError: 'EAPI:Invalid key' | 'EAPI:Invalid signature';
  /** Error for a missing or wrong `otp` on a key with 2FA; Kraken's string is undocumented. */
  otpError: string;
  /** Consecutive auth failures (bad key, signature, nonce, otp) on one key before a temporary lockout. */
  lockoutAfterFailures: number;
  lockoutMs: number;
  /** Call-counter cost of QueryLedgers: 2 per Kraken's CLI, 1 per ccxt. */
  queryLedgersCost: number;
  /** Per-pair matching-engine limiter for AddOrder/CancelOrder (`EOrder:Rate limit exceeded`). */
  engineLimits: boolean;
  /** Decimal string: balances worth less than this many USD are swept by "Convert small balances". */
  dustThresholdUsd: string;
  /** Decimal string: share of the swept value that Kraken keeps. */
  sweepFeeRate: string;
  /** Which ledger leg carries the sweep fee: real sweeps show it on either. */
  sweepFeeLeg: SweepFeeLeg;
  sweepCooldownMs: number;
  /** Altnames of the assets a sweep may convert into (those present in the scenario). */
  sweepTargets: string[];
  /** Fee percentages used when a pair's fee ladder is empty (as in live captures). */
  defaultTakerFeePercent: string;
  defaultMakerFeePercent: string;
  ledgerPageSize: number;
  /** Unix seconds: Ledgers and QueryLedgers return nothing older, as for an account whose history Kraken no longer
   * serves in full. Null returns the whole ledger. */
  ledgerRetentionFrom: number | null;
  systemStatus: SystemStatus;
  /** Old Kraken treated any `validate` value, even "false", as validate-only. */
  validateAnyValueQuirk: boolean;
  /** Seed for generated ids and random choices; absent = the clock's start, so a virtual clock reproduces a run
   * and each real demo session still gets fresh refids (receipts saved by an earlier session never collide). */
  seed?: number;
}

export const defaultSettings: SimulatorSettings = {
  badSignatureError: 'EAPI:Invalid key',
  otpError: 'EAPI:Invalid key',
  lockoutAfterFailures: 5,
  lockoutMs: 15 * 60 * 1000,
  queryLedgersCost: 2,
  engineLimits: true,
  dustThresholdUsd: '1.00',
  sweepFeeRate: '0.03',
  sweepFeeLeg: 'receive',
  sweepCooldownMs: 24 * 60 * 60 * 1000,
  sweepTargets: ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY', 'USDT', 'USDC'],
  defaultTakerFeePercent: '0.40',
  defaultMakerFeePercent: '0.25',
  ledgerPageSize: 50,
  ledgerRetentionFrom: null,
  systemStatus: 'online',
  validateAnyValueQuirk: false,
};

export function resolveSettings(overrides: Partial<SimulatorSettings> = {}): SimulatorSettings {
  return { ...defaultSettings, ...overrides };
}
