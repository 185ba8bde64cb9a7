import { expect } from 'vitest';

/**
 * Compare a statistic to its reference: both null, or relative error <= rel. An absolute floor keeps
 * references of exactly 0 (a Wilson bound at 0%) from demanding an exact float match.
 */
export function expectClose(
  actual: number | null | undefined,
  expected: number | null,
  label = '',
  rel = 1e-6,
  abs = 1e-12,
): void {
  if (expected === null) {
    expect(actual, `${label}: expected null`).toBeNull();
    return;
  }
  expect(actual, `${label}: expected a number`).toBeTypeOf('number');
  const a = actual as number; // checked just above
  const tolerance = Math.max(abs, rel * Math.abs(expected));
  expect(Math.abs(a - expected), `${label}: ${a} vs reference ${expected}`).toBeLessThanOrEqual(tolerance);
}
