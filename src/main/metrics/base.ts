import { MISSING_REASONS } from '@shared/vocab';
import type { Db } from '../db/open-project';
import { cached } from './cache';

/**
 * The base layers the metric sections read: reference data, people, sessions, attendance aggregated
 * per youth, and survey sittings with their scale scores. Each is one SQL pass, built once per data
 * version (src/main/metrics/cache.ts), so a filtered recomputation never goes back to the big tables.
 */

// 1. Reference data ---------------------------------------------------------------------------

export interface CohortRef {
  id: number;
  code: string;
  startsOn: string;
  endsOn: string;
  /** Position in time order: the next cohort of order i has order i + 1. */
  order: number;
}
export interface NamedRef {
  id: number;
  code: string;
  label: string;
}
export interface PartnerRef extends NamedRef {
  type: string;
}
export interface ScaleRef {
  id: number;
  min: number;
  max: number;
  options: { label: string; value: number | null; missingReason: string | null; position: number }[];
}
export interface ItemRef {
  id: number;
  code: string;
  text: string;
  instrumentId: number;
  constructId: number | null;
  reverse: boolean;
  scaleId: number;
  position: number;
}
export interface ConstructRef {
  id: number;
  /** Position in Refs.constructs: the index of this construct's score in every sitting. */
  index: number;
  code: string;
  name: string;
  instrumentId: number;
  kind: 'youth' | 'partner';
  minItems: number;
  items: ItemRef[];
  /** The response range of its (first) item, for health bands and agree points. */
  min: number;
  max: number;
}
export interface AdministrationRef {
  id: number;
  instrumentId: number;
  cohortId: number;
  programId: number | null;
  openedOn: string | null;
  closedOn: string | null;
}
export interface RespondentRef {
  kind: 'youth' | 'partner';
  participantId: number | null;
  partnerId: number | null;
}

export interface Refs {
  cohorts: CohortRef[];
  cohortById: Map<number, CohortRef>;
  programById: Map<number, NamedRef & { type: string }>;
  siteById: Map<number, NamedRef>;
  partnerById: Map<number, PartnerRef>;
  mentorPartner: Map<number, number | null>;
  constructs: ConstructRef[];
  constructByCode: Map<string, ConstructRef>;
  itemById: Map<number, ItemRef>;
  scaleById: Map<number, ScaleRef>;
  administrationById: Map<number, AdministrationRef>;
  respondentById: Map<number, RespondentRef>;
  instrumentKind: Map<number, 'youth' | 'partner'>;
}

const all = <T>(db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];

export function loadRefs(db: Db): Refs {
  return cached(db, 'refs', () => {
    const cohorts = all<Omit<CohortRef, 'order'>>(
      db,
      'SELECT id, code, starts_on AS startsOn, ends_on AS endsOn FROM cohorts ORDER BY starts_on, code',
    ).map((c, order) => ({ ...c, order }));
    const named = <T extends NamedRef>(sql: string) => new Map(all<T>(db, sql).map((r) => [r.id, r]));
    const scales = new Map<number, ScaleRef>(
      all<{ id: number; min: number; max: number }>(
        db,
        'SELECT id, min_value AS min, max_value AS max FROM response_scales',
      ).map((s) => [s.id, { ...s, options: [] }]),
    );
    for (const o of all<{
      scaleId: number;
      label: string;
      value: number | null;
      missingReason: string | null;
      position: number;
    }>(
      db,
      `SELECT response_scale_id AS scaleId, label, value, missing_reason AS missingReason, position
       FROM scale_options ORDER BY response_scale_id, position`,
    )) {
      scales.get(o.scaleId)?.options.push(o);
    }
    const items = all<Omit<ItemRef, 'reverse'> & { reverse: number }>(
      db,
      `SELECT id, code, text, instrument_id AS instrumentId, construct_id AS constructId,
              is_reverse_coded AS reverse, response_scale_id AS scaleId, position
       FROM items ORDER BY instrument_id, position, id`,
    ).map((i) => ({ ...i, reverse: i.reverse === 1 }));
    const instrumentKind = new Map(
      all<{ id: number; kind: 'youth' | 'partner' }>(
        db,
        'SELECT id, respondent_kind AS kind FROM instruments',
      ).map((i) => [i.id, i.kind]),
    );
    const constructs: ConstructRef[] = all<{
      id: number;
      code: string;
      name: string;
      instrumentId: number;
      minItems: number;
    }>(
      db,
      'SELECT id, code, name, instrument_id AS instrumentId, min_items AS minItems FROM constructs ORDER BY instrument_id, id',
    ).map((c, index) => {
      const own = items.filter((i) => i.constructId === c.id);
      const scale = scales.get(own[0]?.scaleId ?? -1);
      return {
        ...c,
        index,
        kind: instrumentKind.get(c.instrumentId) ?? 'youth',
        items: own,
        min: scale?.min ?? 1,
        max: scale?.max ?? 5,
      };
    });
    return {
      cohorts,
      cohortById: new Map(cohorts.map((c) => [c.id, c])),
      programById: named<NamedRef & { type: string }>(
        'SELECT id, code, name AS label, program_type AS type FROM programs',
      ),
      siteById: named('SELECT id, code, name AS label FROM sites'),
      partnerById: named<PartnerRef>(
        'SELECT id, key AS code, name AS label, partner_type AS type FROM partners',
      ),
      mentorPartner: new Map(
        all<{ id: number; partnerId: number | null }>(
          db,
          'SELECT id, partner_id AS partnerId FROM mentors',
        ).map((m) => [m.id, m.partnerId]),
      ),
      constructs,
      constructByCode: new Map(constructs.map((c) => [c.code, c])),
      itemById: new Map(items.map((i) => [i.id, i])),
      scaleById: scales,
      administrationById: new Map(
        all<AdministrationRef>(
          db,
          `SELECT id, instrument_id AS instrumentId, cohort_id AS cohortId, program_id AS programId,
                  opened_on AS openedOn, closed_on AS closedOn FROM administrations`,
        ).map((a) => [a.id, a]),
      ),
      respondentById: new Map(
        all<RespondentRef & { id: number }>(
          db,
          'SELECT id, kind, participant_id AS participantId, partner_id AS partnerId FROM respondents',
        ).map(({ id, ...r }) => [id, r]),
      ),
      instrumentKind,
    };
  });
}

// 2. People ------------------------------------------------------------------------------------

export interface EnrolmentRef {
  participant: number;
  program: number;
  cohort: number;
  site: number | null;
  enrolledOn: string | null;
  exitedOn: string | null;
}

export interface People {
  enrolments: EnrolmentRef[];
  /** `${participant}:${cohort}` -> enrolments of that youth in that cohort. */
  enrolmentsOf: Map<string, EnrolmentRef[]>;
  /** participant -> attribute name -> value (cohort null) and values per cohort. */
  attributes: Map<number, Map<string, { any: string | null; byCohort: Map<number, string> }>>;
}

export function loadPeople(db: Db): People {
  return cached(db, 'people', () => {
    const enrolments = all<EnrolmentRef>(
      db,
      `SELECT participant_id AS participant, program_id AS program, cohort_id AS cohort, site_id AS site,
              enrolled_on AS enrolledOn, exited_on AS exitedOn FROM enrolments`,
    );
    const enrolmentsOf = new Map<string, EnrolmentRef[]>();
    for (const e of enrolments) {
      const k = `${e.participant}:${e.cohort}`;
      const list = enrolmentsOf.get(k);
      if (list) list.push(e);
      else enrolmentsOf.set(k, [e]);
    }
    const attributes: People['attributes'] = new Map();
    for (const a of db
      .prepare('SELECT participant_id, name, value, cohort_id FROM participant_attributes')
      .raw()
      .iterate() as IterableIterator<[number, string, string, number | null]>) {
      const [p, name, value, cohort] = a;
      let byName = attributes.get(p);
      if (!byName) attributes.set(p, (byName = new Map()));
      let v = byName.get(name);
      if (!v) byName.set(name, (v = { any: null, byCohort: new Map() }));
      if (cohort === null) v.any = value;
      else v.byCohort.set(cohort, value);
    }
    return { enrolments, enrolmentsOf, attributes };
  });
}

/** The value of a participant attribute in a cohort: the cohort's own value, else the general one. */
export function attributeValue(people: People, participant: number, name: string, cohort: number | null) {
  const v = people.attributes.get(participant)?.get(name);
  if (!v) return null;
  return (cohort !== null ? v.byCohort.get(cohort) : undefined) ?? v.any;
}

// 3. Sessions ----------------------------------------------------------------------------------

export interface SessionRef {
  id: number;
  date: string;
  cohort: number;
  program: number;
  site: number | null;
  partner: number | null;
  activity: number | null;
  minutes: number;
}

export interface Sessions {
  list: SessionRef[];
  /** session id -> mentors at it */
  mentorsOf: Map<number, number[]>;
}

export function loadSessions(db: Db): Sessions {
  return cached(db, 'sessions', () => {
    const list = all<SessionRef>(
      db,
      `SELECT id, session_date AS date, cohort_id AS cohort, program_id AS program, site_id AS site,
              partner_id AS partner, activity_type_id AS activity, minutes_offered AS minutes
       FROM sessions ORDER BY session_date, id`,
    );
    const mentorsOf = new Map<number, number[]>();
    for (const [s, m] of db
      .prepare('SELECT session_id, mentor_id FROM session_mentors')
      .raw()
      .iterate() as IterableIterator<[number, number]>) {
      const l = mentorsOf.get(s);
      if (l) l.push(m);
      else mentorsOf.set(s, [m]);
    }
    return { list, mentorsOf };
  });
}

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
}

export interface AttendanceOptions {
  byPartner: boolean;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
}

export function loadAttendance(db: Db, o: AttendanceOptions): AttendanceCell[] {
  const byPartner = loadAttendanceByPartner(db, o.dateFrom, o.dateTo);
  if (o.byPartner) return byPartner;
  // Without the partner split, the cells of one youth, cohort, program and site are merged in memory:
  // one SQL pass over attendance serves both. Distinct days add up across lead partners (two sessions
  // of one program and site on one date led by two partners would count twice; the unsplit figures
  // use the exact distinct days per cohort, loadDaysPerCohort).
  return cached(db, `attendance:merged:${o.dateFrom ?? ''}:${o.dateTo ?? ''}`, () => {
    const merged = new Map<string, AttendanceCell>();
    for (const c of byPartner) {
      const k = `${c.participant}:${c.cohort}:${c.program}:${c.site ?? ''}`;
      const m = merged.get(k);
      if (!m) {
        merged.set(k, { ...c, partner: null, activities: [...c.activities] });
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
  });
}

function loadAttendanceByPartner(db: Db, dateFrom?: string, dateTo?: string): AttendanceCell[] {
  return cached(db, `attendance:partner:${dateFrom ?? ''}:${dateTo ?? ''}`, () => {
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
    // One pass over attendance (the covering index attendance_present serves it without table reads).
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
    }));
  });
}

// 5. Survey sittings and scale scores -------------------------------------------------------------

/** One respondent's answers to one administration in one wave. */
export interface Sitting {
  respondent: number;
  administration: number;
  wave: string;
  /** Scale score per construct index (Refs.constructs), null when not scored. */
  scores: (number | null)[];
  /** Items answered (valid, in range) per construct index. */
  answered: number[];
}

/** Fewest answered items for a score: the construct's own minimum, and the project's share of its items (rounded up). */
export function requiredItems(c: ConstructRef, minItemShare: number): number {
  const byShare = Math.ceil(minItemShare * c.items.length - 1e-9);
  return Math.max(1, c.minItems, byShare);
}

/**
 * Scale score per respondent, wave and scale in one SQL pass: the mean of answered items after reverse
 * coding ((min + max) - value), null unless enough items were answered. Values outside the item's
 * range count as missing. Grouped in the order of the covering index responses_sitting, so SQLite
 * streams the groups without sorting.
 */
export function loadSittings(db: Db, minItemShare: number): Sitting[] {
  return cached(db, `sittings:${minItemShare}`, () => {
    const refs = loadRefs(db);
    const cs = refs.constructs.filter((c) => c.items.length > 0);
    if (cs.length === 0) return [];
    const recoded =
      'CASE WHEN it.is_reverse_coded = 1 THEN rs.min_value + rs.max_value - r.value ELSE r.value END';
    const inner = cs
      .map(
        (_, j) =>
          `sum(CASE WHEN it.construct_id = ? THEN ${recoded} END) AS s${j}, count(CASE WHEN it.construct_id = ? THEN 1 END) AS c${j}`,
      )
      .join(', ');
    const outer = cs.map((_, j) => `CASE WHEN c${j} >= ? THEN s${j} / c${j} END, c${j}`).join(', ');
    // Parameters in text order: the outer minimums, then the subquery's construct ids.
    const params: number[] = cs.map((c) => requiredItems(c, minItemShare));
    for (const c of cs) params.push(c.id, c.id);
    const sql = `SELECT respondent_id, administration_id, wave, ${outer} FROM (
        SELECT r.respondent_id, r.wave, r.administration_id, ${inner}
        FROM responses r INDEXED BY responses_sitting
        JOIN items it ON it.id = r.item_id
        JOIN response_scales rs ON rs.id = it.response_scale_id
        WHERE r.value IS NOT NULL AND r.value BETWEEN rs.min_value AND rs.max_value
          AND it.construct_id IS NOT NULL
        GROUP BY r.respondent_id, r.wave, r.administration_id)`;
    const rows = db
      .prepare(sql)
      .raw()
      .all(...params) as unknown[][];
    const n = refs.constructs.length;
    return rows.map((r) => {
      const scores: (number | null)[] = new Array<number | null>(n).fill(null);
      const answered: number[] = new Array<number>(n).fill(0);
      cs.forEach((c, j) => {
        scores[c.index] = r[3 + 2 * j] as number | null;
        answered[c.index] = r[4 + 2 * j] as number;
      });
      return {
        respondent: r[0] as number,
        administration: r[1] as number,
        wave: r[2] as string,
        scores,
        answered,
      };
    });
  });
}

// 6. Item answers (reliability, distributions) ------------------------------------------------------

/** Missing reasons as stored, plus 'no_answer' for an item with no response row in a sitting. */
export const ITEM_MISSING = [...MISSING_REASONS, 'out_of_range', 'no_answer'] as const;
const MISSING_BASE = -1e9;

/** One sitting's raw answers to every item of its instrument, in Refs item order per instrument. */
export interface ItemSitting {
  respondent: number;
  administration: number;
  wave: string;
  /** instrument items in order; a value, or a code <= MISSING_BASE for a missing reason */
  values: Float64Array;
}
export interface ItemAnswers {
  /** instrument id -> its items, in the order of ItemSitting.values */
  itemsOf: Map<number, ItemRef[]>;
  sittings: ItemSitting[];
}

export const missingIndex = (v: number) => Math.round(MISSING_BASE - v);
export const isMissingCode = (v: number) => v <= MISSING_BASE + 0.5;

/** Every item answer of every sitting, pivoted to one row per sitting in SQL (one pass per instrument). */
export function loadItemAnswers(db: Db): ItemAnswers {
  return cached(db, 'items', () => {
    const refs = loadRefs(db);
    const itemsOf = new Map<number, ItemRef[]>();
    for (const i of refs.itemById.values()) {
      const l = itemsOf.get(i.instrumentId);
      if (l) l.push(i);
      else itemsOf.set(i.instrumentId, [i]);
    }
    const code = (reason: string) =>
      MISSING_BASE - ITEM_MISSING.indexOf(reason as (typeof ITEM_MISSING)[number]);
    const reasonCase = `CASE r.missing_reason ${MISSING_REASONS.map((m) => `WHEN '${m}' THEN ${code(m)}`).join(' ')} END`;
    const sittings: ItemSitting[] = [];
    const allItems = [...itemsOf.values()].flat();
    if (allItems.length === 0) return { itemsOf, sittings };
    const column = new Map(allItems.map((item, j) => [item.id, j]));
    const cols = allItems.map(() => `max(CASE WHEN r.item_id = ? THEN coalesce(r.value, ${reasonCase}) END)`);
    // One pass over responses in the covering index's order, every item pivoted into its own column.
    const rows = db
      .prepare(
        `SELECT r.respondent_id, r.administration_id, r.wave, ${cols.join(', ')}
         FROM responses r INDEXED BY responses_sitting
         GROUP BY r.respondent_id, r.wave, r.administration_id`,
      )
      .raw()
      .all(...allItems.map((i) => i.id)) as unknown[][];
    for (const r of rows) {
      const adm = refs.administrationById.get(r[1] as number);
      const items = adm ? itemsOf.get(adm.instrumentId) : undefined;
      if (!items) continue;
      const values = new Float64Array(items.length);
      items.forEach((item, j) => {
        const v = r[3 + (column.get(item.id) as number)] as number | null;
        const scale = refs.scaleById.get(item.scaleId);
        if (v === null) values[j] = code('no_answer');
        else if (isMissingCode(v)) values[j] = v;
        else if (scale && (v < scale.min || v > scale.max)) values[j] = code('out_of_range');
        else values[j] = v;
      });
      sittings.push({
        respondent: r[0] as number,
        administration: r[1] as number,
        wave: r[2] as string,
        values,
      });
    }
    return { itemsOf, sittings };
  });
}

/** Distinct dates each youth attended anything in each cohort: `${participant}:${cohort}` -> days. */
export function loadDaysPerCohort(db: Db, dateFrom?: string, dateTo?: string): Map<string, number> {
  return cached(db, `days:${dateFrom ?? ''}:${dateTo ?? ''}`, () => {
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
    const out = new Map<string, number>();
    const rows = db
      .prepare(
        `SELECT a.participant_id, s.cohort_id, count(DISTINCT s.session_date)
         FROM sessions s JOIN attendance a ON a.session_id = s.id
         WHERE ${where.join(' AND ')} GROUP BY a.participant_id, s.cohort_id`,
      )
      .raw()
      .all(...params) as [number, number, number][];
    for (const [p, c, d] of rows) out.set(`${p}:${c}`, d);
    return out;
  });
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
