// How Kraken checks a private request, written here apart from the app's client so the simulator is an independent
// judge of its signing: API-Sign = base64(HMAC-SHA512(base64decode(secret), path + SHA256(nonce + body))).
import { createHash, createHmac } from 'node:crypto';

export function expectedSignature(path: string, nonce: string, rawBody: string, secret: string): string {
  const digest = createHash('sha256');
  digest.update(nonce);
  digest.update(rawBody);
  const mac = createHmac('sha512', Buffer.from(secret, 'base64'));
  mac.update(path);
  mac.update(digest.digest());
  return mac.digest('base64');
}

/** A secret Kraken could have issued: base64 of 64 bytes. */
export function isKrakenSecret(secret: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(secret) && secret.length % 4 === 0 && Buffer.from(secret, 'base64').length === 64;
}
