import { describe, expect, it } from 'vitest';
import { apiAddressProblem } from './api-address';
import { ConnectInput } from './contract/accounts';

describe('apiAddressProblem', () => {
  it.each([
    'https://api.kraken.com',
    'https://api.kraken.com/',
    'https://kraken.example:8443',
    'http://127.0.0.1:4100',
    'http://localhost:9',
    'http://[::1]:80',
    'http://127.8.9.10',
  ])('allows %s', (address) => {
    expect(apiAddressProblem(address)).toBeNull();
  });

  it.each([
    ['http://api.kraken.com', /https:\/\//],
    ['http://192.168.1.10:4100', /https:\/\//],
    ['http://127.0.0.1.attacker.example', /https:\/\//],
    ['https://user:pw@api.kraken.com', /user name or password/],
    ['https://user@api.kraken.com', /user name or password/],
    ['http://u:p@127.0.0.1:4100', /user name or password/],
    ['ftp://api.kraken.com', /https:\/\//],
    ['https://api.kraken.com/0/private', /no path/],
    ['https://api.kraken.com?x=1', /no path/],
    ['https://api.kraken.com#x', /no path/],
    ['api.kraken.com', /look like/],
  ])('refuses %s', (address, words) => {
    expect(apiAddressProblem(address)).toMatch(words);
  });

  it('the connect input refuses a credentialed address without quoting it', () => {
    const parsed = ConnectInput.safeParse({
      apiKey: 'k'.repeat(56),
      privateKey: 'p',
      tier: 'starter',
      baseUrl: 'https://me:hunter2@api.kraken.com',
    });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).not.toContain('hunter2');
    expect(parsed.error?.issues.some((issue) => issue.path[0] === 'baseUrl')).toBe(true);
  });
});
