import type { Progress } from '@shared/contract';
import { TrellisError } from '@shared/errors';

/** What every handler receives besides its validated input. */
export interface CallContext {
  signal: AbortSignal;
  progress(p: Progress): void;
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new TrellisError('cancelled', 'Cancelled: nothing was changed.');
}

/**
 * Throttles progress to one event per `everyMs` (the UI contract is "at least every 250 ms while work
 * runs"; 200 ms leaves headroom) and fills in the rate.
 */
export function progressReporter(
  ctx: Pick<CallContext, 'progress'>,
  phase: string,
  unit: Progress['unit'],
  everyMs = 200,
) {
  const start = performance.now();
  let last = 0;
  return (done: number, total: number | null, force = false) => {
    const now = performance.now();
    if (!force && now - last < everyMs) return;
    last = now;
    const seconds = (now - start) / 1000;
    ctx.progress({ phase, done, total, unit, rate: seconds > 0 ? done / seconds : null });
  };
}
