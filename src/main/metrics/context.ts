import { expandGroups, OVERALL, type DimValue, type GroupRef } from '@core/metrics/groups';
import { TrellisError } from '@shared/errors';
import type { MetricFilters, ProjectSettings } from '@shared/metrics';
import type { Db } from '../db/open-project';
import { partnerTypeLabel } from '../services/dimensions';
import { attributeValue, loadPeople, loadRefs, type People, type Refs } from './base/refs';
import { cached } from './cache';

export const WAVE_LABELS: Record<string, string> = {
  retrospective_pre: 'Before (retrospective)',
  pre: 'Pre',
  post: 'Post',
  follow_up: 'Follow-up',
  annual: 'Annual',
};
export const WAVE_ORDER = ['retrospective_pre', 'pre', 'post', 'follow_up', 'annual'];

/** Filters resolved from codes to ids once per compute; null = no filter on that dimension. */
export interface Resolved {
  cohorts: Set<number> | null;
  programs: Set<number> | null;
  sites: Set<number> | null;
  partners: Set<number> | null;
  partnerTypes: Set<string> | null;
  attributes: [string, Set<string>][];
  dateFrom: string | undefined;
  dateTo: string | undefined;
}

export interface Ctx {
  db: Db;
  refs: Refs;
  people: People;
  settings: ProjectSettings;
  threshold: number;
  filters: MetricFilters;
  resolved: Resolved;
  by: string[];
}

/** What a unit of analysis (a youth's attendance in a group, a survey sitting) knows about itself. */
export interface Unit {
  participant: number | null;
  cohort: number;
  programs: readonly number[];
  sites: readonly (number | null)[];
  partners: readonly (number | null)[];
  wave?: string;
}

export function createCtx(db: Db, settings: ProjectSettings, filters: MetricFilters, by: string[]): Ctx {
  const refs = loadRefs(db);
  const people = loadPeople(db);
  return {
    db,
    refs,
    people,
    settings,
    threshold: settings.suppressionThreshold,
    filters,
    resolved: resolveFilters(refs, people, filters),
    by,
  };
}

function resolveFilters(refs: Refs, people: People, f: MetricFilters): Resolved {
  const resolve = <T extends { id: number; code: string }>(
    codes: string[] | undefined,
    list: Iterable<T>,
    what: string,
  ): Set<number> | null => {
    if (!codes || codes.length === 0) return null;
    const byCode = new Map([...list].map((x) => [x.code, x.id]));
    return new Set(
      codes.map((c) => {
        const id = byCode.get(c);
        if (id === undefined) {
          const known = [...byCode.keys()].slice(0, 12).join(', ');
          throw new TrellisError(
            'bad_input',
            `Unknown ${what} "${c}" in the filter; this project has: ${known || 'none'}.`,
          );
        }
        return id;
      }),
    );
  };
  const names = people.attributeNames;
  const attributes = Object.entries(f.attributes ?? {}).map(([name, values]): [string, Set<string>] => {
    if (!names.has(name)) {
      throw new TrellisError(
        'bad_input',
        `Unknown participant attribute "${name}" in the filter; this project has: ${[...names].join(', ') || 'none'}.`,
      );
    }
    return [name, new Set(values)];
  });
  return {
    cohorts: resolve(f.cohorts, refs.cohorts, 'cohort'),
    programs: resolve(f.programs, refs.programById.values(), 'program'),
    sites: resolve(f.sites, refs.siteById.values(), 'site'),
    partners: resolve(f.partners, refs.partnerById.values(), 'partner'),
    partnerTypes: f.partnerTypes?.length ? new Set(f.partnerTypes) : null,
    attributes,
    dateFrom: f.dateFrom,
    dateTo: f.dateTo,
  };
}

const some = <T>(values: readonly T[], set: Set<T> | null) => set === null || values.some((v) => set.has(v));

/**
 * Whether a unit passes the filters. `ignore` leaves some filters out (a partner filter on a survey
 * when partners are unknown for it, the cohort filter when asking whether a youth came back).
 */
export function passes(ctx: Ctx, u: Unit, ignore: readonly string[] = []): boolean {
  const r = ctx.resolved;
  if (!ignore.includes('cohort') && r.cohorts && !r.cohorts.has(u.cohort)) return false;
  if (!ignore.includes('program') && !some(u.programs, r.programs)) return false;
  if (!ignore.includes('site') && r.sites && !u.sites.some((s) => s !== null && r.sites!.has(s)))
    return false;
  if (!ignore.includes('partner') && r.partners && !u.partners.some((p) => p !== null && r.partners!.has(p)))
    return false;
  if (!ignore.includes('partner_type') && r.partnerTypes) {
    const types = u.partners.map((p) => (p === null ? null : (ctx.refs.partnerById.get(p)?.type ?? null)));
    if (!types.some((t) => t !== null && r.partnerTypes!.has(t))) return false;
  }
  if (ignore.includes('attributes')) return true;
  for (const [name, values] of r.attributes) {
    if (u.participant === null) return false;
    const v = attributeValue(ctx.people, u.participant, name, u.cohort);
    if (v === null || !values.has(v)) return false;
  }
  return true;
}

/** The values a unit has for one dimension (several when a youth is in several programs). */
export function valuesOf(ctx: Ctx, u: Unit, dim: string): DimValue[] {
  const { refs } = ctx;
  switch (dim) {
    case 'cohort': {
      const c = refs.cohortById.get(u.cohort);
      return c ? [{ code: c.code, label: c.code }] : [];
    }
    case 'program':
      return u.programs.flatMap((p) => {
        const x = refs.programById.get(p);
        return x ? [{ code: x.code, label: x.label }] : [];
      });
    case 'site':
      return u.sites.flatMap((s) => {
        const x = s === null ? undefined : refs.siteById.get(s);
        return x ? [{ code: x.code, label: x.label }] : [];
      });
    case 'partner':
      return u.partners.flatMap((p) => {
        const x = p === null ? undefined : refs.partnerById.get(p);
        return x ? [{ code: x.code, label: x.label }] : [];
      });
    case 'partner_type':
      return u.partners.flatMap((p) => {
        const x = p === null ? undefined : refs.partnerById.get(p);
        return x ? [{ code: x.type, label: partnerTypeLabel(x.type) }] : [];
      });
    case 'wave':
      return u.wave ? [{ code: u.wave, label: WAVE_LABELS[u.wave] ?? u.wave }] : [];
    default: {
      const name = dim.slice('attribute:'.length);
      if (u.participant === null) return [];
      const v = attributeValue(ctx.people, u.participant, name, u.cohort);
      return v === null ? [] : [{ code: v, label: v }];
    }
  }
}

/** The split dimensions that apply to a section (wave only to surveys, partner only where known). */
export function dimsFor(ctx: Ctx, applicable: (dim: string) => boolean): string[] {
  return ctx.by.filter(applicable);
}

export const needsPartner = (ctx: Ctx) =>
  ctx.by.some((d) => d === 'partner' || d === 'partner_type') ||
  ctx.resolved.partners !== null ||
  ctx.resolved.partnerTypes !== null;

/**
 * The part of a base layer in the filtered cohorts, through an index built once per data version, so
 * a cohort-filtered computation (a goal, a dashboard filter) walks only its own cohorts' rows.
 */
export function inCohorts<T>(
  ctx: Ctx,
  key: string,
  list: readonly T[],
  cohortOf: (t: T) => number | undefined,
): readonly T[] {
  const wanted = ctx.resolved.cohorts;
  if (wanted === null) return list;
  const index = cached(ctx.db, `byCohort:${key}`, () => {
    const m = new Map<number, T[]>();
    for (const t of list) {
      const c = cohortOf(t);
      if (c === undefined) continue;
      const l = m.get(c);
      if (l) l.push(t);
      else m.set(c, [t]);
    }
    return m;
  });
  return [...wanted].flatMap((c) => index.get(c) ?? []);
}

/**
 * expandGroups(dims, valuesOf) for a unit, memoised per compute: units with the same values on the
 * split dimensions share one (read-only) list of groups, so the hot loops over hundreds of thousands
 * of attendance cells and sittings build no group objects or keys of their own.
 */
interface DimsMemo {
  /** signature of a unit's values on the dims -> its groups */
  bySignature: Map<string, GroupRef[]>;
  /** the same, by unit object (units are long-lived: no signature to build for one seen before) */
  byUnit: Map<Unit, GroupRef[]>;
}
const groupMemo = new WeakMap<Ctx, Map<readonly string[] | string, DimsMemo>>();
export function groupsFor(ctx: Ctx, dims: readonly string[], u: Unit): GroupRef[] {
  if (dims.length === 0) return OVERALL_ONLY;
  let byDims = groupMemo.get(ctx);
  if (!byDims) groupMemo.set(ctx, (byDims = new Map()));
  // By the dims array itself first (a section passes the same array for every unit), else by content.
  let memo = byDims.get(dims);
  if (!memo) {
    const dk = dims.join('\u0001');
    memo = byDims.get(dk);
    if (!memo) byDims.set(dk, (memo = { bySignature: new Map(), byUnit: new Map() }));
    byDims.set(dims, memo);
  }
  let refs = memo.byUnit.get(u);
  if (refs) return refs;
  let sig = '';
  for (const d of dims) sig += `${signatureOf(ctx, u, d)}\u0001`;
  refs = memo.bySignature.get(sig);
  if (!refs) memo.bySignature.set(sig, (refs = expandGroups(dims, (d) => valuesOf(ctx, u, d))));
  memo.byUnit.set(u, refs);
  return refs;
}
const OVERALL_ONLY: GroupRef[] = [OVERALL];

/** What valuesOf(ctx, u, dim) depends on, as a string. */
function signatureOf(ctx: Ctx, u: Unit, dim: string): string {
  switch (dim) {
    case 'cohort':
      return String(u.cohort);
    case 'program':
      return u.programs.length === 1 ? String(u.programs[0]) : u.programs.join(',');
    case 'site':
      return u.sites.length === 1 ? String(u.sites[0]) : u.sites.join(',');
    case 'partner':
    case 'partner_type':
      return u.partners.length === 1 ? String(u.partners[0]) : u.partners.join(',');
    case 'wave':
      return u.wave ?? '';
    default: {
      if (u.participant === null) return '\u0002';
      const v = attributeValue(ctx.people, u.participant, dim.slice('attribute:'.length), u.cohort);
      return v === null ? '\u0002' : `=${v}`;
    }
  }
}

export { pairKey } from './pair-key';
