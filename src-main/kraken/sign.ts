// Kraken's request signature: HMAC-SHA512(uriPath || SHA256(nonce || body), base64decode(secret)), base64.
import { createHash, createHmac } from 'node:crypto';

export function signRequest(uriPath: string, nonce: string, body: string, secretBase64: string): string {
  const inner = createHash('sha256')
    .update(nonce + body, 'utf8')
    .digest();
  return createHmac('sha512', Buffer.from(secretBase64, 'base64'))
    .update(Buffer.concat([Buffer.from(uriPath, 'utf8'), inner]))
    .digest('base64');
}

/** A Kraken private key is base64 of 64 bytes; anything else can never sign correctly. */
export function isValidPrivateKey(secretBase64: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secretBase64) || secretBase64.length % 4 !== 0) return false;
  return Buffer.from(secretBase64, 'base64').length === 64;
}
