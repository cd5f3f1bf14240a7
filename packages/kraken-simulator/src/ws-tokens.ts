// WebSocket tokens as GetWebSocketsToken issues them: to be used within 15 minutes; a connection that subscribed with
// one keeps it for its lifetime (docs/kraken-facts.md §4.17).
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../src-shared/clock';
import type { ApiKeyState } from './auth';

/** Kraken's `expires`: seconds a new token may wait before its first use. */
export const WS_TOKEN_EXPIRES_S = 900;

export class WsTokens {
  private readonly tokens = new Map<string, { key: ApiKeyState; expiresAtMs: number }>();

  constructor(private readonly clock: Clock) {}

  issue(key: ApiKeyState): { token: string; expires: number } {
    const now = this.clock.now();
    for (const [token, issued] of this.tokens) if (issued.expiresAtMs <= now) this.tokens.delete(token);
    const token = randomBytes(32).toString('base64').replace(/=+$/, '');
    this.tokens.set(token, { key, expiresAtMs: now + WS_TOKEN_EXPIRES_S * 1000 });
    return { token, expires: WS_TOKEN_EXPIRES_S };
  }

  /** The key a token was issued to, while it may still open a subscription. */
  keyOf(token: string): ApiKeyState | undefined {
    const issued = this.tokens.get(token);
    return issued !== undefined && this.clock.now() < issued.expiresAtMs ? issued.key : undefined;
  }
}
