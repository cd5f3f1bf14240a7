// Fakes the electron module (no binary here): only allowlisted URLs may reach the system browser.
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ shell: { openExternal: vi.fn((_url: string) => Promise.resolve()) } }));
vi.mock('electron', () => electron);
const { openAllowlisted } = await import('./open-external');

describe('openAllowlisted', () => {
  it("opens Kraken's pages and the demo simulator's page, nothing else", async () => {
    expect(await openAllowlisted('https://pro.kraken.com/app/portfolio/spot')).toBe(true);
    expect(await openAllowlisted('http://127.0.0.1:41000/__sim/pro/portfolio/spot', ['http://127.0.0.1:41000'])).toBe(true);
    expect(await openAllowlisted('http://127.0.0.1:41000/__sim/pro/portfolio/spot')).toBe(false);
    expect(await openAllowlisted('https://attacker.example/')).toBe(false);
    expect(await openAllowlisted('file:///etc/passwd')).toBe(false);
    expect(electron.shell.openExternal.mock.calls).toEqual([
      ['https://pro.kraken.com/app/portfolio/spot'],
      ['http://127.0.0.1:41000/__sim/pro/portfolio/spot'],
    ]);
  });
});
