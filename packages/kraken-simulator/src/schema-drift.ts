// Kraken changing its answers without notice, as the simulator's drift faults: fields it adds, optional fields it
// leaves out, and ledger entry types nobody has seen yet. A faithful client reads on, or says clearly what changed.
import type { FaultSpec } from './faults';

export type DriftKind = Extract<FaultSpec['kind'], `drift-${string}`>;

/** Fields Kraken documents as optional (or sends only sometimes) inside result entries. */
const OPTIONAL_FIELDS = new Set([
  'hold_trade',
  'credit',
  'credit_used',
  'wsname',
  'aclass_base',
  'aclass_quote',
  'cost_decimals',
  'lot_multiplier',
  'fee_volume_currency',
  'collateral_value',
  'cl_ord_id',
  'userref',
  'refid_order',
]);
/** Ledger types whose entries move balances the way an unknown future type would: they become one. */
const RENAMED_LEDGER_TYPES = new Set(['deposit', 'withdrawal', 'adjustment', 'staking', 'earn']);
export const UNKNOWN_LEDGER_TYPE = 'custodytransfer';

export function isDrift(kind: FaultSpec['kind']): kind is DriftKind {
  return kind.startsWith('drift-');
}

/** The same answer body with the drift applied to its result; error answers pass unchanged. */
export function driftBody(body: string, kind: DriftKind, method: string): string {
  const envelope = JSON.parse(body) as { error: string[]; result?: unknown };
  if (envelope.result === undefined || envelope.error.length > 0) return body;
  const result = transform(envelope.result, kind, method, 0);
  return JSON.stringify({ ...envelope, result });
}

function transform(value: unknown, kind: DriftKind, method: string, depth: number): unknown {
  if (Array.isArray(value)) return value.map((item) => transform(item, kind, method, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    // the top level keeps every field: a missing required field is a different failure
    if (kind === 'drift-missing-optional' && depth > 0 && OPTIONAL_FIELDS.has(key)) continue;
    out[key] = transform(field, kind, method, depth + 1);
  }
  if (kind === 'drift-extra-fields' && !isKeyedById(out))
    out['added_by_kraken'] = { note: 'a field this client has never seen', level: depth };
  if (kind === 'drift-unknown-ledger-type' && isLedgerEntry(method, out) && RENAMED_LEDGER_TYPES.has(String(out['type']))) {
    out['type'] = UNKNOWN_LEDGER_TYPE;
  }
  return out;
}

/** A map from ids (XXBT, L4UESK-…, XXBTZUSD) to entries, not an entry: a new key there would be a new asset or order. */
function isKeyedById(object: Record<string, unknown>): boolean {
  const keys = Object.keys(object);
  return keys.length === 0 || keys.every((key) => /^[A-Z0-9]/.test(key));
}

function isLedgerEntry(method: string, entry: Record<string, unknown>): boolean {
  return (method === 'Ledgers' || method === 'QueryLedgers') && typeof entry['refid'] === 'string' && 'balance' in entry;
}
