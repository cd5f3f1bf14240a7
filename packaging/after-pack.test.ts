// The packaging step that can run here: the real @electron/fuses flips a stand-in binary carrying Electron's fuse
// wire, and the installer configuration names every target. Building installers needs Electron's download (README).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPack, packedElectronPath } from './after-pack.mjs';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults: RunAsNode, NODE_OPTIONS, --inspect, file:// privileges and Wasm trap handlers on
const ELECTRON_DEFAULT_WIRE = '101100011';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oc9-pack-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A file laid out like an Electron binary around its fuse wire: filler, sentinel, version 1, length, states. */
function standInBinary(path: string): void {
  const filler = Buffer.alloc(4096, 0x90);
  writeFileSync(
    path,
    Buffer.concat([
      filler,
      Buffer.from(SENTINEL),
      Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
      Buffer.from(ELECTRON_DEFAULT_WIRE),
      filler,
    ]),
  );
}

const linuxContext = (appOutDir: string) => ({
  appOutDir,
  electronPlatformName: 'linux',
  arch: 1,
  packager: { appInfo: { productFilename: 'OC9 Console' }, executableName: 'oc9-console' },
});

describe('afterPack', () => {
  it('flips the release fuses in the packed binary', async () => {
    const binary = join(dir, 'oc9-console');
    standInBinary(binary);
    const before = readFileSync(binary);
    await afterPack(linuxContext(dir));
    const wire = await getCurrentFuseWire(binary);
    expect(wire).toMatchObject({
      [FuseV1Options.RunAsNode]: FuseState.DISABLE,
      [FuseV1Options.EnableCookieEncryption]: FuseState.ENABLE,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.DISABLE,
      [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.DISABLE,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.ENABLE,
      [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.ENABLE,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.DISABLE,
      // a fuse the release does not set keeps Electron's value
      [FuseV1Options.WasmTrapHandlers]: FuseState.ENABLE,
    });
    // only the wire changed
    const after = readFileSync(binary);
    expect(after.length).toBe(before.length);
    expect(after.subarray(0, 4096)).toEqual(before.subarray(0, 4096));
  });

  it('fails the build rather than ship unflipped when the binary has no fuse wire', async () => {
    writeFileSync(join(dir, 'oc9-console'), 'not electron');
    await expect(afterPack(linuxContext(dir))).rejects.toThrow(/sentinel/);
  });

  it('finds the binary on each platform and re-signs ad hoc only on Apple silicon', async () => {
    const flip = vi.fn((_path: string, _config: { resetAdHocDarwinSignature?: boolean }) => Promise.resolve(1));
    const packager = { appInfo: { productFilename: 'OC9 Console' }, executableName: 'oc9-console' };
    await afterPack({ appOutDir: '/o', electronPlatformName: 'darwin', arch: 3, packager }, flip);
    await afterPack({ appOutDir: '/o', electronPlatformName: 'darwin', arch: 1, packager }, flip);
    await afterPack({ appOutDir: '/o', electronPlatformName: 'win32', arch: 1, packager }, flip);
    expect(flip.mock.calls.map(([path, config]) => [path, config.resetAdHocDarwinSignature])).toEqual([
      ['/o/OC9 Console.app', true],
      ['/o/OC9 Console.app', false],
      ['/o/OC9 Console.exe', false],
    ]);
    expect(packedElectronPath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe('/o/oc9-console');
  });
});

describe('installer configuration', () => {
  const config = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'electron-builder.json'), 'utf8')) as Record<
    string,
    { target?: string[] } | string | boolean
  >;

  it('builds AppImage and deb for Linux, dmg for macOS, nsis for Windows, from an asar', () => {
    expect([config['linux'], config['mac'], config['win']].map((platform) => (platform as { target: string[] }).target)).toEqual([
      ['AppImage', 'deb'],
      ['dmg'],
      ['nsis'],
    ]);
    expect(config['asar']).toBe(true);
  });

  it('runs this file’s afterPack', () => {
    expect(config['afterPack']).toBe('./packaging/after-pack.mjs');
    expect(existsSync(join(import.meta.dirname, '..', config['afterPack'] as string))).toBe(true);
  });
});
