/**
 * A map key for a pair of ids (youth and cohort, youth and administration): a small integer when both
 * fit (V8 hashes those fastest: no string to build, no heap number), else a string; never equal for
 * two different pairs.
 */
export const pairKey = (a: number, b: number): number | string =>
  a >= 0 && a < 2 ** 20 && b >= 0 && b < 2 ** 10 ? a * 2 ** 10 + b : `${a}:${b}`;
