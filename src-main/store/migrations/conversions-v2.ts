// conversions.json version 1 → 2: receipts gained `provisional` (version 1 kept only receipts whose receive leg was
// booked, so none was) and `plannedTarget` (version 1 credited the plan's own target, so it is the receipt's target
// when the receipt came from a plan).
import { isPlainObject } from './plain-object';

export function conversionsV2(old: unknown): unknown {
  if (!isPlainObject(old) || !isPlainObject(old['accounts'])) return old;
  const accounts = Object.fromEntries(Object.entries(old['accounts']).map(([key, account]) => [key, accountV2(account)]));
  return { ...old, accounts };
}

function accountV2(account: unknown): unknown {
  if (!isPlainObject(account) || !Array.isArray(account['receipts'])) return account;
  return { ...account, receipts: account['receipts'].map(storedReceiptV2) };
}

function storedReceiptV2(stored: unknown): unknown {
  if (!isPlainObject(stored) || !isPlainObject(stored['receipt'])) return stored;
  const receipt = stored['receipt'];
  const plannedTarget = receipt['planId'] === null || receipt['planId'] === undefined ? null : (receipt['target'] ?? null);
  return { ...stored, receipt: { plannedTarget, provisional: false, ...receipt } };
}
