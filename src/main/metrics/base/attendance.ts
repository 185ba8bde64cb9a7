import type { Db } from '../../db/open-project';
import { cached } from '../cache';
import { persisted } from '../layers';
import { pairKey } from '../pair-key';
import { loadSessions } from './refs';

// 4. Attendance per youth ------------------------------------------------------------------------

/**
 * Present attendance of one youth in one cohort, program and site (and lead partner when the split
 * needs it), aggregated in SQL: the unit every dosage figure starts from. Kept as columns of typed
 * arrays, one entry per cell (no object per cell: the sections walk the columns), in the project file
 * too (metrics_layers, v2).
 */
export interface AttendanceColumns {
  length: number;
  participant: Int32Array;
  cohort: Int32Array;
  program: Int32Array;
  /** -1 = no site */
  site: Int32Array;
  /** The lead partner of the sessions when split by partner; -1 = none (and always in merged cells). */
  partner: Int32Array;
  minutes: Float64Array;
  sessions: Int32Array;
  /** Distinct dates attended in the cell. */
  days: Int32Array;
  /** First and last date attended, as an index into `dates` (sorted: index order is date order). */
  first: Int32Array;
  last: Int32Array;
  /**
   * Merged cells only (else empty): distinct dates the youth attended anything in the cell's cohort,
   * the exact day count for figures that take in all of the youth's programs and sites.
   */
  cohortDays: Int32Array;
  /** Distinct activity types attended: `actWords` 32-bit words per cell, bit i = activityIds[i]. */
  acts: Int32Array;
  actWords: number;
  activityIds: number[];
  /** Every date a first or last refers to, ascending. */
  dates: string[];
}

export interface AttendanceOptions {
  byPartner: boolean;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
}

/** The key of one variant of the attendance layer (in-memory caches of what is derived from it). */
export const variantKey = (o: AttendanceOptions) =>
  `${o.byPartner ? 'partner' : 'merged'}:${o.dateFrom || ''}:${o.dateTo || ''}`;

/**
 * The attendance cells of a variant as columns. Without the partner split, the cells of one youth,
 * cohort, program and site are merged: one SQL pass over attendance serves both. Distinct days add up
 * across lead partners (two sessions of one program and site on one date led by two partners would
 * count twice; the unsplit figures use the exact distinct days per cohort, `cohortDays`). The
 * unfiltered variants are kept in the project file; a date-filtered one is read each time.
 */
export function attendanceColumns(db: Db, o: AttendanceOptions): AttendanceColumns {
  const from = o.dateFrom || undefined;
  const to = o.dateTo || undefined;
  return cached(db, `attendance-columns:${variantKey(o)}`, () => {
    if (o.byPartner)
      return from || to ? readColumns(db, from, to) : keep(db, 'attendance-cells:v2', () => readColumns(db));
    const merge = () =>
      mergeColumns(attendanceColumns(db, { ...o, byPartner: true }), readDays(db, from, to)).merged;
    return from || to ? merge() : keep(db, 'attendance-merged:v2', merge);
  });
}

/**
 * The cells split by lead partner without their figures: who (participant, cohort, program, site)
 * attended sessions led by which partner, in the order of the partner-split cells. What youth-reached
 * counts need, without reading the partner-split layer: the unfiltered one is kept in the project file
 * as each cell's merged cell and partner (attendance-partner-links:v1).
 */
export type PartnerUnits = Pick<
  AttendanceColumns,
  'length' | 'participant' | 'cohort' | 'program' | 'site' | 'partner'
>;

export function partnerUnits(db: Db, dateFrom?: string, dateTo?: string): PartnerUnits {
  const from = dateFrom || undefined;
  const to = dateTo || undefined;
  if (from || to) return attendanceColumns(db, { byPartner: true, dateFrom: from, dateTo: to });
  return cached(db, 'attendance-partner-units', () => {
    const build = () => {
      const cells = attendanceColumns(db, { byPartner: true });
      return { merged: mergeColumns(cells, new Map()).link, partner: cells.partner };
    };
    const links = persisted(
      db,
      'attendance-partner-links:v1',
      build,
      (l) => l,
      (l) =>
        l.merged instanceof Int32Array &&
        l.partner instanceof Int32Array &&
        l.merged.length === l.partner.length
          ? l
          : build(),
    );
    const m = attendanceColumns(db, { byPartner: false });
    const gather = (column: Int32Array) => {
      const out = new Int32Array(links.merged.length);
      for (let k = 0; k < out.length; k += 1) out[k] = column[links.merged[k]!]!;
      return out;
    };
    return {
      length: links.merged.length,
      participant: gather(m.participant),
      cohort: gather(m.cohort),
      program: gather(m.program),
      site: gather(m.site),
      partner: links.partner,
    };
  });
}

/** The partner units per cohort (indices in order), once per data version and date filter. */
export function partnerUnitsByCohort(db: Db, dateFrom?: string, dateTo?: string): Map<number, Int32Array> {
  return cached(db, `attendance-partner-units-by-cohort:${dateFrom || ''}:${dateTo || ''}`, () =>
    indexBy(partnerUnits(db, dateFrom, dateTo).cohort),
  );
}

/**
 * The cells of a variant per cohort (cell indices in cell order), once per data version, so a
 * cohort-filtered computation walks only its own cohorts' cells.
 */
export function cellsByCohort(db: Db, o: AttendanceOptions): Map<number, Int32Array> {
  return cached(db, `attendance-by-cohort:${variantKey(o)}`, () => indexBy(attendanceColumns(db, o).cohort));
}

/** Positions of each value in a column, in column order. */
export function indexBy(column: Int32Array): Map<number, Int32Array> {
  // Values are ids (cohorts, participants): counted in a table by value when they are small.
  let max = -1;
  let min = 0;
  for (const v of column) {
    if (v > max) max = v;
    if (v < min) min = v;
  }
  const out = new Map<number, Int32Array>();
  if (min < 0 || max > 4 * column.length + 65_536) {
    const lists = new Map<number, number[]>();
    column.forEach((v, i) => {
      const l = lists.get(v);
      if (l) l.push(i);
      else lists.set(v, [i]);
    });
    for (const [v, l] of lists) out.set(v, Int32Array.from(l));
    return out;
  }
  const counts = new Int32Array(max + 1);
  for (const v of column) counts[v] = counts[v]! + 1;
  const lists: (Int32Array | undefined)[] = [];
  for (const v of column)
    if (!lists[v]) {
      lists[v] = new Int32Array(counts[v]!);
      out.set(v, lists[v]);
    }
  counts.fill(0);
  for (let i = 0; i < column.length; i += 1) {
    const v = column[i]!;
    lists[v]![counts[v]!] = i;
    counts[v] = counts[v]! + 1;
  }
  return out;
}

/**
 * A layer kept in the project file as the columns themselves (v8 serialises typed arrays as bytes).
 * The key names the format: layers of an older format (attendance-cells:v1, objects' fields packed
 * in one array) are never read. One that does not have the shape of the columns is built again.
 */
function keep(db: Db, key: string, build: () => AttendanceColumns): AttendanceColumns {
  return persisted(
    db,
    key,
    build,
    (c) => c,
    (s) => (isColumns(s) ? s : build()),
  );
}

function isColumns(s: unknown): s is AttendanceColumns {
  if (typeof s !== 'object' || s === null) return false;
  const c = s as Partial<AttendanceColumns>;
  const n = c.length;
  return (
    typeof n === 'number' &&
    typeof c.actWords === 'number' &&
    Array.isArray(c.dates) &&
    Array.isArray(c.activityIds) &&
    c.participant instanceof Int32Array &&
    c.participant.length === n &&
    c.minutes instanceof Float64Array &&
    c.minutes.length === n &&
    c.last instanceof Int32Array &&
    c.last.length === n &&
    c.acts instanceof Int32Array &&
    c.acts.length === n * c.actWords
  );
}

type CellRow = [
  number,
  number,
  number,
  number | null,
  number | null,
  number,
  number,
  number,
  string,
  string,
  string | null,
];

function readColumns(db: Db, dateFrom?: string, dateTo?: string): AttendanceColumns {
  const where: string[] = ['a.is_present = 1'];
  const params: string[] = [];
  if (dateFrom) {
    where.push('s.session_date >= ?');
    params.push(dateFrom);
  }
  if (dateTo) {
    where.push('s.session_date <= ?');
    params.push(dateTo);
  }
  const rows = db
    .prepare(
      `SELECT a.participant_id, s.cohort_id, s.program_id, s.site_id, s.partner_id,
              sum(coalesce(a.minutes_attended, s.minutes_offered)), count(*), count(DISTINCT s.session_date),
              min(s.session_date), max(s.session_date), group_concat(DISTINCT s.activity_type_id)
       FROM sessions s JOIN attendance a ON a.session_id = s.id
       WHERE ${where.join(' AND ')}
       GROUP BY a.participant_id, s.cohort_id, s.program_id, s.site_id, s.partner_id`,
    )
    .raw()
    .all(...params) as CellRow[];
  const n = rows.length;
  const c = emptyColumns(n, 0);
  // Dates and activity lists repeat: each distinct one is looked at once.
  const dateSet = new Set<string>();
  const lists = new Map<string, number[]>();
  const activityIds: number[] = [];
  const bitOf = new Map<number, number>();
  for (const r of rows) {
    dateSet.add(r[8]);
    dateSet.add(r[9]);
    const k = r[10] ?? '';
    if (!lists.has(k)) {
      const ids = k === '' ? [] : k.split(',').map(Number);
      for (const id of ids)
        if (!bitOf.has(id)) {
          bitOf.set(id, activityIds.length);
          activityIds.push(id);
        }
      lists.set(k, ids);
    }
  }
  c.dates = [...dateSet].sort();
  const dateIndex = new Map(c.dates.map((d, i) => [d, i]));
  c.activityIds = activityIds;
  c.actWords = Math.max(1, Math.ceil(activityIds.length / 32));
  c.acts = new Int32Array(n * c.actWords);
  rows.forEach((r, i) => {
    c.participant[i] = r[0];
    c.cohort[i] = r[1];
    c.program[i] = r[2];
    c.site[i] = r[3] ?? -1;
    c.partner[i] = r[4] ?? -1;
    c.minutes[i] = r[5];
    c.sessions[i] = r[6];
    c.days[i] = r[7];
    c.first[i] = dateIndex.get(r[8])!;
    c.last[i] = dateIndex.get(r[9])!;
    for (const id of lists.get(r[10] ?? '')!) {
      const bit = bitOf.get(id)!;
      c.acts[i * c.actWords + (bit >> 5)]! |= 1 << (bit & 31);
    }
  });
  return c;
}

function emptyColumns(n: number, cohortDays: number): AttendanceColumns {
  return {
    length: n,
    participant: new Int32Array(n),
    cohort: new Int32Array(n),
    program: new Int32Array(n),
    site: new Int32Array(n),
    partner: new Int32Array(n),
    minutes: new Float64Array(n),
    sessions: new Int32Array(n),
    days: new Int32Array(n),
    first: new Int32Array(n),
    last: new Int32Array(n),
    cohortDays: new Int32Array(cohortDays),
    acts: new Int32Array(0),
    actWords: 1,
    activityIds: [],
    dates: [],
  };
}

/**
 * Cells of one youth, cohort, program and site merged across lead partners, in order of first
 * appearance (sums in the same order as the cells, so the figures do not depend on the layout).
 */
function mergeColumns(
  c: AttendanceColumns,
  daysPerCohort: Map<number | string, number>,
): { merged: AttendanceColumns; link: Int32Array } {
  const w = c.actWords;
  const out = emptyColumns(c.length, c.length);
  out.acts = new Int32Array(c.length * w);
  /** per cell of c: its merged cell */
  const link = new Int32Array(c.length);
  // participant -> merged cells of that youth (a handful each)
  const mergedOf = new Map<number, number[]>();
  let n = 0;
  for (let i = 0; i < c.length; i += 1) {
    const p = c.participant[i]!;
    let list = mergedOf.get(p);
    if (!list) mergedOf.set(p, (list = []));
    let m = -1;
    for (const j of list)
      if (out.cohort[j] === c.cohort[i] && out.program[j] === c.program[i] && out.site[j] === c.site[i]) {
        m = j;
        break;
      }
    link[i] = m < 0 ? n : m;
    if (m < 0) {
      m = n;
      n += 1;
      list.push(m);
      out.participant[m] = p;
      out.cohort[m] = c.cohort[i]!;
      out.program[m] = c.program[i]!;
      out.site[m] = c.site[i]!;
      out.partner[m] = -1;
      out.minutes[m] = c.minutes[i]!;
      out.sessions[m] = c.sessions[i]!;
      out.days[m] = c.days[i]!;
      out.first[m] = c.first[i]!;
      out.last[m] = c.last[i]!;
      out.cohortDays[m] = daysPerCohort.get(pairKey(p, c.cohort[i]!)) ?? 0;
      for (let k = 0; k < w; k += 1) out.acts[m * w + k] = c.acts[i * w + k]!;
      continue;
    }
    out.minutes[m] = out.minutes[m]! + c.minutes[i]!;
    out.sessions[m] = out.sessions[m]! + c.sessions[i]!;
    out.days[m] = out.days[m]! + c.days[i]!;
    if (c.first[i]! < out.first[m]!) out.first[m] = c.first[i]!;
    if (c.last[i]! > out.last[m]!) out.last[m] = c.last[i]!;
    for (let k = 0; k < w; k += 1) out.acts[m * w + k]! |= c.acts[i * w + k]!;
  }
  const cut = <T extends Int32Array | Float64Array>(a: T, per = 1) => a.slice(0, n * per) as T;
  const merged: AttendanceColumns = {
    length: n,
    participant: cut(out.participant),
    cohort: cut(out.cohort),
    program: cut(out.program),
    site: cut(out.site),
    partner: cut(out.partner),
    minutes: cut(out.minutes),
    sessions: cut(out.sessions),
    days: cut(out.days),
    first: cut(out.first),
    last: cut(out.last),
    cohortDays: cut(out.cohortDays),
    acts: cut(out.acts, w),
    actWords: w,
    activityIds: c.activityIds,
    dates: c.dates,
  };
  return { merged, link };
}

/** Distinct dates each youth attended anything in each cohort: pairKey(participant, cohort) -> days. */
function readDays(db: Db, dateFrom?: string, dateTo?: string): Map<number | string, number> {
  const where = ['a.is_present = 1'];
  const params: string[] = [];
  if (dateFrom) {
    where.push('s.session_date >= ?');
    params.push(dateFrom);
  }
  if (dateTo) {
    where.push('s.session_date <= ?');
    params.push(dateTo);
  }
  const out = new Map<number | string, number>();
  for (const [p, c, d] of db
    .prepare(
      `SELECT a.participant_id, s.cohort_id, count(DISTINCT s.session_date)
       FROM sessions s JOIN attendance a ON a.session_id = s.id
       WHERE ${where.join(' AND ')} GROUP BY a.participant_id, s.cohort_id`,
    )
    .raw()
    .iterate(...params) as IterableIterator<[number, number, number]>)
    out.set(pairKey(p, c), d);
  return out;
}

export const ANY = -2;

/**
 * Sorted session dates per cohort, program, site and lead partner, where a site or partner is an id,
 * -1 for none or ANY: maps by each id in turn (small-integer keys: no key to build per lookup).
 */
export class OfferedIndex {
  private readonly root = new Map<number, Map<number, Map<number, Map<number, string[]>>>>();
  get(cohort: number, program: number, site: number, partner: number): string[] | undefined {
    return this.root.get(cohort)?.get(program)?.get(site)?.get(partner);
  }
  add(cohort: number, program: number, site: number, partner: number, date: string): void {
    let a = this.root.get(cohort);
    if (!a) this.root.set(cohort, (a = new Map()));
    let b = a.get(program);
    if (!b) a.set(program, (b = new Map()));
    let c = b.get(site);
    if (!c) b.set(site, (c = new Map()));
    const l = c.get(partner);
    if (l) l.push(date);
    else c.set(partner, [date]);
  }
  sort(): void {
    for (const a of this.root.values())
      for (const b of a.values()) for (const c of b.values()) for (const l of c.values()) l.sort();
  }
}

/** Session dates for "offered" counts, once per data version. */
export function loadOfferedIndex(db: Db): OfferedIndex {
  return cached(db, 'offered:v2', () => {
    const index = new OfferedIndex();
    for (const s of loadSessions(db).list) {
      for (const site of [s.site ?? -1, ANY])
        for (const partner of [s.partner ?? -1, ANY]) index.add(s.cohort, s.program, site, partner, s.date);
    }
    index.sort();
    return index;
  });
}

/** How many of the sorted dates fall in [from, to] (either end open when undefined). */
export function countBetween(dates: readonly string[], from?: string | null, to?: string | null): number {
  let a = 0;
  if (from) {
    // first index with dates[i] >= from
    let hi = dates.length;
    while (a < hi) {
      const mid = (a + hi) >> 1;
      if (dates[mid]! < from) a = mid + 1;
      else hi = mid;
    }
  }
  let b = dates.length;
  if (to) {
    // first index with dates[i] > to
    let lo = 0;
    while (lo < b) {
      const mid = (lo + b) >> 1;
      if (dates[mid]! <= to) lo = mid + 1;
      else b = mid;
    }
  }
  return Math.max(0, b - a);
}
