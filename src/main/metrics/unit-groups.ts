import { expandGroups, type GroupRef } from '@core/metrics/groups';
import { attributeValue } from './base/refs';
import { cached } from './cache';
import { valuesOf, type Ctx, type Unit } from './context';

/**
 * Units of analysis as columns (attendance cells, enrolments): one participant, cohort, program, site
 * (-1 = none) and partner (-1 = none) each. What `passes` and `groupsFor` (context.ts) do for a unit
 * object, done here for a whole column at once, without an object or a string per unit.
 */
export interface UnitColumns {
  length: number;
  participant: Int32Array;
  cohort: Int32Array;
  program: Int32Array;
  site: Int32Array;
  /** Absent for units that have no partners (enrolments). */
  partner?: Int32Array | undefined;
}

/** The groups of every unit of a table under a split, as small integers. */
export interface UnitGroups {
  /** per unit: its combination of groups (an index into combos) */
  comboOf: Int32Array;
  /** per combination: the indices (into refs) of the groups a unit with it belongs to */
  combos: Int32Array[];
  /** every group any unit belongs to */
  refs: GroupRef[];
}

/**
 * The groups of each unit of `table` (named `tableKey`, which names the data it holds under the
 * current data version) for a split by `dims`: units with the same values on the dims share a
 * combination, and each combination's groups are expandGroups(dims, valuesOf) of its first unit, so
 * keys and labels are those groupsFor gives. Built once per data version and split.
 */
export function unitGroups(
  ctx: Ctx,
  table: UnitColumns,
  tableKey: string,
  dims: readonly string[],
): UnitGroups {
  return cached(ctx.db, `unit-groups:${tableKey}:${dims.join('\u0001')}`, () => {
    const codes = dims.map((d) => dimCode(ctx, table, d));
    const comboOf = new Int32Array(table.length);
    const combos: Int32Array[] = [];
    const refs: GroupRef[] = [];
    const refIndex = new Map<string, number>();
    const make = (i: number) => {
      const partner = table.partner?.[i];
      const site = table.site[i]!;
      const unit: Unit = {
        participant: table.participant[i]!,
        cohort: table.cohort[i]!,
        programs: [table.program[i]!],
        sites: [site < 0 ? null : site],
        partners: partner === undefined ? [] : [partner < 0 ? null : partner],
      };
      const groups = expandGroups(dims, (d) => valuesOf(ctx, unit, d));
      combos.push(
        Int32Array.from(groups, (g) => {
          let k = refIndex.get(g.key);
          if (k === undefined) {
            refIndex.set(g.key, (k = refs.length));
            refs.push(g);
          }
          return k;
        }),
      );
      return combos.length - 1;
    };
    if (dims.length === 0) {
      make(0);
      return { comboOf, combos, refs };
    }
    // A tree of maps by the code of each dim in turn; its leaves are combination indices.
    const root = new Map<number, unknown>();
    const last = codes.length - 1;
    for (let i = 0; i < table.length; i += 1) {
      let m = root;
      for (let d = 0; d < last; d += 1) {
        const c = codes[d]!(i);
        let next = m.get(c) as Map<number, unknown> | undefined;
        if (!next) m.set(c, (next = new Map()));
        m = next;
      }
      const c = codes[last]!(i);
      let combo = m.get(c) as number | undefined;
      if (combo === undefined) m.set(c, (combo = make(i)));
      comboOf[i] = combo;
    }
    return { comboOf, combos, refs };
  });
}

/** A number per unit that is equal for two units exactly when valuesOf(dim) is (signatureOf, context.ts). */
function dimCode(ctx: Ctx, t: UnitColumns, dim: string): (i: number) => number {
  switch (dim) {
    case 'cohort':
      return (i) => t.cohort[i]!;
    case 'program':
      return (i) => t.program[i]!;
    case 'site':
      return (i) => t.site[i]!;
    case 'partner':
    case 'partner_type': {
      const p = t.partner;
      return p ? (i) => p[i]! : () => -1;
    }
    case 'wave':
      return () => 0;
    default: {
      const name = dim.slice('attribute:'.length);
      const ids = new Map<string | null, number>();
      return (i) => {
        const v = attributeValue(ctx.people, t.participant[i]!, name, t.cohort[i]!);
        let id = ids.get(v);
        if (id === undefined) ids.set(v, (id = ids.size));
        return id;
      };
    }
  }
}

/**
 * passes(ctx, unit, ignore) for the units of a table, as a test on a unit's index; null when no
 * filter applies (every unit passes).
 */
export function unitFilter(
  ctx: Ctx,
  t: UnitColumns,
  ignore: readonly ('cohort' | 'partner' | 'partner_type' | 'attributes')[] = [],
): ((i: number) => boolean) | null {
  const r = ctx.resolved;
  const tests: ((i: number) => boolean)[] = [];
  const { cohorts, programs, sites, partners, partnerTypes } = r;
  if (cohorts && !ignore.includes('cohort')) tests.push((i) => cohorts.has(t.cohort[i]!));
  if (programs) tests.push((i) => programs.has(t.program[i]!));
  if (sites) tests.push((i) => sites.has(t.site[i]!)); // -1 (no site) is never in the set
  const partner = t.partner;
  if (partners && !ignore.includes('partner'))
    tests.push(partner ? (i) => partners.has(partner[i]!) : () => false);
  if (partnerTypes && !ignore.includes('partner_type')) {
    const ok = new Map<number, boolean>();
    const typeOk = (p: number) => {
      let x = ok.get(p);
      if (x === undefined) {
        const type = p < 0 ? null : (ctx.refs.partnerById.get(p)?.type ?? null);
        ok.set(p, (x = type !== null && partnerTypes.has(type)));
      }
      return x;
    };
    tests.push(partner ? (i) => typeOk(partner[i]!) : () => false);
  }
  if (!ignore.includes('attributes'))
    for (const [name, values] of r.attributes)
      tests.push((i) => {
        const v = attributeValue(ctx.people, t.participant[i]!, name, t.cohort[i]!);
        return v !== null && values.has(v);
      });
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0]!;
  return (i) => tests.every((f) => f(i));
}

/**
 * The indices of a table's units to walk for the cohort filter: every unit when there is none, else
 * those of each filtered cohort in turn (the order inCohorts gives, context.ts).
 */
export function unitsInCohorts(
  ctx: Ctx,
  length: number,
  byCohort: () => Map<number, Int32Array>,
): Int32Array[] {
  const wanted = ctx.resolved.cohorts;
  if (wanted === null) return [ALL(length)];
  const index = byCohort();
  return [...wanted].flatMap((c) => {
    const l = index.get(c);
    return l ? [l] : [];
  });
}

const allCache = new Map<number, Int32Array>();
function ALL(n: number): Int32Array {
  let a = allCache.get(n);
  if (!a) {
    a = new Int32Array(n);
    for (let i = 0; i < n; i += 1) a[i] = i;
    if (allCache.size > 8) allCache.clear();
    allCache.set(n, a);
  }
  return a;
}

/** Number of bits set in a 32-bit word. */
export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
