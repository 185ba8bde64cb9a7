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
  /** Which of the filters above are on (bits, see passes): 0 when none is, the usual dashboard. */
  active: number;
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
  const cohorts = resolve(f.cohorts, refs.cohorts, 'cohort');
  const programs = resolve(f.programs, refs.programById.values(), 'program');
  const sites = resolve(f.sites, refs.siteById.values(), 'site');
  const partners = resolve(f.partners, refs.partnerById.values(), 'partner');
  const partnerTypes = f.partnerTypes?.length ? new Set(f.partnerTypes) : null;
  const active =
    (cohorts ? COHORT : 0) |
    (programs ? PROGRAM : 0) |
    (sites ? SITE : 0) |
    (partners ? PARTNER : 0) |
    (partnerTypes ? PARTNER_TYPE : 0) |
    (attributes.length > 0 ? ATTRIBUTES : 0);
  return {
    cohorts,
    programs,
    sites,
    partners,
    partnerTypes,
    attributes,
    dateFrom: f.dateFrom,
    dateTo: f.dateTo,
    active,
  };
}

// Filter dimensions as bits: Resolved.active says which filters are on, `ignore` takes some away.
const COHORT = 1;
const PROGRAM = 2;
const SITE = 4;
const PARTNER = 8;
const PARTNER_TYPE = 16;
const ATTRIBUTES = 32;
function bitOf(name: string): number {
  switch (name) {
    case 'cohort':
      return COHORT;
    case 'program':
      return PROGRAM;
    case 'site':
      return SITE;
    case 'partner':
      return PARTNER;
    case 'partner_type':
      return PARTNER_TYPE;
    case 'attributes':
      return ATTRIBUTES;
    default:
      return 0;
  }
}
const NO_IGNORE: readonly string[] = [];

/**
 * Whether a unit passes the filters. `ignore` leaves some filters out (a partner filter on a survey
 * when partners are unknown for it, the cohort filter when asking whether a youth came back).
 */
export function passes(ctx: Ctx, u: Unit, ignore: readonly string[] = NO_IGNORE): boolean {
  const r = ctx.resolved;
  let on = r.active;
  if (on === 0) return true;
  for (let i = 0; i < ignore.length; i += 1) on &= ~bitOf(ignore[i]!);
  if (on === 0) return true;
  if (on & COHORT && !r.cohorts!.has(u.cohort)) return false;
  if (on & PROGRAM && !someIn(u.programs, r.programs!)) return false;
  if (on & SITE && !someIn(u.sites, r.sites!)) return false;
  if (on & PARTNER && !someIn(u.partners, r.partners!)) return false;
  if (on & PARTNER_TYPE) {
    let any = false;
    for (const p of u.partners) {
      const t = p === null ? null : (ctx.refs.partnerById.get(p)?.type ?? null);
      if (t !== null && r.partnerTypes!.has(t)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  if (on & ATTRIBUTES) {
    for (const [name, values] of r.attributes) {
      if (u.participant === null) return false;
      const v = attributeValue(ctx.people, u.participant, name, u.cohort);
      if (v === null || !values.has(v)) return false;
    }
  }
  return true;
}

/** Whether any of the values (ids; null for an unknown one, never in a filter) is in the set. */
function someIn(values: readonly (number | null)[], set: Set<number>): boolean {
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    if (v !== null && set.has(v)) return true;
  }
  return false;
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
  if (wanted.size === 1) {
    // One cohort (a goal, a dashboard filter): its own list, read-only like the base layer.
    for (const c of wanted) return index.get(c) ?? [];
  }
  return [...wanted].flatMap((c) => index.get(c) ?? []);
}

/**
 * expandGroups(dims, valuesOf) for a unit, memoised per data version: units with the same values on
 * the split dimensions share one (read-only) list of groups, so the hot loops over hundreds of
 * thousands of attendance cells and sittings build no group objects or keys of their own. The memo is
 * a tree of Maps, one level per dimension, keyed by what valuesOf depends on (an id, a wave, an
 * attribute value; a string only for a unit in several programs, sites or partners), so a lookup
 * builds nothing either. The groups depend only on the reference data and people of the data version
 * (labels, attribute values), so the memo outlives one computation: another split or filter set on the
 * same data finds its groups ready.
 */
type MemoKey = number | string | null | undefined;
type MemoNode = Map<MemoKey, MemoNode | GroupRef[]>;
interface DimsMemo {
  dims: readonly string[];
  root: MemoNode;
}
/** Per data version: dims (joined) -> memo. */
type DimsMemos = Map<string, DimsMemo>;
const memosOf = new WeakMap<Ctx, { byArray: Map<readonly string[], DimsMemo>; all: DimsMemos }>();
// The memo of the last (ctx, dims) asked for: a section passes the same two for every unit.
let lastCtx: Ctx | null = null;
let lastDims: readonly string[] | null = null;
let lastMemo: DimsMemo | null = null;

function memoFor(ctx: Ctx, dims: readonly string[]): DimsMemo {
  let own = memosOf.get(ctx);
  if (!own) {
    own = { byArray: new Map(), all: cached(ctx.db, 'groupsFor', (): DimsMemos => new Map()) };
    memosOf.set(ctx, own);
  }
  // By the dims array itself first (a section passes the same array for every unit), else by content.
  let memo = own.byArray.get(dims);
  if (!memo) {
    const dk = dims.join('\u0001');
    memo = own.all.get(dk);
    if (!memo) own.all.set(dk, (memo = { dims: [...dims], root: new Map() }));
    own.byArray.set(dims, memo);
  }
  lastCtx = ctx;
  lastDims = dims;
  lastMemo = memo;
  return memo;
}

export function groupsFor(ctx: Ctx, dims: readonly string[], u: Unit): GroupRef[] {
  const n = dims.length;
  if (n === 0) return OVERALL_ONLY;
  const memo = ctx === lastCtx && dims === lastDims ? lastMemo! : memoFor(ctx, dims);
  let node = memo.root;
  for (let i = 0; i < n - 1; i += 1) {
    const k = keyOf(ctx, u, dims[i]!);
    let next = node.get(k) as MemoNode | undefined; // levels above the last hold Maps
    if (!next) node.set(k, (next = new Map()));
    node = next;
  }
  const k = keyOf(ctx, u, dims[n - 1]!);
  let refs = node.get(k) as GroupRef[] | undefined; // the last level holds group lists
  if (!refs) node.set(k, (refs = expandGroups(memo.dims, (d) => valuesOf(ctx, u, d))));
  return refs;
}
const OVERALL_ONLY: GroupRef[] = [OVERALL];

/**
 * What valuesOf(ctx, u, dim) depends on, as a Map key: the id itself for the usual one program, site
 * or partner (null for an unknown one), else the ids joined (never equal to a number or null).
 */
function keyOf(ctx: Ctx, u: Unit, dim: string): MemoKey {
  switch (dim) {
    case 'cohort':
      return u.cohort;
    case 'program':
      return u.programs.length === 1 ? u.programs[0] : u.programs.join(',');
    case 'site':
      return u.sites.length === 1 ? u.sites[0] : u.sites.join(',');
    case 'partner':
    case 'partner_type':
      return u.partners.length === 1 ? u.partners[0] : u.partners.join(',');
    case 'wave':
      return u.wave;
    default:
      if (u.participant === null) return null;
      return attributeValue(ctx.people, u.participant, dim.slice('attribute:'.length), u.cohort);
  }
}

export { pairKey } from './pair-key';
