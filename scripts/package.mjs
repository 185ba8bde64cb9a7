#!/usr/bin/env node
// npm run package [-- --dir]: build the app, then package it with electron-builder for this platform
// (electron-builder.yml: AppImage + deb on Linux, dmg on macOS, nsis on Windows; --dir: unpacked only).
// Expected failures end with exit 1 and one line saying why, never a stack dump (DEBUG=1 shows it).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';
import { describeFailure } from './failure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--dir');
if (unknown.length)
  fail(`unknown option ${unknown.join(' ')} (only --dir, for an unpacked app, is understood)`, 2);

try {
  // 1. The three bundles (main, preload, renderer). Needs no Electron binary.
  const { build: buildBundles } = await import('electron-vite');
  await buildBundles({ root });

  // 2. The package. electron-builder needs Electron's binary for the target platform: the one already
  //    installed in node_modules/electron is reused; otherwise it is downloaded (and cached).
  const { default: builder } = await import('electron-builder');
  const local = electronBinary(root);
  const target = builder.Platform.current().createTarget(args.includes('--dir') ? 'dir' : null);
  const outputs = await builder.build({
    targets: target,
    config: {
      extends: join(root, 'electron-builder.yml'),
      ...(local.path ? { electronDist: join(root, 'node_modules', 'electron', 'dist') } : {}),
    },
    publish: 'never',
  });
  console.log(
    outputs.length
      ? `\nPackaged in release/:\n${outputs.map((o) => `  ${o}`).join('\n')}`
      : '\nThe unpacked app is in release/ (--dir).',
  );
} catch (err) {
  if (process.env.DEBUG) console.error(err);
  fail(describeFailure(err));
}

/** @param {string} reason @param {number} [code] */
function fail(reason, code = 1) {
  console.error(`\nnpm run package failed: ${reason}`);
  process.exit(code);
}
