// settings.json version 1 → 2: the small-balance limit (what the operator counts as a small balance, above Kraken's
// sweep limit) is new; a file from before it gets the default.

export function settingsV2(old: unknown): unknown {
  if (typeof old !== 'object' || old === null || Array.isArray(old)) return old;
  return { smallBalanceLimitUsd: '10', ...old };
}
