import { MISSING_REASONS } from '@shared/vocab';
import type { Db } from '../db/open-project';
import { cached } from './cache';
import { persisted } from './layers';
import type { Unit } from './context';
import { pairKey } from './pair-key';

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
  /** pairKey(participant, cohort) -> enrolments of that youth in that cohort. */
  enrolmentsOf: Map<number | string, EnrolmentRef[]>;
  /**
   * attribute name -> value per participant (recorded without a cohort) and per
   * pairKey(participant, cohort) (recorded for one cohort).
   */
  attributes: Map<string, { any: Map<number, string>; byCohort: Map<number | string, string> }>;
  /** Every attribute name recorded, in order of the participants that have it. */
  attributeNames: Set<string>;
}

export function loadPeople(db: Db): People {
  return cached(db, 'people', () => {
    const enrolments = all<EnrolmentRef>(
      db,
      `SELECT participant_id AS participant, program_id AS program, cohort_id AS cohort, site_id AS site,
              enrolled_on AS enrolledOn, exited_on AS exitedOn FROM enrolments`,
    );
    const enrolmentsOf = new Map<number | string, EnrolmentRef[]>();
    for (const e of enrolments) {
      const k = pairKey(e.participant, e.cohort);
      const list = enrolmentsOf.get(k);
      if (list) list.push(e);
      else enrolmentsOf.set(k, [e]);
    }
    const attributes: People['attributes'] = new Map();
    // Names per participant in order of appearance, for attributeNames' order.
    const namesOf = new Map<number, string[]>();
    for (const a of db
      .prepare('SELECT participant_id, name, value, cohort_id FROM participant_attributes')
      .raw()
      .iterate() as IterableIterator<[number, string, string, number | null]>) {
      const [p, name, value, cohort] = a;
      let v = attributes.get(name);
      if (!v) attributes.set(name, (v = { any: new Map(), byCohort: new Map() }));
      if (cohort === null) v.any.set(p, value);
      else v.byCohort.set(pairKey(p, cohort), value);
      const names = namesOf.get(p);
      if (!names) namesOf.set(p, [name]);
      else if (!names.includes(name)) names.push(name);
    }
    const attributeNames = new Set<string>();
    for (const names of namesOf.values()) for (const n of names) attributeNames.add(n);
    return { enrolments, enrolmentsOf, attributes, attributeNames };
  });
}

/** The value of a participant attribute in a cohort: the cohort's own value, else the general one. */
export function attributeValue(people: People, participant: number, name: string, cohort: number | null) {
  const v = people.attributes.get(name);
  if (!v) return null;
  if (cohort !== null) {
    const own = v.byCohort.get(pairKey(participant, cohort));
    if (own !== undefined) return own;
  }
  return v.any.get(participant) ?? null;
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

// 5. Survey sittings and scale scores -------------------------------------------------------------

/** One respondent's answers to one administration in one wave. */
export interface Sitting {
  /** The sitting's row in the answer grid: the same sitting in ItemAnswers has the same row. */
  row: number;
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
 * Every answer of every sitting, pivoted to one row per sitting (respondent, wave, administration) in
 * one SQL pass over responses (sittings in the order of their index sittings_respondent), so SQLite streams
 * the groups without sorting: a value, a code <= MISSING_BASE for a missing reason, NaN for no
 * response row. Scale scores (loadSittings) and the item answers of reliability and distributions
 * (loadItemAnswers) are both derived from it. Kept in the project file (layers.ts).
 */
interface AnswerGrid {
  /** Item ids in column order (ascending id). */
  items: number[];
  respondent: Int32Array;
  administration: Int32Array;
  waves: string[];
  /** index into waves */
  wave: Uint8Array;
  /** rows x items */
  values: Float64Array;
}

function loadAnswerGrid(db: Db): AnswerGrid {
  return cached(db, 'answerGrid', () => {
    const items = [...loadRefs(db).itemById.keys()].sort((a, b) => a - b);
    const empty: AnswerGrid = {
      items,
      respondent: new Int32Array(0),
      administration: new Int32Array(0),
      waves: [],
      wave: new Uint8Array(0),
      values: new Float64Array(0),
    };
    if (items.length === 0) return empty;
    return persisted(
      db,
      `answers:v1:${items.join(',')}`,
      () => readAnswerGrid(db, items),
      (g) => g,
      (g) => g,
    );
  });
}

function readAnswerGrid(db: Db, items: number[]): AnswerGrid {
  const code = (reason: string) =>
    MISSING_BASE - ITEM_MISSING.indexOf(reason as (typeof ITEM_MISSING)[number]);
  const reasonCase = `CASE r.missing_reason ${MISSING_REASONS.map((m) => `WHEN '${m}' THEN ${code(m)}`).join(' ')} END`;
  const cols = items.map(() => `max(CASE WHEN r.item_id = ? THEN coalesce(r.value, ${reasonCase}) END)`);
  const rows = db
    .prepare(
      `SELECT r.respondent_id, r.administration_id, r.wave, ${cols.join(', ')}
       FROM responses r
       GROUP BY r.respondent_id, r.wave, r.administration_id`,
    )
    .raw()
    .all(...items) as unknown[][];
  const n = rows.length;
  const k = items.length;
  const waves: string[] = [];
  const grid: AnswerGrid = {
    items,
    respondent: new Int32Array(n),
    administration: new Int32Array(n),
    waves,
    wave: new Uint8Array(n),
    values: new Float64Array(n * k),
  };
  rows.forEach((r, i) => {
    grid.respondent[i] = r[0] as number;
    grid.administration[i] = r[1] as number;
    let w = waves.indexOf(r[2] as string);
    if (w < 0) w = waves.push(r[2] as string) - 1;
    grid.wave[i] = w;
    for (let j = 0; j < k; j += 1) {
      const v = r[3 + j] as number | null;
      grid.values[i * k + j] = v === null ? Number.NaN : v;
    }
  });
  return grid;
}

/**
 * Scale score per respondent, wave and scale: the mean of answered items after reverse coding
 * ((min + max) - value), null unless enough items were answered. Values outside the item's range
 * count as missing. A sitting with no valid answer to any scale item has no score row. Sums run in
 * item id order with SQLite's sum() (Kahan-Babuska-Neumaier), as the SQL aggregate this replaced.
 */
export function loadSittings(db: Db, minItemShare: number): Sitting[] {
  return cached(db, `sittings:${minItemShare}`, () => {
    const refs = loadRefs(db);
    const grid = loadAnswerGrid(db);
    const n = refs.constructs.length;
    const k = grid.items.length;
    // Per construct: its items' columns (ascending id), recoding and valid range.
    const cs = refs.constructs
      .filter((c) => c.items.length > 0)
      .map((c) => {
        const own = [...c.items].sort((a, b) => a.id - b.id);
        return {
          c,
          need: requiredItems(c, minItemShare),
          cols: own.map((it) => grid.items.indexOf(it.id)),
          lo: own.map((it) => refs.scaleById.get(it.scaleId)?.min ?? Number.NaN),
          hi: own.map((it) => refs.scaleById.get(it.scaleId)?.max ?? Number.NaN),
          rev: own.map((it) => it.reverse),
        };
      });
    const out: Sitting[] = [];
    if (cs.length === 0) return out;
    const rows = grid.respondent.length;
    for (let i = 0; i < rows; i += 1) {
      let scores: (number | null)[] | null = null;
      let answered: number[] | null = null;
      for (const x of cs) {
        let sum = 0;
        let err = 0;
        let count = 0;
        for (let j = 0; j < x.cols.length; j += 1) {
          const col = x.cols[j]!;
          if (col < 0) continue;
          const v = grid.values[i * k + col]!;
          // NaN (no row) and missing codes fail the range test.
          if (!(v >= x.lo[j]! && v <= x.hi[j]!)) continue;
          const r = x.rev[j] ? x.lo[j]! + x.hi[j]! - v : v;
          const t = sum + r;
          if (Math.abs(sum) > Math.abs(r)) err += sum - t + r;
          else err += r - t + sum;
          sum = t;
          count += 1;
        }
        if (count === 0) continue;
        if (!scores || !answered) {
          scores = new Array<number | null>(n).fill(null);
          answered = new Array<number>(n).fill(0);
        }
        scores[x.c.index] = count >= x.need ? (sum + err) / count : null;
        answered[x.c.index] = count;
      }
      if (!scores || !answered) continue;
      out.push({
        row: i,
        respondent: grid.respondent[i]!,
        administration: grid.administration[i]!,
        wave: grid.waves[grid.wave[i]!]!,
        scores,
        answered,
      });
    }
    return out;
  });
}

// 6. Item answers (reliability, distributions) ------------------------------------------------------

/** Missing reasons as stored, plus 'out_of_range' and 'no_answer' for an item with no response row in a sitting. */
export const ITEM_MISSING = [...MISSING_REASONS, 'out_of_range', 'no_answer'] as const;
const MISSING_BASE = -1e9;

/** One sitting's raw answers to every item of its instrument, in Refs item order per instrument. */
export interface ItemSitting {
  /** The sitting's row in the answer grid (Sitting.row). */
  row: number;
  respondent: number;
  administration: number;
  wave: string;
  /**
   * Where its answers start in ItemAnswers.values: instrument items in order from there; a value,
   * or a code <= MISSING_BASE for a missing reason.
   */
  offset: number;
}
export interface ItemAnswers {
  /** instrument id -> its items, in the order of each sitting's answers */
  itemsOf: Map<number, ItemRef[]>;
  sittings: ItemSitting[];
  /** Every sitting's answers, one after the other (one array, not one per sitting). */
  values: Float64Array;
  /** Answer grid row (Sitting.row) -> index in sittings, -1 for none. */
  indexOfRow: Int32Array;
}

export const missingIndex = (v: number) => Math.round(MISSING_BASE - v);
export const isMissingCode = (v: number) => v <= MISSING_BASE + 0.5;

/** Every item answer of every sitting whose administration's instrument has items (from the answer grid). */
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
    const sittings: ItemSitting[] = [];
    const grid = loadAnswerGrid(db);
    const k = grid.items.length;
    if (k === 0) return { itemsOf, sittings, values: new Float64Array(0), indexOfRow: new Int32Array(0) };
    const column = new Map(grid.items.map((id, j) => [id, j]));
    // Per instrument: each item's grid column and valid range.
    const layout = new Map(
      [...itemsOf].map(([instrument, items]) => [
        instrument,
        items.map((item) => {
          const scale = refs.scaleById.get(item.scaleId);
          return { col: column.get(item.id) as number, scale };
        }),
      ]),
    );
    const noAnswer = code('no_answer');
    const outOfRange = code('out_of_range');
    const layoutOf = (i: number) => {
      const adm = refs.administrationById.get(grid.administration[i]!);
      return adm ? layout.get(adm.instrumentId) : undefined;
    };
    let size = 0;
    for (let i = 0; i < grid.respondent.length; i += 1) size += layoutOf(i)?.length ?? 0;
    const values = new Float64Array(size);
    const indexOfRow = new Int32Array(grid.respondent.length).fill(-1);
    let offset = 0;
    for (let i = 0; i < grid.respondent.length; i += 1) {
      const cols = layoutOf(i);
      if (!cols) continue;
      for (let j = 0; j < cols.length; j += 1) {
        const { col, scale } = cols[j]!;
        const v = grid.values[i * k + col]!;
        if (Number.isNaN(v)) values[offset + j] = noAnswer;
        else if (isMissingCode(v)) values[offset + j] = v;
        else if (scale && (v < scale.min || v > scale.max)) values[offset + j] = outOfRange;
        else values[offset + j] = v;
      }
      indexOfRow[i] = sittings.length;
      sittings.push({
        row: i,
        respondent: grid.respondent[i]!,
        administration: grid.administration[i]!,
        wave: grid.waves[grid.wave[i]!]!,
        offset,
      });
      offset += cols.length;
    }
    return { itemsOf, sittings, values, indexOfRow };
  });
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
