// Which of an API key's permissions OC9 Console needs, may use, and wants gone (GetApiKeyInfo codes,
// docs/kraken-facts.md §4); the connect form and the account list show a key in these groups.

export interface PermissionInfo {
  code: string;
  /** The label on Kraken's key settings page. */
  label: string;
  /** Why OC9 Console cares. */
  why: string;
}

export const REQUIRED_PERMISSIONS: readonly PermissionInfo[] = [
  { code: 'query-funds', label: 'Funds – Query', why: 'reads balances for Portfolio and Reconcile' },
  { code: 'query-ledger', label: 'Data – Query ledger entries', why: 'proves conversions and reconciles the book' },
  { code: 'query-open-trades', label: 'Orders and trades – Query open orders & trades', why: 'sees funds held by open orders' },
  { code: 'query-closed-trades', label: 'Orders and trades – Query closed orders & trades', why: 'rebuilds the book from trade history' },
];

export const OPTIONAL_PERMISSIONS: readonly PermissionInfo[] = [
  { code: 'modify-trades', label: 'Orders and trades – Create & modify orders', why: 'needed only to sell balances through the API' },
  { code: 'close-trades', label: 'Orders and trades – Cancel & close orders', why: 'needed only to cancel an order OC9 Console placed' },
];

export const FORBIDDEN_PERMISSIONS: readonly PermissionInfo[] = [
  { code: 'withdraw-funds', label: 'Funds – Withdraw', why: 'OC9 Console never withdraws; a leaked key with it can empty the account' },
];

/** Where the operator removes a permission on Kraken (Kraken Pro's Settings, API tab: pro.kraken.com/app/settings/api). */
export const WHERE_TO_EDIT_KEY = 'On Kraken (pro.kraken.com), open Settings › API and edit this key';

export interface PermissionCheck extends PermissionInfo {
  granted: boolean;
}

export interface PermissionReport {
  required: PermissionCheck[];
  optional: PermissionCheck[];
  /** Granted permissions OC9 Console wants removed (withdraw). */
  remove: PermissionCheck[];
  /** Granted codes OC9 Console neither needs nor fears. */
  unused: string[];
  /** Every required permission is granted. */
  sufficient: boolean;
}

export function groupPermissions(granted: readonly string[]): PermissionReport {
  const has = new Set(granted);
  const check = (p: PermissionInfo): PermissionCheck => ({ ...p, granted: has.has(p.code) });
  const required = REQUIRED_PERMISSIONS.map(check);
  const known = new Set([...REQUIRED_PERMISSIONS, ...OPTIONAL_PERMISSIONS, ...FORBIDDEN_PERMISSIONS].map((p) => p.code));
  return {
    required,
    optional: OPTIONAL_PERMISSIONS.map(check),
    remove: FORBIDDEN_PERMISSIONS.filter((p) => has.has(p.code)).map(check),
    unused: [...has].filter((code) => !known.has(code)).sort(),
    sufficient: required.every((p) => p.granted),
  };
}

/** Plain words for a key that lacks required permissions, naming each one, or null when none is missing. */
export function missingPermissionsMessage(report: PermissionReport): string | null {
  const missing = report.required.filter((p) => !p.granted);
  if (missing.length === 0) return null;
  const names = missing.map((p) => `“${p.label}”`).join(', ');
  return `This key lacks ${names}, which OC9 Console needs. ${WHERE_TO_EDIT_KEY}: tick ${names} and save, then check the key again.`;
}

/** The strong warning for a key that can withdraw, saying where to take the permission away. */
export function withdrawWarning(report: PermissionReport): string | null {
  if (report.remove.length === 0) return null;
  const names = report.remove.map((p) => `“${p.label}”`).join(', ');
  return (
    `This key can withdraw funds. OC9 Console never needs ${names}, and anyone who obtains a key with it can move ` +
    `your money off Kraken. ${WHERE_TO_EDIT_KEY}: untick ${names} and save. The key's private key stays the same.`
  );
}
