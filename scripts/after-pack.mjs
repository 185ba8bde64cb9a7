import { join } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';

/**
 * electron-builder's afterPack hook: flip Electron's fuses in the packed binary, before it is signed.
 * Fuses are bits compiled into the executable; flipped off, a feature cannot be turned back on by a
 * flag or an environment variable on the user's machine.
 *
 * @param {import('app-builder-lib').AfterPackContext} context
 */
export default async function afterPack(context) {
  const platform = context.electronPlatformName; // 'linux' | 'darwin' | 'mas' | 'win32'
  const name = context.packager.appInfo.productFilename;
  const electronBinary =
    platform === 'darwin' || platform === 'mas'
      ? join(context.appOutDir, `${name}.app`)
      : platform === 'win32'
        ? join(context.appOutDir, `${name}.exe`)
        : join(context.appOutDir, context.packager.executableName);

  // Electron validates the asar's embedded integrity only on macOS and Windows.
  const integritySupported = platform === 'darwin' || platform === 'mas' || platform === 'win32';
  await flipFuses(electronBinary, {
    version: FuseVersion.V1,
    // An arm64 macOS binary must stay ad-hoc signed to launch at all once its bytes change.
    resetAdHocDarwinSignature: (platform === 'darwin' || platform === 'mas') && context.arch === 3, // Arch.arm64
    [FuseV1Options.RunAsNode]: false, // ELECTRON_RUN_AS_NODE would turn the app into a plain Node
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false, // NODE_OPTIONS could inject code
    [FuseV1Options.EnableNodeCliInspectArguments]: false, // --inspect would open a debugger port
    [FuseV1Options.OnlyLoadAppFromAsar]: true, // no app/ folder beside app.asar can replace the code
    ...(integritySupported ? { [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true } : {}),
  });
  console.log(`  • fuses flipped  platform=${platform} file=${electronBinary}`);
}
