// Every form a secret can take on its way into a log line: padded or not, base64url, %-encoded in either case or
// twice, JSON-escaped, or as the hex of its bytes. Pieces of a secret (a prefix, half of it in another field) are
// caught by the logger matching windows of these forms, not whole strings only.
import { Buffer } from 'node:buffer';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function secretForms(secret: string): string[] {
  const unpadded = secret.replace(/=+$/, '');
  const spellings = new Set([secret, unpadded]);
  if (BASE64.test(secret)) {
    const url = secret.replace(/\+/g, '-').replace(/\//g, '_');
    spellings.add(url).add(url.replace(/=+$/, ''));
  }
  const forms = new Set<string>();
  for (const text of spellings) {
    const encoded = encodeSafe(text);
    forms.add(text).add(JSON.stringify(text).slice(1, -1)).add(text.replace(/\//g, '\\/'));
    forms
      .add(encoded)
      .add(lowerEscapes(encoded))
      .add(encodeSafe(encoded))
      .add(new URLSearchParams({ v: text }).toString().slice(2));
  }
  const bytes = BASE64.test(secret) && secret.length >= 16 ? Buffer.from(secret, 'base64') : null;
  if (bytes && bytes.length >= 8) forms.add(bytes.toString('hex')).add(bytes.toString('hex').toUpperCase());
  return [...forms].filter((form) => form !== '');
}

function lowerEscapes(encoded: string): string {
  return encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

function encodeSafe(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // lone surrogates cannot be URI-encoded; the other forms still cover them
    return value;
  }
}
