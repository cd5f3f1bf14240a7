import { describe, expect, it } from 'vitest';
import { isValidPrivateKey, signRequest } from './sign';

const SECRET = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';

describe('signRequest', () => {
  it("reproduces Kraken's official test vector", () => {
    const body = 'nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25';
    expect(signRequest('/0/private/AddOrder', '1616492376594', body, SECRET)).toBe(
      '4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==',
    );
  });

  it('signs a JSON body over its exact bytes', () => {
    const body = '{"nonce":"1616492376594","ordertype":"limit","pair":"XBTUSD","price":"37500","type":"buy","volume":"1.25"}';
    expect(signRequest('/0/private/AddOrder', '1616492376594', body, SECRET)).toBe(
      'r/o+GpKxXjV/mls/r5CKLu5R+yzK5psqvQ4hXxMX1nzdxTBhV+ui82QGgPZMMitpFwCOAdPEZMmXgZxD2chJEg==',
    );
  });

  it('signs a bare nonce body', () => {
    expect(signRequest('/0/private/Balance', '1616492376594', 'nonce=1616492376594', SECRET)).toBe(
      '1nH4vwR+8FHiYh1QT649xXkGd3JR3x0DWkgv3u9Ed/Qqv6KPtgQpEU4m+Emb/VgpEji3j1XNwI+HCbfXxmrTOg==',
    );
  });
});

describe('isValidPrivateKey', () => {
  it('accepts base64 of 64 bytes only', () => {
    expect(isValidPrivateKey(SECRET)).toBe(true);
    expect(isValidPrivateKey(SECRET.slice(4))).toBe(false);
    expect(isValidPrivateKey('not base64 at all!')).toBe(false);
    expect(isValidPrivateKey(Buffer.alloc(32).toString('base64'))).toBe(false);
  });
});
