import pkg from '../../../package.json';
import { processIO } from './io';
import { runCli } from './run-cli';

// The `trellis` command (bin/trellis.js loads this bundle).

// `trellis imports | head` closes the pipe early: stop quietly instead of dying on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
runCli(process.argv.slice(2), processIO, pkg.version).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`trellis: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
