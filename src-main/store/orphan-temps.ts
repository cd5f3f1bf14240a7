// Temp files a crash left behind mid-write (the atomic writer's `<file>.tmp-<10 digits><6 hex>`), removed when the
// store opens. Only ones older than a minute: a writer in another process may be between its write and its rename.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ORPHAN_AGE_MS = 60_000;

/** Removes `fileName`'s orphaned temp files in `dir`; answers the names removed. */
export function removeOrphanTemps(dir: string, fileName: string, nowMs: number): string[] {
  const pattern = new RegExp(`^${fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.tmp-\\d{10}[a-f0-9]{6}$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => {
    if (!pattern.test(name)) return false;
    const path = join(dir, name);
    try {
      if (nowMs - statSync(path).mtimeMs < ORPHAN_AGE_MS) return false;
      rmSync(path, { force: true });
      return true;
    } catch {
      // gone already, or not ours to remove: leave it
      return false;
    }
  });
}
