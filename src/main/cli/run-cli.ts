import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TrellisError } from '@shared/errors';
import { EXIT, UsageError, type CliIO } from './io';
import { COMMANDS, type CommandSpec } from './commands';

const GLOBAL_HELP = (
  version: string,
) => `trellis ${version}: evaluate community STEM education partnerships, offline.

Usage: trellis <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(14)}${c.summary}`)
  .join('\n')}

Common options:
  --project PATH  the project file (.trellis); created if it does not exist
  --json          machine-readable output on stdout
  -h, --help      help for a command

Exit codes: 0 success, 1 a user error (reason on stderr), 2 a usage error.`;

export async function runCli(argv: string[], io: CliIO, version: string): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(GLOBAL_HELP(version));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(version);
    return EXIT.ok;
  }
  const command: CommandSpec | undefined = COMMANDS[name];
  if (!command) {
    io.err(`trellis: unknown command "${name}". Run \`trellis --help\` for the list.`);
    return EXIT.usage;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { help: { type: 'boolean', short: 'h' }, ...command.options } as ParseArgsConfig['options'],
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    io.err(`trellis ${name}: ${err instanceof Error ? err.message : String(err)}\n${command.usage}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.out(`${command.summary}\n\n${command.usage}`);
    return EXIT.ok;
  }
  try {
    return (
      (await command.run({ values: parsed.values, positionals: parsed.positionals, io, version })) ?? EXIT.ok
    );
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`trellis ${name}: ${err.message}\n${command.usage}`);
      return EXIT.usage;
    }
    if (err instanceof TrellisError) {
      io.err(`trellis ${name}: ${err.message}`);
      return EXIT.userError;
    }
    // Not a user error: still one line, with a pointer, never a stack trace by default.
    io.err(`trellis ${name}: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.TRELLIS_DEBUG) io.err(err instanceof Error ? (err.stack ?? '') : '');
    return EXIT.userError;
  }
}
