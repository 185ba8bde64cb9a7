import type { Db } from '../../db/open-project';
import { cached } from '../cache';
import type { Unit } from '../context';
import { persisted } from '../layers';
import { pairKey } from '../pair-key';
import { loadSessions } from './refs';

// 4. Attendance per youth ------------------------------------------------------------------------

/**
 * Present attendance of one youth in one cohort, program and site (and lead partner when the split
 * needs it), aggregated in SQL: the unit every dosage figure starts from.
 */
export interface AttendanceCell {
  participant: number;
  cohort: number;
  program: number;
  site: number | null;
  /** The lead partner of the sessions, when split by partner; otherwise null. */
  partner: number | null;
  minutes: number;
  sessions: number;
  /** Distinct dates attended. */
  days: number;
  first: string;
  last: string;
  /** Distinct activity types attended. */
  activities: number[];
  /** What the sections work out once per cell (sections/attendance.ts); undefined until then. */
  facts: CellFacts | undefined;
}

/** A cell's unit of analysis and attendance rate (they depend on nothing a filter set changes). */
export interface CellFacts {
  unit: Unit;
  rate: { attended: number; offered: number; retained: boolean };
}

export interface AttendanceOptions {
  byPartner: boolean;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
}

export function loadAttendance(db: Db, o: AttendanceOptions): AttendanceCell[] {
  if (o.byPartner) return loadAttendanceByPartner(db, o.dateFrom, o.dateTo);
  // Without the partner split, the cells of one youth, cohort, program and site are merged in memory:
  // one SQL pass over attendance serves both. Distinct days add up across lead partners (two sessions
  // of one program and site on one date led by two partners would count twice; the unsplit figures
  // use the exact distinct days per cohort, loadDaysPerCohort). The unfiltered merge is kept in the
  // project file too.
  return cached(db, `attendance:merged:${o.dateFrom ?? ''}:${o.dateTo ?? ''}`, () => {
    const merge = () => mergeCells(loadAttendanceByPartner(db, o.dateFrom, o.dateTo));
    return o.dateFrom || o.dateTo
      ? merge()
      : persisted(db, 'attendance-merged:v1', merge, encodeCells, decodeCells);
  });
}

function mergeCells(byPartner: AttendanceCell[]): AttendanceCell[] {
  const merged = new Map<string, AttendanceCell>();
  for (const c of byPartner) {
    const k = `${c.participant}:${c.cohort}:${c.program}:${c.site ?? ''}`;
    const m = merged.get(k);
    if (!m) {
      merged.set(k, { ...c, partner: null, activities: [...c.activities], facts: undefined });
      continue;
    }
    m.minutes += c.minutes;
    m.sessions += c.sessions;
    m.days += c.days;
    if (c.first < m.first) m.first = c.first;
    if (c.last > m.last) m.last = c.last;
    for (const a of c.activities) if (!m.activities.includes(a)) m.activities.push(a);
  }
  return [...merged.values()];
}

function loadAttendanceByPartner(db: Db, dateFrom?: string, dateTo?: string): AttendanceCell[] {
  return cached(db, `attendance:partner:${dateFrom ?? ''}:${dateTo ?? ''}`, () =>
    // The unfiltered layer is kept in the project file; a date-filtered one is read each time.
    dateFrom || dateTo
      ? readAttendanceCells(db, dateFrom, dateTo)
      : persisted(db, 'attendance-cells:v1', () => readAttendanceCells(db), encodeCells, decodeCells),
  );
}

function readAttendanceCells(db: Db, dateFrom?: string, dateTo?: string): AttendanceCell[] {
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
    .all(...params) as [
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
  ][];
  return rows.map((r) => ({
    participant: r[0],
    cohort: r[1],
    program: r[2],
    site: r[3],
    partner: r[4],
    minutes: r[5],
    sessions: r[6],
    days: r[7],
    first: r[8],
    last: r[9],
    activities: r[10] === null ? [] : r[10].split(',').map(Number),
    facts: undefined,
  }));
}

/** Attendance cells as columns of typed arrays (ids, -1 for null; dates and activity lists interned). */
interface StoredCells {
  ints: Int32Array; // participant, cohort, program, site, partner, sessions, days, first, last, activities
  minutes: Float64Array;
  dates: string[];
  activities: number[][];
}
const CELL_INTS = 10;

function encodeCells(cells: AttendanceCell[]): StoredCells {
  const ints = new Int32Array(cells.length * CELL_INTS);
  const minutes = new Float64Array(cells.length);
  const dates = new Map<string, number>();
  const acts = new Map<string, number>();
  const activities: number[][] = [];
  const date = (d: string) => {
    let i = dates.get(d);
    if (i === undefined) dates.set(d, (i = dates.size));
    return i;
  };
  cells.forEach((c, i) => {
    const k = c.activities.join(',');
    let a = acts.get(k);
    if (a === undefined) {
      acts.set(k, (a = activities.length));
      activities.push(c.activities);
    }
    ints.set(
      [
        c.participant,
        c.cohort,
        c.program,
        c.site ?? -1,
        c.partner ?? -1,
        c.sessions,
        c.days,
        date(c.first),
        date(c.last),
        a,
      ],
      i * CELL_INTS,
    );
    minutes[i] = c.minutes;
  });
  return { ints, minutes, dates: [...dates.keys()], activities };
}

function decodeCells(s: StoredCells): AttendanceCell[] {
  const out: AttendanceCell[] = new Array<AttendanceCell>(s.minutes.length);
  const { ints } = s;
  for (let i = 0; i < out.length; i += 1) {
    const o = i * CELL_INTS;
    const site = ints[o + 3]!;
    const partner = ints[o + 4]!;
    out[i] = {
      participant: ints[o]!,
      cohort: ints[o + 1]!,
      program: ints[o + 2]!,
      site: site < 0 ? null : site,
      partner: partner < 0 ? null : partner,
      minutes: s.minutes[i]!,
      sessions: ints[o + 5]!,
      days: ints[o + 6]!,
      first: s.dates[ints[o + 7]!]!,
      last: s.dates[ints[o + 8]!]!,
      // Shared between cells with the same list: read-only (loadAttendance copies before merging).
      activities: s.activities[ints[o + 9]!]!,
      facts: undefined,
    };
  }
  return out;
}

/** Distinct dates each youth attended anything in each cohort: pairKey(participant, cohort) -> days. */
export function loadDaysPerCohort(db: Db, dateFrom?: string, dateTo?: string): Map<number | string, number> {
  return cached(db, `days:${dateFrom ?? ''}:${dateTo ?? ''}`, () => {
    const rows =
      dateFrom || dateTo
        ? readDays(db, dateFrom, dateTo)
        : persisted(
            db,
            'days:v1',
            () => Int32Array.from(readDays(db).flat()),
            (x) => x,
            (x) => x,
          );
    const out = new Map<number | string, number>();
    if (rows instanceof Int32Array)
      for (let i = 0; i < rows.length; i += 3) out.set(pairKey(rows[i]!, rows[i + 1]!), rows[i + 2]!);
    else for (const [p, c, d] of rows) out.set(pairKey(p, c), d);
    return out;
  });
}

function readDays(db: Db, dateFrom?: string, dateTo?: string): [number, number, number][] {
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
  return db
    .prepare(
      `SELECT a.participant_id, s.cohort_id, count(DISTINCT s.session_date)
       FROM sessions s JOIN attendance a ON a.session_id = s.id
       WHERE ${where.join(' AND ')} GROUP BY a.participant_id, s.cohort_id`,
    )
    .raw()
    .all(...params) as [number, number, number][];
}

/** Sorted session dates per cohort, program, site and lead partner ('*' = any), for "offered" counts. */
export function loadOfferedIndex(db: Db): Map<string, string[]> {
  return cached(db, 'offered', () => {
    const index = new Map<string, string[]>();
    const add = (k: string, d: string) => {
      const l = index.get(k);
      if (l) l.push(d);
      else index.set(k, [d]);
    };
    for (const s of loadSessions(db).list) {
      for (const site of [String(s.site ?? '-'), '*'])
        for (const partner of [String(s.partner ?? '-'), '*'])
          add(`${s.cohort}:${s.program}:${site}:${partner}`, s.date);
    }
    for (const l of index.values()) l.sort();
    return index;
  });
}

/** How many of the sorted dates fall in [from, to] (either end open when undefined). */
export function countBetween(dates: readonly string[], from?: string | null, to?: string | null): number {
  const lower = (x: string) => {
    let lo = 0;
    let hi = dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((dates[mid] as string) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const upper = (x: string) => {
    let lo = 0;
    let hi = dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((dates[mid] as string) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const a = from ? lower(from) : 0;
  const b = to ? upper(to) : dates.length;
  return Math.max(0, b - a);
}
