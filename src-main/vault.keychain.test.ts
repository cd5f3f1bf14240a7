// The vault against a real Secret Service (a throwaway gnome-keyring on a private D-Bus session).
// Run: npm run test:keychain   (= dbus-run-session -- bash .ci/keyring-session.sh npx vitest run --config vitest.keychain.config.ts)
import { randomBytes } from 'node:crypto';
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createVault } from './vault';

const HOW_TO_RUN =
  'The keychain suite needs a private D-Bus session with an unlocked gnome-keyring. Run it with: ' +
  'npm run test:keychain (dbus-run-session -- bash .ci/keyring-session.sh npx vitest run --config vitest.keychain.config.ts)';

const service = `oc9-console-test-${process.pid}-${randomBytes(4).toString('hex')}`;
const vault = createVault({ service, store: 'secret-service' });
const ALICE = {
  apiKey: 'alice-api-key-0001',
  secret: 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==',
};
const BOB = { apiKey: 'bob-api-key-0002', secret: 'Ym9iLXByaXZhdGUta2V5LWJvYi1wcml2YXRlLWtleS1ib2ItcHJpdmF0ZS1rZXktYm9iLXByaXZhdGUta2V5' };

describe('vault on the real Secret Service', () => {
  beforeEach(() => {
    // fail every test, never skip: a keychain suite that quietly runs nothing proves nothing
    if (!process.env['DBUS_SESSION_BUS_ADDRESS']) throw new Error(HOW_TO_RUN);
  });

  afterAll(async () => {
    for (const account of await vault.list().catch(() => [])) await vault.remove(account);
  });

  it('is available, and the probe leaves nothing behind', async () => {
    await expect(vault.available()).resolves.toEqual({ ok: true });
    expect(await findCredentialsAsync(service)).toEqual([]);
    expect(await vault.list()).toEqual([]);
  });

  it('saves and loads an account, storing exactly the key and the private key', async () => {
    await vault.save('alice', ALICE);
    expect(await vault.load('alice')).toEqual(ALICE);
    const raw = await new AsyncEntry(service, 'alice', { linux: { store: 'secret-service' } }).getPassword();
    expect(Object.keys(JSON.parse(raw ?? '{}') as object).sort()).toEqual(['apiKey', 'secret']);
  });

  it('keeps several accounts apart and lists them', async () => {
    await vault.save('bob', BOB);
    await vault.save('carol@desk-2', { apiKey: 'carol-key', secret: 'carol-secret' });
    expect(await vault.list()).toEqual(['alice', 'bob', 'carol@desk-2']);
    expect(await vault.load('alice')).toEqual(ALICE);
    expect(await vault.load('bob')).toEqual(BOB);
  });

  it('overwrites an account instead of adding a second entry', async () => {
    const rotated = { apiKey: 'alice-api-key-0003', secret: 'cm90YXRlZC1zZWNyZXQ=' };
    await vault.save('alice', rotated);
    expect(await vault.load('alice')).toEqual(rotated);
    expect((await findCredentialsAsync(service)).filter((c) => c.account === 'alice')).toHaveLength(1);
  });

  it('removes an account, and reports a missing one as not removed', async () => {
    expect(await vault.remove('bob')).toBe(true);
    expect(await vault.load('bob')).toBeNull();
    expect(await vault.remove('bob')).toBe(false);
    expect(await vault.remove('never-saved')).toBe(false);
    expect(await vault.load('never-saved')).toBeNull();
    expect(await vault.list()).toEqual(['alice', 'carol@desk-2']);
  });

  it('does not see entries of another service', async () => {
    const other = createVault({ service: `${service}-other`, store: 'secret-service' });
    expect(await other.list()).toEqual([]);
    expect(await other.load('alice')).toBeNull();
  });

  it('refuses an entry it did not write, without quoting its content', async () => {
    const foreign = 'not-json-but-a-secret-9d8e7f';
    await new AsyncEntry(service, 'foreign', { linux: { store: 'secret-service' } }).setPassword(foreign);
    const error: unknown = await vault.load('foreign').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'storage' });
    expect((error as Error).message).not.toContain(foreign);
    expect(await vault.remove('foreign')).toBe(true);
  });
});
