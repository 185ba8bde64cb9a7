#!/usr/bin/env node
// npm start: make sure Electron's binary is there (fetching it on first use), build the app, and run
// the desktop app; it opens the demo partnership on first start. Without Electron's binary (no
// internet access) it says so in one line and points to browser mode, `npm run serve`.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';
import { describeFailure } from './failure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

// 1. Electron's binary: installed by `npm install`'s first `require('electron')` in other projects,
//    here explicitly, so a failure is a message and not a stack from inside the electron package.
let binary = electronBinary(root);
if (!binary.path) {
  console.log("Electron's binary is not installed yet: downloading it (first start only)...");
  const install = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    stdio: process.env.DEBUG ? 'inherit' : 'pipe', // its failure is a raw stack dump: shown with DEBUG=1 only
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  binary = electronBinary(root);
  if (!binary.path) {
    const output = `${install.stderr ?? ''}\n${install.stdout ?? ''}`;
    const why =
      /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo/.test(
        output,
      )
        ? 'this machine has no internet access, or cannot reach GitHub'
        : install.error
          ? install.error.message
          : `the installer exited with ${install.status ?? install.signal}`;
    fail(
      `could not download Electron's binary (${why}). Use browser mode instead: \`npm run serve\` ` +
        '(or install Electron on a machine with internet access: `npx install-electron`).',
    );
  }
}

// 2. The three bundles (main, preload, renderer).
try {
  const { build } = await import('electron-vite');
  await build({ root });
} catch (err) {
  if (process.env.DEBUG) console.error(err);
  fail(`the build failed: ${describeFailure(err)}`);
}

// 3. The app: Electron on this folder, whose package.json `main` is out/main/index.js (launching the
//    folder, not the file, gives the app its own name, version and user-data folder).
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE; // would make the binary a plain Node
const child = spawn(binary.path, [root, ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (err) => fail(`could not start Electron: ${err.message}`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/** @param {string} reason @returns {never} */
function fail(reason) {
  console.error(`npm start failed: ${reason}`);
  process.exit(1);
}
