/** Where a command writes; tests pass a recorder. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}
export const processIO: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

/** Exit codes: 0 success, 1 a user error (one line on stderr), 2 a usage error. */
export const EXIT = { ok: 0, userError: 1, usage: 2 } as const;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
