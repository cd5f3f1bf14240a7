// The simulator's own signature check against Kraken's published example, so it can judge the app's client.
import { describe, expect, it } from 'vitest';
import { expectedSignature, isKrakenSecret } from './signature';

const SECRET = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';

describe('expectedSignature', () => {
  it('reproduces Kraken’s official example', () => {
    const body = 'nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25';
    expect(expectedSignature('/0/private/AddOrder', '1616492376594', body, SECRET)).toBe(
      '4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==',
    );
  });

  it('changes with any byte of the body', () => {
    const a = expectedSignature('/0/private/Balance', '1', 'nonce=1', SECRET);
    expect(expectedSignature('/0/private/Balance', '1', 'nonce=1 ', SECRET)).not.toBe(a);
  });
});

describe('isKrakenSecret', () => {
  it('takes base64 of 64 bytes only', () => {
    expect(isKrakenSecret(SECRET)).toBe(true);
    expect(isKrakenSecret(SECRET.slice(4))).toBe(false);
    expect(isKrakenSecret('not base64!')).toBe(false);
  });
});
