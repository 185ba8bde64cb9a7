import { contract, isMethodName, type Progress } from '@shared/contract';
import { TrellisError, type Result } from '@shared/errors';
import type { CallContext } from './context';
import type { Handlers } from './handlers';

export interface DispatchOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export type Dispatch = (
  method: string,
  rawInput: unknown,
  opts?: DispatchOptions,
) => Promise<Result<unknown>>;

/**
 * The single door every front door (IPC, HTTP, CLI) goes through: the method is checked against the
 * contract, the input validated by its schema, and every failure returned as `{ code, message }` data.
 */
export function createDispatch(handlers: Handlers, log: (err: unknown) => void = console.error): Dispatch {
  return async (method, rawInput, opts = {}) => {
    if (!isMethodName(method))
      return fail('unknown_method', `There is no method called ${JSON.stringify(method)}.`);
    const parsed = contract[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
      return fail(
        'bad_input',
        `Invalid input for ${method}${where}: ${first?.message ?? 'does not match the schema'}.`,
      );
    }
    const ctx: CallContext = {
      signal: opts.signal ?? new AbortController().signal,
      progress: opts.onProgress ?? (() => {}),
    };
    try {
      // The handler map is keyed by method, so this lookup is the method's own handler; TypeScript cannot
      // correlate the union here, hence the widening.
      const handler = handlers[method] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof TrellisError) return { ok: false, error: err.toData() };
      log(err);
      return fail(
        'internal',
        `Something went wrong inside Trellis: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
}

const fail = (code: TrellisError['code'], message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});
