/**
 * One catalogue of the error codes that cross a boundary (IPC, HTTP, CLI). Callers and tests match
 * on `code`; `message` is for people and may change.
 */
export const ERROR_CODES = [
  'bad_input', // the input did not match the method's schema
  'unknown_method',
  'forbidden', // untrusted sender, missing token
  'cancelled',
  'internal',
  'no_project',
  'project_not_found',
  'project_locked',
  'project_too_new',
  'project_corrupt',
  'not_a_project',
  'file_not_found',
  'file_unreadable',
  'import_failed',
  'not_found',
  'disk_full',
  'not_available', // the method exists but not in this front door (e.g. a native dialog in browser mode)
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const isErrorCode = (v: unknown): v is ErrorCode =>
  typeof v === 'string' && (ERROR_CODES as readonly string[]).includes(v);

export interface ErrorData {
  code: ErrorCode;
  message: string;
  /** Optional structured detail (e.g. the first import issues). Must be JSON-serialisable. */
  details?: unknown;
}

/** Thrown inside the Node side; converted to `{ ok: false, error }` data at every front door. */
export class TrellisError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'TrellisError';
    this.code = code;
    this.details = details;
  }
  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };
