import { describe, expect, it } from 'vitest';
import { apiKeyProblem, lastFour, PRIVATE_KEY_NOT_BASE64, privateKeyProblem, stripWhitespace } from './private-key';

// Kraken's published example private key (base64 of 64 bytes)
const KRAKEN_EXAMPLE = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';
const base64Of = (bytes: number[]) => btoa(String.fromCharCode(...bytes));

describe('privateKeyProblem', () => {
  it('accepts base64 of exactly 64 bytes', () => {
    expect(privateKeyProblem(KRAKEN_EXAMPLE)).toBeNull();
    for (const fill of [0, 1, 127, 255]) expect(privateKeyProblem(base64Of(new Array<number>(64).fill(fill)))).toBeNull();
  });

  it.each([
    ['63 bytes', base64Of(new Array<number>(63).fill(7))],
    ['65 bytes', base64Of(new Array<number>(65).fill(7))],
    ['32 bytes', base64Of(new Array<number>(32).fill(7))],
    ['missing padding', KRAKEN_EXAMPLE.slice(0, -2)],
  ])('refuses base64 of the wrong length (%s), saying how long it is', (_, text) => {
    expect(privateKeyProblem(text)).toContain(`${text.length} characters`);
  });

  it.each([
    ['a word', 'not-a-private-key'],
    ['url-safe alphabet', KRAKEN_EXAMPLE.replace(/\//g, '_')],
    ['a hex string', 'ab'.repeat(64)],
    ['padding in the middle', `${KRAKEN_EXAMPLE.slice(0, 40)}==${KRAKEN_EXAMPLE.slice(42)}`],
  ])('refuses what is not base64 (%s) in plain words', (_, text) => {
    const problem = privateKeyProblem(text);
    expect(problem).not.toBeNull();
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) expect(problem).toBe(PRIVATE_KEY_NOT_BASE64);
  });

  it('refuses a non-canonical last character (it cannot decode to exactly 64 bytes)', () => {
    expect(privateKeyProblem(`${KRAKEN_EXAMPLE.slice(0, 85)}h==`)).not.toBeNull();
  });

  it('asks for a key when there is none, and never quotes the text it was given', () => {
    expect(privateKeyProblem('')).toContain('Paste the private key');
    const secretish = `${KRAKEN_EXAMPLE}x`;
    expect(privateKeyProblem(secretish)).not.toContain(secretish.slice(0, 20));
  });
});

describe('pasted text', () => {
  it('loses every space and line break', () => {
    expect(stripWhitespace(`  ${KRAKEN_EXAMPLE.slice(0, 44)}\n${KRAKEN_EXAMPLE.slice(44)}\t \r\n`)).toBe(KRAKEN_EXAMPLE);
  });

  it('checks the API key loosely but refuses junk', () => {
    expect(apiKeyProblem('OPTDOAHCm0JGGBsCXWGFksnaqc/lOBfwUOAfdDex2ERECh9Nexzmmqvl')).toBeNull();
    expect(apiKeyProblem('')).toContain('Paste the API key');
    expect(apiKeyProblem('short')).not.toBeNull();
    expect(apiKeyProblem('has spaces inside it but long enough')).not.toBeNull();
  });

  it('shows only the last four characters of an API key', () => {
    expect(lastFour('OPTDOAHCm0JGGBsCXWGFksnaqc/lOBfwUOAfdDex2ERECh9Nexzmmqvl')).toBe('mqvl');
  });
});
