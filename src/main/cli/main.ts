import pkg from '../../../package.json';
import { processIO } from './io';
import { runCli } from './run-cli';

// The `trellis` command (bin/trellis.js loads this bundle).
runCli(process.argv.slice(2), processIO, pkg.version).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`trellis: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
