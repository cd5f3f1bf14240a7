// `npm start` where Electron cannot start: two plain lines and a pointer to browser mode, never a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('says in two lines that the window could not start, and how to get the same app in a browser', async () => {
  // an Electron that is not there: the package resolves to a binary in an empty folder
  const empty = await mkdtemp(join(tmpdir(), 'oc9-no-electron-'));
  try {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/desktop-launcher.ts'], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^The desktop window could not start: Electron at .* would not run \(.*ENOENT.*\)\.$/);
    expect(lines[1]).toBe('Run `npm run serve` for the same app in your browser.');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});
