import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, KRAKEN_LINKS } from './external-links';

describe('isAllowedExternalUrl', () => {
  it("allows Kraken's https pages", () => {
    for (const link of Object.values(KRAKEN_LINKS)) expect(isAllowedExternalUrl(link)).toBe(true);
  });

  it('refuses look-alikes, other schemes, credentials and ports', () => {
    expect(isAllowedExternalUrl('https://pro.kraken.com.attacker.example/app')).toBe(false);
    expect(isAllowedExternalUrl('http://pro.kraken.com/app')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@pro.kraken.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://pro.kraken.com:8443/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });

  it('allows the demo simulator only when its origin is passed in', () => {
    const page = 'http://127.0.0.1:40123/__sim/pro/portfolio/spot';
    expect(isAllowedExternalUrl(page)).toBe(false);
    expect(isAllowedExternalUrl(page, ['http://127.0.0.1:40123'])).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:40124/', ['http://127.0.0.1:40123'])).toBe(false);
  });
});
