// Connecting Kraken accounts: check a key pair, store it in the OS keychain, switch between accounts, disconnect.
// The private key only ever travels inward (ConnectInput); no output here has room for it.
import { z } from 'zod';
import { apiAddressProblem } from '../api-address';
import { apiKeyProblem, privateKeyProblem, stripWhitespace } from '../private-key';
import { call } from '../rpc';

export const DEFAULT_API_BASE_URL = 'https://api.kraken.com';

/** Kraken's verification tier sets the key's call-counter limits, which the app's rate limiter follows. */
export const TIERS = ['starter', 'intermediate', 'pro'] as const;
export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;

const pasted = (problem: (text: string) => string | null) =>
  z
    .string()
    .max(1000)
    .transform(stripWhitespace)
    .superRefine((text, ctx) => {
      const message = problem(text);
      // the message never quotes the text: it may be a secret
      if (message !== null) ctx.addIssue({ code: 'custom', message });
    });

export const ApiBaseUrl = z
  .string()
  .trim()
  .max(300)
  .superRefine((text, ctx) => {
    const message = apiAddressProblem(text);
    // the message never quotes the address: it may hold a password
    if (message !== null) ctx.addIssue({ code: 'custom', message });
  })
  .transform((text) => text.replace(/\/+$/, ''));

export const ConnectInput = z
  .object({
    apiKey: pasted(apiKeyProblem),
    privateKey: pasted(privateKeyProblem),
    /** The key's 2FA password when it has one: used for this session only, never stored. */
    otp: z.string().trim().max(64).optional(),
    tier: Tier,
    baseUrl: ApiBaseUrl,
  })
  .strict();
export type ConnectInput = z.input<typeof ConnectInput>;

const Permission = z.object({ code: z.string(), label: z.string(), why: z.string(), granted: z.boolean() });

export const PermissionReportSchema = z.object({
  required: z.array(Permission),
  optional: z.array(Permission),
  remove: z.array(Permission),
  unused: z.array(z.string()),
  sufficient: z.boolean(),
});

export const KeyCheck = z.object({
  keyName: z.string(),
  apiKeyLast4: z.string().max(4),
  permissions: PermissionReportSchema,
  /** 0 when the key has no nonce window. */
  nonceWindow: z.number().int().nonnegative(),
});
export type KeyCheck = z.infer<typeof KeyCheck>;

export const AccountSummary = z.object({
  id: z.string(),
  keyName: z.string(),
  apiKeyLast4: z.string().max(4),
  tier: Tier,
  baseUrl: z.string(),
  /** ms since the epoch */
  connectedAt: z.number().int(),
  permissions: PermissionReportSchema,
  /** The key has a 2FA password and none was given this session: calls will fail until it is entered. */
  needsOtp: z.boolean(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const AccountsState = z.object({
  /** null: demo mode (the embedded simulator). */
  activeId: z.string().nullable(),
  accounts: z.array(AccountSummary),
  keychain: z.object({ available: z.boolean(), message: z.string().optional() }),
  /** Why the app fell back to demo at start, when it did (the keychain entry was missing or unreadable). */
  problem: z.string().optional(),
  defaultBaseUrl: z.string(),
});
export type AccountsState = z.infer<typeof AccountsState>;

const AccountId = z.string().min(1).max(64);

export const accountsCalls = {
  'accounts.list': call(z.object({}).strict(), AccountsState),
  /** Asks Kraken (GetApiKeyInfo) about the key pair; stores nothing. */
  'accounts.check': call(ConnectInput, KeyCheck),
  /** Checks again, stores the pair in the keychain and makes it the active account. */
  'accounts.connect': call(ConnectInput.extend({ acceptWithdraw: z.boolean() }).strict(), AccountsState),
  /** null switches to demo; otp is the key's 2FA password for this session, when it has one. */
  'accounts.switch': call(z.object({ id: AccountId.nullable(), otp: z.string().trim().max(64).optional() }).strict(), AccountsState),
  /** Deletes the keychain entry; the app falls back to demo when it was the active account. */
  'accounts.disconnect': call(z.object({ id: AccountId }).strict(), AccountsState),
};
