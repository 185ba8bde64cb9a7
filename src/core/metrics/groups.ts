import type { GroupKey } from '../../shared/metrics';

/** One value of a dimension as a unit of analysis has it: a code (stable) and a label (for people). */
export interface DimValue {
  code: string;
  label: string;
}

/** A unit with no value for a dimension (a youth with no recorded grade) lands in this group. */
export const NOT_RECORDED: DimValue = { code: '(not recorded)', label: 'Not recorded' };

/** One group a unit belongs to: a string key for maps, and the GroupKey the contract returns. */
export interface GroupRef {
  key: string;
  group: GroupKey;
}

export const OVERALL: GroupRef = { key: '', group: {} };

/**
 * Every group a unit belongs to under a split by `dims`: the cartesian product of its values per
 * dimension. A youth in two programs belongs to both program groups (memberships overlap, so group
 * figures need not add up to the total). A dimension the unit has no value for gives NOT_RECORDED.
 */
export function expandGroups(
  dims: readonly string[],
  valuesOf: (dim: string) => readonly DimValue[],
): GroupRef[] {
  let out: GroupRef[] = [OVERALL];
  for (const dim of dims) {
    const values = valuesOf(dim);
    const list = values.length === 0 ? [NOT_RECORDED] : dedupe(values);
    const next: GroupRef[] = [];
    for (const g of out) {
      for (const v of list) {
        next.push({ key: `${g.key}\u0001${v.code}`, group: { ...g.group, [dim]: v } });
      }
    }
    out = next;
  }
  return out;
}

function dedupe(values: readonly DimValue[]): DimValue[] {
  if (values.length < 2) return [...values];
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v.code) ? false : (seen.add(v.code), true)));
}

/** Sort rows by their group labels in dimension order, with "Not recorded" last. */
export function compareGroups(dims: readonly string[], a: GroupKey, b: GroupKey): number {
  for (const d of dims) {
    const x = a[d];
    const y = b[d];
    if (!x || !y) continue;
    if (x.code === y.code) continue;
    if (x.code === NOT_RECORDED.code) return 1;
    if (y.code === NOT_RECORDED.code) return -1;
    return x.code < y.code ? -1 : 1;
  }
  return 0;
}
