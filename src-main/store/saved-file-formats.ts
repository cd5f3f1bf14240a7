// Every file the app saves, with its format version and the numbered migrations that bring an older file up to it.
// A new version needs a migration here and a sample of the old file in saved-files/v<N>/ (saved-files.test.ts loads
// every sample through the real app), so a change to a domain type can never silently break a saved file.
import { conversionsV2 } from './migrations/conversions-v2';
import { conversionsV3 } from './migrations/conversions-v3';
import { reconcileV2 } from './migrations/reconcile-v2';
import { settingsV2 } from './migrations/settings-v2';

export interface SavedFileFormat {
  /** The format written today, an integer from 1. */
  version: number;
  /** migrations[n] turns a file of version n-1 into version n. */
  migrations: Record<number, (old: unknown) => unknown>;
}

export const SAVED_FILES = {
  settings: { version: 2, migrations: { 2: settingsV2 } },
  accounts: { version: 1, migrations: {} },
  'window-state': { version: 1, migrations: {} },
  conversions: { version: 3, migrations: { 2: conversionsV2, 3: conversionsV3 } },
  reconcile: { version: 2, migrations: { 2: reconcileV2 } },
  sales: { version: 1, migrations: {} },
} as const satisfies Record<string, SavedFileFormat>;

export type SavedFileName = keyof typeof SAVED_FILES;

/** The version and migrations to open a saved file with. */
export function savedFormat(name: SavedFileName): SavedFileFormat {
  return SAVED_FILES[name];
}
