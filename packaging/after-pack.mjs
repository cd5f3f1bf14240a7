// electron-builder's afterPack hook: flips Electron's fuses in the packed binary before it is signed and wrapped
// into an installer, so the shipped app cannot be run as plain Node, debugged from the command line, steered by
// NODE_OPTIONS, or made to load code from outside its integrity-checked asar.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** The fuse wire of every release build. */
export const RELEASE_FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // the renderer is served from app://, so file:// needs no extra privileges
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/**
 * Where electron-builder left the Electron binary for this platform.
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string }, executableName?: string } }} context
 * @returns {string}
 */
export function packedElectronPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
}

/**
 * The hook electron-builder calls (by this export's name); `flip` is injectable so tests can watch it.
 * @param {Parameters<typeof packedElectronPath>[0] & { arch?: number }} context
 * @param {typeof flipFuses} [flip]
 * @returns {Promise<void>}
 */
export async function afterPack(context, flip = flipFuses) {
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // flipping fuses breaks an ad-hoc signature on Apple silicon; re-sign ad hoc (the real signing comes later)
  await flip(packedElectronPath(context), { ...RELEASE_FUSES, resetAdHocDarwinSignature: isMac && context.arch === 3 });
}
