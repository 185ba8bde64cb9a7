#!/usr/bin/env node
// The CLI is built with the app (`npm run build` writes out/main/cli.js).
import { existsSync } from 'node:fs';
const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('trellis: the CLI is not built yet: run `npm run build` first.\n');
  process.exit(1);
}
await import(cli.href);
