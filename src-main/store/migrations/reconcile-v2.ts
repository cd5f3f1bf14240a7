// reconcile.json version 1 → 2: ledger times (checkpoint cursors, before and after each apply) become the text Kraken
// wrote; a number keeps only what it still holds.
import { timesAsText } from './times-as-text';

export function reconcileV2(old: unknown): unknown {
  return timesAsText(old);
}
