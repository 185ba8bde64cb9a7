import type { HEALTH_BANDS } from '../../shared/metrics';

export interface DosageBand {
  index: number;
  label: string;
  /** Lower edge in hours (inclusive) and upper edge (exclusive, null for the open top band). */
  from: number;
  to: number | null;
}

const fmt = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1));

/** Bands from ascending edges in hours: [10, 30, 60] -> '< 10 h', '10-30 h', '30-60 h', '60+ h'. */
export function dosageBands(edges: readonly number[]): DosageBand[] {
  const bands: DosageBand[] = [];
  let from = 0;
  edges.forEach((to, i) => {
    bands.push({ index: i, label: i === 0 ? `< ${fmt(to)} h` : `${fmt(from)}-${fmt(to)} h`, from, to });
    from = to;
  });
  bands.push({ index: edges.length, label: `${fmt(from)}+ h`, from, to: null });
  return bands;
}

/** The band of a number of contact hours: the first band whose upper edge is above it. */
export function bandOf(hours: number, edges: readonly number[]): number {
  for (let i = 0; i < edges.length; i += 1) if (hours < (edges[i] as number)) return i;
  return edges.length;
}

export type HealthBand = (typeof HEALTH_BANDS)[number];

/**
 * Wilder Collaboration Factors Inventory bands on a 1-5 scale: 4.0 and above a strength, 3.0 to 3.9
 * borderline, under 3.0 a concern. A mean between 3.95 and 4.0 is borderline (the mean is compared
 * unrounded). Other scales are mapped linearly onto 1-5 first.
 */
export function healthBand(mean: number, min = 1, max = 5): HealthBand {
  const onFive = 1 + ((mean - min) * 4) / (max - min);
  if (onFive >= 4) return 'strength';
  if (onFive >= 3) return 'borderline';
  return 'concern';
}

/** Progress toward a goal: actual / target (at least), target / actual (at most). */
export function goalProgress(
  actual: number | null,
  target: number,
  direction: 'at_least' | 'at_most',
): { progress: number | null; met: boolean | null } {
  if (actual === null) return { progress: null, met: null };
  const met = direction === 'at_least' ? actual >= target : actual <= target;
  if (direction === 'at_least') return { progress: target === 0 ? null : actual / target, met };
  return { progress: actual === 0 ? (target >= 0 ? 1 : null) : target / actual, met };
}
