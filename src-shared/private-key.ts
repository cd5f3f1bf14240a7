// What a pasted Kraken key pair must look like before anything is sent: both sides run these checks, so the form
// can say what is wrong at once and the main side never trusts the form.

/** Pasted keys often carry line breaks or spaces; neither ever belongs to a Kraken key. */
export function stripWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}

// base64 of 64 bytes is 88 characters: 85 free, one whose low bits are zero, and "==" padding
const PRIVATE_KEY = /^[A-Za-z0-9+/]{85}[AQgw]==$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const PRIVATE_KEY_NOT_BASE64 =
  'The private key is not in Kraken’s format: it must be the base64 text Kraken showed when the key was created ' +
  '(88 characters of letters, digits, + and /, ending in ==). Copy the private key again from Kraken’s API settings.';

/** Plain words for what is wrong with a pasted private key (already stripped), or null when it is well formed. */
export function privateKeyProblem(privateKey: string): string | null {
  if (privateKey === '') return 'Paste the private key Kraken showed when the API key was created.';
  if (PRIVATE_KEY.test(privateKey)) return null;
  if (!BASE64.test(privateKey)) return PRIVATE_KEY_NOT_BASE64;
  return (
    `The private key must be base64 of 64 bytes (88 characters ending in ==), but this one has ${privateKey.length} ` +
    'characters. Check that it was copied completely, and that it is the private key, not the API key.'
  );
}

// Kraken API keys are 56 base64 characters; accept a little either way rather than guess at future formats
const API_KEY = /^[A-Za-z0-9+/=]{16,128}$/;

export function apiKeyProblem(apiKey: string): string | null {
  if (apiKey === '') return 'Paste the API key from Kraken’s API settings.';
  if (!API_KEY.test(apiKey)) {
    return 'This does not look like a Kraken API key (16 to 128 characters of letters, digits, + / and =). Copy it again from Kraken’s API settings.';
  }
  return null;
}

/** The only part of an API key the app ever shows. */
export function lastFour(apiKey: string): string {
  return apiKey.slice(-4);
}
