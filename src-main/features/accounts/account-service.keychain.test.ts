// The account service end to end on the main side: real Kraken client over HTTP to the real simulator, the real
// keychain (Secret Service in a private D-Bus session), the real JSON store. Run with npm run test:keychain.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountsCalls } from '../../../src-shared/contract/accounts';
import { createDispatcher } from '../../../src-shared/rpc';
import { systemClock } from '../../../src-shared/clock';
import { startHarness, testKeys, type Harness } from '../../kraken/test-harness';
import { createLogger } from '../../logger';
import { demoKeys } from '@oc9/kraken-simulator';
import { callAdmin, callPrivate } from '@oc9/kraken-simulator/test-support';
import { createVault, type SecretStore } from '../../vault';
import { createAccountService, type AccountService } from './account-service';
import { createConnectionManager, type ConnectionManager } from '../../connection/connection-manager';

const service = `oc9-console-accounts-test-${process.pid}-${randomBytes(4).toString('hex')}`;
let vault: SecretStore;
let connections: ConnectionManager;
let harness: Harness;
let simUrl: string;
let dataDir: string;
let accounts: AccountService;
const secretsSeen = new Set<string>();

const makeService = () =>
  createAccountService({
    dataDir,
    vault,
    connections,
    clock: systemClock,
    logger: createLogger({ dir: join(dataDir, 'logs') }),
    timeoutMs: 3000,
  });

const pair = (key: { key: string; secret: string }, more: Partial<{ tier: 'starter' | 'pro'; baseUrl: string; otp: string }> = {}) => {
  secretsSeen.add(key.secret);
  return { apiKey: key.key, privateKey: key.secret, tier: 'starter' as const, baseUrl: simUrl, ...more };
};

async function errorOf(promise: Promise<unknown>): Promise<{ code?: string; message: string; retryable?: boolean }> {
  const error = (await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  )) as { code?: string; message: string };
  return error;
}

beforeAll(async () => {
  if (!process.env['DBUS_SESSION_BUS_ADDRESS']) {
    throw new Error('Needs a private D-Bus session with gnome-keyring: npm run test:keychain');
  }
  vault = createVault({ service, store: 'secret-service' });
  connections = await createConnectionManager({ clock: systemClock });
  simUrl = connections.simulator()?.url ?? '';
  harness = await startHarness();
});

afterAll(async () => {
  for (const account of await vault.list().catch(() => [])) await vault.remove(account);
  await connections.stop();
  await harness.stop();
});

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'oc9-accounts-'));
  connections.use(null);
  accounts = makeService();
});

afterEach(async () => {
  for (const account of await vault.list()) await vault.remove(account);
  await rm(dataDir, { recursive: true, force: true });
});

describe('checking a key with Kraken', () => {
  it('names the key, shows its last four characters and groups its permissions, storing nothing', async () => {
    const check = await accounts.handlers['accounts.check'](pair(demoKeys.full));
    expect(check).toMatchObject({ keyName: 'demo', apiKeyLast4: demoKeys.full.key.slice(-4), nonceWindow: 0 });
    expect(check.permissions.sufficient).toBe(true);
    expect(check.permissions.optional.every((p) => p.granted)).toBe(true);
    expect(check.permissions.remove).toEqual([]);
    expect(await vault.list()).toEqual([]);
    expect((await accounts.handlers['accounts.list']({})).accounts).toEqual([]);
  });

  it('shows a key without query-funds as insufficient', async () => {
    const check = await accounts.handlers['accounts.check'](pair(demoKeys.readOnly));
    expect(check.permissions.sufficient).toBe(false);
    expect(check.permissions.required.find((p) => p.code === 'query-funds')?.granted).toBe(false);
  });

  it('puts withdraw in the group to remove', async () => {
    const check = await accounts.handlers['accounts.check'](pair(demoKeys.withdraw));
    expect(check.permissions.remove.map((p) => p.code)).toEqual(['withdraw-funds']);
  });

  it('says a wrong private key does not match the API key, without quoting either', async () => {
    const error = await errorOf(accounts.handlers['accounts.check'](pair({ key: demoKeys.full.key, secret: demoKeys.withdraw.secret })));
    expect(error.code).toBe('invalid_key');
    expect(error.message).toContain('same key pair');
    expect(error.message).not.toContain(demoKeys.withdraw.secret);
    expect(error.message).not.toContain(demoKeys.full.key);
  });

  it('says a key Kraken does not know is invalid', async () => {
    const error = await errorOf(accounts.handlers['accounts.check'](pair({ key: 'A'.repeat(56), secret: demoKeys.full.secret })));
    expect(error.code).toBe('invalid_key');
  });

  it('says when Kraken locked the key out', async () => {
    await callAdmin(harness.sim.url, 'faults', { kind: 'lockout', key: testKeys.closer.name });
    const error = await errorOf(accounts.handlers['accounts.check'](pair(testKeys.closer, { baseUrl: harness.sim.url })));
    expect(error.code).toBe('locked_out');
    expect(error.message).toContain('15 minutes');
  });

  it('explains nonce trouble when another program used the key with a larger nonce', async () => {
    const other = await callPrivate(harness.sim.url, testKeys.windowed, 'GetApiKeyInfo', {}, { nonce: '18000000000000000000' });
    expect(other.error).toEqual([]);
    const error = await errorOf(accounts.handlers['accounts.check'](pair(testKeys.windowed, { baseUrl: harness.sim.url })));
    expect(error.code).toBe('invalid_nonce');
    expect(error.message).toContain('another program');
  });

  it('says when there is no network at the API address', async () => {
    const error = await errorOf(accounts.handlers['accounts.check'](pair(demoKeys.full, { baseUrl: 'http://127.0.0.1:9' })));
    expect(error.code).toBe('network');
    expect(error.message).toContain('http://127.0.0.1:9');
    expect(error.retryable).toBe(true);
  });

  it('sends the 2FA password for keys that have one', async () => {
    const without = await errorOf(accounts.handlers['accounts.check'](pair(testKeys.otp, { baseUrl: harness.sim.url })));
    // the simulator answers a missing 2FA password as Kraken's EAPI:Invalid key (docs/kraken-facts.md §2; Kraken does not document the exact string)
    expect(without.code).toBe('invalid_key');
    const check = await accounts.handlers['accounts.check'](pair(testKeys.otp, { baseUrl: harness.sim.url, otp: testKeys.otp.otp }));
    expect(check.keyName).toBe('otp');
  });
});

describe('the contract in front of the service', () => {
  // the same dispatcher the app serves, over the accounts part of the contract
  const host = () => ({ dispatch: createDispatcher(accountsCalls, accounts.handlers) });

  it('refuses a private key that is not base64 of 64 bytes, in plain words and without echoing it', async () => {
    const notBase64 = 'this is not-a-private-key!';
    const result = await host().dispatch('accounts.check', { ...pair(demoKeys.full), privateKey: notBase64 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toContain('not in Kraken’s format');
    expect(message).not.toContain(notBase64);
  });

  it('trims whitespace pasted around and inside the keys', async () => {
    const full = demoKeys.full;
    const pasted = { ...pair(full), apiKey: `  ${full.key}\n`, privateKey: `${full.secret.slice(0, 40)}\n ${full.secret.slice(40)}  ` };
    const result = await host().dispatch('accounts.check', pasted);
    expect(result).toMatchObject({ ok: true, value: { keyName: 'demo' } });
  });

  it('never returns the private key in any answer', async () => {
    const h = host();
    const answers = [
      await h.dispatch('accounts.check', pair(demoKeys.full)),
      await h.dispatch('accounts.connect', { ...pair(demoKeys.full), acceptWithdraw: false }),
      await h.dispatch('accounts.list', {}),
    ];
    for (const answer of answers) {
      expect(answer.ok).toBe(true);
      const text = JSON.stringify(answer);
      expect(text).not.toContain(demoKeys.full.secret);
      expect(text).not.toContain(demoKeys.full.key);
    }
  });
});

describe('connecting, switching and disconnecting', () => {
  it('stores the pair in the keychain, makes the account current, and Kraken calls then use it', async () => {
    const state = await accounts.handlers['accounts.connect']({ ...pair(demoKeys.full), acceptWithdraw: false });
    expect(state.accounts).toHaveLength(1);
    const [account] = state.accounts;
    expect(state.activeId).toBe(account?.id);
    expect(account).toMatchObject({ keyName: 'demo', apiKeyLast4: 'mqvl', tier: 'starter', baseUrl: simUrl, needsOtp: false });
    expect(await vault.load(account?.id ?? '')).toEqual({ apiKey: demoKeys.full.key, secret: demoKeys.full.secret });
    const current = connections.current();
    expect(current).toMatchObject({ mode: 'live', accountId: account?.id, label: 'demo ····mqvl' });
    expect(Object.keys(await current.client.balanceEx()).length).toBeGreaterThan(0);
  });

  it('refuses a key without query-funds and stores nothing', async () => {
    const error = await errorOf(accounts.handlers['accounts.connect']({ ...pair(demoKeys.readOnly), acceptWithdraw: true }));
    expect(error.code).toBe('permission_denied');
    expect(error.message).toContain('Funds – Query');
    expect(await vault.list()).toEqual([]);
    expect(connections.current().mode).toBe('demo');
  });

  it('refuses a key with withdraw unless the operator accepts the risk', async () => {
    const error = await errorOf(accounts.handlers['accounts.connect']({ ...pair(demoKeys.withdraw), acceptWithdraw: false }));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('can withdraw funds');
    expect(await vault.list()).toEqual([]);
    const state = await accounts.handlers['accounts.connect']({ ...pair(demoKeys.withdraw), acceptWithdraw: true });
    expect(state.accounts[0]?.permissions.remove.map((p) => p.code)).toEqual(['withdraw-funds']);
  });

  it('keeps several accounts, switches between them and demo, and connecting a key again replaces it', async () => {
    const first = await accounts.handlers['accounts.connect']({ ...pair(demoKeys.full), acceptWithdraw: false });
    const second = await accounts.handlers['accounts.connect']({ ...pair(demoKeys.withdraw, { tier: 'pro' }), acceptWithdraw: true });
    const [a, b] = second.accounts;
    expect(second.accounts).toHaveLength(2);
    expect(second.activeId).toBe(b?.id);
    expect((await vault.list()).sort()).toEqual([a?.id, b?.id].sort());

    expect((await accounts.handlers['accounts.switch']({ id: null })).activeId).toBeNull();
    expect(connections.current().mode).toBe('demo');
    expect((await accounts.handlers['accounts.switch']({ id: a?.id ?? '' })).activeId).toBe(a?.id);
    expect(connections.current().label).toBe('demo ····mqvl');

    const again = await accounts.handlers['accounts.connect']({ ...pair(demoKeys.full), acceptWithdraw: false });
    expect(again.accounts.map((x) => x.id)).toEqual(first.accounts.map((x) => x.id).concat(b?.id ?? ''));
  });

  it('makes the last active account current again after a restart, and falls back to demo when its entry is gone', async () => {
    const state = await accounts.handlers['accounts.connect']({ ...pair(demoKeys.full), acceptWithdraw: false });
    connections.use(null);
    const restarted = makeService();
    await restarted.restore();
    expect(connections.current().accountId).toBe(state.activeId);

    await vault.remove(state.activeId ?? '');
    connections.use(null);
    const again = makeService();
    await again.restore();
    expect(connections.current().mode).toBe('demo');
    expect((await again.handlers['accounts.list']({})).problem).toContain('started in demo mode');
  });

  it('keeps a 2FA password for the session only: after a restart the account waits for it in demo mode', async () => {
    const otpPair = pair(testKeys.otp, { baseUrl: harness.sim.url, otp: testKeys.otp.otp });
    const state = await accounts.handlers['accounts.connect']({ ...otpPair, acceptWithdraw: false });
    const id = state.activeId ?? '';
    expect(state.accounts[0]?.needsOtp).toBe(false);
    expect(Object.keys(await connections.current().client.balanceEx()).length).toBeGreaterThan(0);
    const registryText = await readFile(join(dataDir, 'accounts.json'), 'utf8');
    expect(registryText).not.toContain(testKeys.otp.otp);
    expect(JSON.stringify(await vault.load(id))).not.toContain(testKeys.otp.otp);

    connections.use(null);
    const restarted = makeService();
    await restarted.restore();
    expect(connections.current().mode).toBe('demo');
    const after = await restarted.handlers['accounts.list']({});
    expect(after.problem).toContain('2FA password');
    expect(after.accounts[0]?.needsOtp).toBe(true);
    await expect(restarted.handlers['accounts.switch']({ id })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(connections.current().mode).toBe('demo');
    const switched = await restarted.handlers['accounts.switch']({ id, otp: testKeys.otp.otp });
    expect(switched).toMatchObject({ activeId: id, accounts: [{ needsOtp: false }] });
    expect(Object.keys(await connections.current().client.balanceEx()).length).toBeGreaterThan(0);
  });

  it('disconnect deletes the keychain entry and goes back to demo', async () => {
    const state = await accounts.handlers['accounts.connect']({ ...pair(demoKeys.full), acceptWithdraw: false });
    const id = state.activeId ?? '';
    const after = await accounts.handlers['accounts.disconnect']({ id });
    expect(after).toMatchObject({ activeId: null, accounts: [] });
    expect(await vault.load(id)).toBeNull();
    expect(connections.current().mode).toBe('demo');
  });

  it('writes no private key or API key to any file in the data folder (settings, registry, logs)', async () => {
    await accounts.handlers['accounts.connect']({ ...pair(demoKeys.full), acceptWithdraw: false });
    await accounts.handlers['accounts.check'](pair({ key: demoKeys.full.key, secret: demoKeys.withdraw.secret })).catch(() => undefined);
    const files = await readdir(dataDir, { recursive: true, withFileTypes: true });
    const written = files.filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name));
    expect(written.some((f) => f.endsWith('accounts.json'))).toBe(true);
    expect(written.some((f) => f.endsWith('.log'))).toBe(true);
    for (const file of written) {
      const text = await readFile(file, 'utf8');
      for (const secret of [...secretsSeen, demoKeys.full.key]) expect(text, file).not.toContain(secret);
    }
  });
});
