// Without a session bus the vault must refuse, say what to install, and never leak the secret. The check runs in a
// child process whose environment really has no bus, so nothing in this worker's environment is faked.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError } from '../src-shared/errors';
import { createVault } from './vault';

const vaultModule = fileURLToPath(new URL('./vault.ts', import.meta.url));
const API_KEY = 'nobus-apikey-7f3a9c2e1b';
const SECRET = 'nobus-SECRET-kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5n==';

const childScript = `
import { createVault } from ${JSON.stringify(vaultModule)};
const vault = createVault({ service: 'oc9-console-nobus-test' });
const outcome = async (call) => {
  try { return { ok: true, value: await call() }; }
  catch (e) { return { ok: false, name: e.name, code: e.code, message: e.message }; }
};
const result = {
  available: await vault.available(),
  save: await outcome(() => vault.save('main', { apiKey: ${JSON.stringify(API_KEY)}, secret: ${JSON.stringify(SECRET)} })),
  load: await outcome(() => vault.load('main')),
  remove: await outcome(() => vault.remove('main')),
  list: await outcome(() => vault.list()),
};
process.stdout.write(JSON.stringify(result));
`;

interface Outcome {
  ok: boolean;
  name?: string;
  code?: string;
  message?: string;
}

function runWithoutSessionBus(): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env };
  // no bus address, and no runtime dir where a client could find the user bus on its own
  delete env['DBUS_SESSION_BUS_ADDRESS'];
  delete env['XDG_RUNTIME_DIR'];
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', childScript],
      { env, cwd: fileURLToPath(new URL('..', import.meta.url)), timeout: 15_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`child failed: ${stderr}`)) : resolve({ stdout, stderr })),
    );
  });
}

describe('vault without a session bus', () => {
  it('reports the keychain as unavailable with install advice, and refuses every operation', async () => {
    const { stdout, stderr } = await runWithoutSessionBus();
    const result = JSON.parse(stdout) as {
      available: { ok: boolean; reason?: string };
      save: Outcome;
      load: Outcome;
      remove: Outcome;
      list: Outcome;
    };

    expect(result.available.ok).toBe(false);
    const reason = result.available.reason ?? '';
    expect(reason).toContain('gnome-keyring');
    expect(reason).toContain('KeePassXC');
    expect(reason).toContain('D-Bus');
    expect(reason).toContain('never in a plain file');

    for (const op of [result.save, result.load, result.remove, result.list]) {
      expect(op).toMatchObject({ ok: false, name: 'AppError', code: 'no_keychain' });
      expect(op.message).toContain('gnome-keyring');
    }
    for (const text of [stdout, stderr]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(API_KEY);
    }
  });
});

describe('vault input checks (before the keychain is touched)', () => {
  const vault = createVault({ service: 'oc9-console-input-test' });

  it.each([[''], ['__probe-1'], ['a'.repeat(129)], ['line\nbreak']])('rejects the account id %j', async (id) => {
    await expect(vault.load(id)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(vault.remove(id)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(vault.save(id, { apiKey: 'k', secret: 's' })).rejects.toBeInstanceOf(AppError);
  });

  it('rejects an empty key or secret without echoing the other one', async () => {
    const error: unknown = await vault.save('main', { apiKey: '', secret: SECRET }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect((error as Error).message).not.toContain(SECRET);
    await expect(vault.save('main', { apiKey: API_KEY, secret: '' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
