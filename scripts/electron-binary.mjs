import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where Electron's binary is, found WITHOUT loading the `electron` package: its index.js downloads the
 * binary when it is missing, which on a machine without internet access hangs and then throws.
 * The package writes `path.txt` (the executable's path inside `dist/`) once the binary is installed.
 *
 * @param {string} root the repository root (the folder holding node_modules)
 * @returns {{ path: string, reason: null } | { path: null, reason: string }}
 */
export function electronBinary(root) {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) {
    return { path: null, reason: 'The electron package is not installed: run `npm install`.' };
  }
  const pathFile = join(pkg, 'path.txt');
  const inDist = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist');
  const candidate = inDist ? join(dist, inDist) : null;
  if (candidate && existsSync(candidate)) return { path: candidate, reason: null };
  return {
    path: null,
    reason:
      'Electron binary not installed: run `npx install-electron` (or `node node_modules/electron/install.js`) on a ' +
      'machine with internet access; this machine cannot download it.',
  };
}
