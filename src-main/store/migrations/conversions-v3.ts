// conversions.json version 2 → 3: the account mirror holds Kraken's ledger now, so the state of the old search
// through it (scannedTo, scannedAt, search) goes; and ledger times (plan cursors, the legs kept for provisional
// receipts) become the text Kraken wrote (a number keeps only what it still holds).
import { isPlainObject } from './plain-object';
import { timesAsText } from './times-as-text';

export function conversionsV3(old: unknown): unknown {
  const data = timesAsText(old);
  if (!isPlainObject(data) || !isPlainObject(data['accounts'])) return data;
  const accounts = Object.fromEntries(
    Object.entries(data['accounts']).map(([key, account]) => {
      if (!isPlainObject(account)) return [key, account];
      const { scannedTo: _scannedTo, scannedAt: _scannedAt, search: _search, ...kept } = account;
      return [key, kept];
    }),
  );
  return { ...data, accounts };
}
