// Private-call authentication as Kraken does it: API-Key, API-Sign over the raw body, a strictly increasing nonce
// per key (with the key's optional nonce window), the optional otp, and a temporary lockout after repeated failures.
import { timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../../src-shared/clock';
import { expectedSignature } from './signature';
import type { ScenarioKey } from './scenario';
import type { SimulatorSettings } from './simulator-settings';

export interface ApiKeyState {
  config: ScenarioKey;
  lastNonce: bigint;
  lastUsedMs?: number;
  createdMs: number;
}

export interface AuthRequest {
  path: string;
  apiKey: string | undefined;
  apiSign: string | undefined;
  rawBody: string;
  nonce: string | undefined;
  otp: string | undefined;
}

export type AuthOutcome = { ok: true; key: ApiKeyState } | { ok: false; error: string };

const NONCE = /^\d{1,20}$/;
const MAX_NONCE = 2n ** 64n - 1n;
/** How many recent nonces are remembered to refuse replays inside a nonce window. */
const NONCE_MEMORY = 1000;

export class Gatekeeper {
  private readonly keys = new Map<string, ApiKeyState>();
  private readonly failures = new Map<string, number>();
  private readonly lockedUntil = new Map<string, number>();
  private readonly recentNonces = new Map<string, Set<bigint>>();

  constructor(
    keys: readonly ScenarioKey[],
    private readonly settings: SimulatorSettings,
    private readonly clock: Clock,
  ) {
    for (const config of keys) this.keys.set(config.key, { config, lastNonce: 0n, createdMs: clock.now() });
  }

  keyList(): ApiKeyState[] {
    return [...this.keys.values()];
  }

  /** Finds a key by its API key or by its name. */
  find(keyOrName: string): ApiKeyState | undefined {
    return this.keys.get(keyOrName) ?? [...this.keys.values()].find((k) => k.config.name === keyOrName);
  }

  authenticate(request: AuthRequest): AuthOutcome {
    const id = request.apiKey ?? '';
    const until = this.lockedUntil.get(id);
    if (until !== undefined) {
      if (this.clock.now() < until) return { ok: false, error: 'EGeneral:Temporary lockout' };
      this.lockedUntil.delete(id);
    }
    const key = this.keys.get(id);
    if (!key) return this.fail(id, 'EAPI:Invalid key');
    if (!this.signatureMatches(key, request)) return this.fail(id, this.settings.badSignatureError);
    const nonce = request.nonce !== undefined && NONCE.test(request.nonce) ? BigInt(request.nonce) : undefined;
    if (nonce === undefined || nonce > MAX_NONCE || !this.nonceAcceptable(key, nonce)) {
      return this.fail(id, 'EAPI:Invalid nonce');
    }
    if (key.config.otp !== undefined && request.otp !== key.config.otp) return this.fail(id, this.settings.otpError);
    this.remember(key, nonce);
    this.failures.delete(id);
    key.lastUsedMs = this.clock.now();
    return { ok: true, key };
  }

  /** Locks a key out as if it had failed too often (admin fault injection). */
  lock(key: ApiKeyState, ms = this.settings.lockoutMs): void {
    this.lockedUntil.set(key.config.key, this.clock.now() + ms);
  }

  private signatureMatches(key: ApiKeyState, request: AuthRequest): boolean {
    if (!request.apiSign) return false;
    const expected = Buffer.from(expectedSignature(request.path, request.nonce ?? '', request.rawBody, key.config.secret));
    const given = Buffer.from(request.apiSign);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private nonceAcceptable(key: ApiKeyState, nonce: bigint): boolean {
    if (nonce > key.lastNonce) return true;
    const window = BigInt(key.config.nonceWindow);
    const seen = this.recentNonces.get(key.config.key);
    return window > 0n && nonce > key.lastNonce - window && !(seen?.has(nonce) ?? false);
  }

  private remember(key: ApiKeyState, nonce: bigint): void {
    if (nonce > key.lastNonce) key.lastNonce = nonce;
    if (key.config.nonceWindow === 0) return;
    const seen = this.recentNonces.get(key.config.key) ?? new Set<bigint>();
    seen.add(nonce);
    if (seen.size > NONCE_MEMORY) seen.delete(seen.values().next().value as bigint);
    this.recentNonces.set(key.config.key, seen);
  }

  private fail(id: string, error: string): AuthOutcome {
    const count = (this.failures.get(id) ?? 0) + 1;
    if (count >= this.settings.lockoutAfterFailures) {
      this.failures.delete(id);
      this.lockedUntil.set(id, this.clock.now() + this.settings.lockoutMs);
    } else {
      this.failures.set(id, count);
    }
    return { ok: false, error };
  }
}
