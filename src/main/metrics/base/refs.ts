import type { Db } from '../../db/open-project';
import { cached } from '../cache';
import { persisted } from '../layers';
import { pairKey } from '../pair-key';

/**
 * The base layers the metric sections read (this file: reference data, people and sessions;
 * ./attendance.ts: attendance aggregated per youth; ./surveys.ts: survey sittings with their scale
 * scores and item answers). Each is one SQL pass, built once per data version
 * (src/main/metrics/cache.ts), so a filtered recomputation never goes back to the big tables.
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

export const all = <T>(db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];

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
      respondentById: readRespondents(db),
      instrumentKind,
    };
  });
}

/** Respondents by id, row by row (one object each, no intermediate row objects). */
function readRespondents(db: Db): Map<number, RespondentRef> {
  const out = new Map<number, RespondentRef>();
  for (const [id, kind, participantId, partnerId] of db
    .prepare('SELECT id, kind, participant_id, partner_id FROM respondents')
    .raw()
    .iterate() as IterableIterator<[number, RespondentRef['kind'], number | null, number | null]>)
    out.set(id, { kind, participantId, partnerId });
  return out;
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

/** Enrolments as columns (site -1 = none), in table order. */
export interface EnrolmentColumns {
  length: number;
  participant: Int32Array;
  program: Int32Array;
  cohort: Int32Array;
  site: Int32Array;
  /** index into dates, -1 = none */
  enrolledOn: Int32Array;
  exitedOn: Int32Array;
  dates: string[];
}

export interface People {
  enrolments: EnrolmentColumns;
  /** pairKey(participant, cohort) -> enrolments of that youth in that cohort (built on first use). */
  readonly enrolmentsOf: Map<number | string, EnrolmentRef[]>;
  /** attribute name -> its values per participant slot (attributeSlot); read through attributeValue. */
  attributes: Map<string, AttributeTable>;
  /** A participant's index in the attribute tables, -1 when they have no attribute at all. */
  attributeSlot: (participant: number) => number;
  /** Every attribute name recorded, in order of the participants that have it. */
  attributeNames: Set<string>;
}

/**
 * One attribute's values: per participant slot, 1 + the index in `values` of the value recorded
 * without a cohort (`any`) or for a cohort (`byCohort`), 0 for none.
 */
export interface AttributeTable {
  values: string[];
  any: Int32Array;
  byCohort: Map<number, Int32Array>;
}

/**
 * Enrolments and attributes, kept in the project file as columns (metrics_layers, key people:v1;
 * migration 0008 drops it on any change to enrolments or participant_attributes), so a new process
 * reads one blob instead of every row.
 */
interface StoredPeople {
  enrolments: Omit<EnrolmentColumns, 'length'>;
  /** per attribute name */
  attributes: { name: string; values: string[]; any: Int32Array; byCohort: [number, Int32Array][] }[];
  /** the participant id of each attribute slot, or null when the slot is the id itself */
  slotIds: Int32Array | null;
  /** attribute names in the order of attributeNames */
  names: string[];
}

export function loadPeople(db: Db): People {
  return cached(db, 'people', () =>
    peopleOf(
      persisted(
        db,
        'people:v1',
        () => readPeople(db),
        (p) => p,
        (p) => (isStoredPeople(p) ? p : readPeople(db)),
      ),
    ),
  );
}

function isStoredPeople(p: unknown): p is StoredPeople {
  if (typeof p !== 'object' || p === null) return false;
  const s = p as Partial<StoredPeople>;
  const e = s.enrolments;
  return (
    e !== undefined &&
    e.participant instanceof Int32Array &&
    e.exitedOn instanceof Int32Array &&
    e.exitedOn.length === e.participant.length &&
    Array.isArray(e.dates) &&
    Array.isArray(s.attributes) &&
    Array.isArray(s.names) &&
    (s.slotIds === null || s.slotIds instanceof Int32Array)
  );
}

function peopleOf(s: StoredPeople): People {
  const enrolments: EnrolmentColumns = { length: s.enrolments.participant.length, ...s.enrolments };
  let attributeSlot: (participant: number) => number;
  if (s.slotIds === null) {
    const size = s.attributes[0]?.any.length ?? 0;
    attributeSlot = (p) => (p >= 0 && p < size ? p : -1);
  } else {
    const slots = new Map<number, number>();
    s.slotIds.forEach((id, slot) => slots.set(id, slot));
    attributeSlot = (p) => slots.get(p) ?? -1;
  }
  const attributes = new Map<string, AttributeTable>(
    s.attributes.map((a) => [a.name, { values: a.values, any: a.any, byCohort: new Map(a.byCohort) }]),
  );
  let enrolmentsOf: Map<number | string, EnrolmentRef[]> | undefined;
  return {
    enrolments,
    get enrolmentsOf() {
      return (enrolmentsOf ??= groupEnrolments(enrolments));
    },
    attributes,
    attributeSlot,
    attributeNames: new Set(s.names),
  };
}

function readPeople(db: Db): StoredPeople {
  // Row by row into columns (no array of all rows to collect afterwards).
  const n = db.prepare('SELECT count(*) FROM enrolments').pluck().get() as number;
  const participant = new Int32Array(n);
  const program = new Int32Array(n);
  const cohort = new Int32Array(n);
  const site = new Int32Array(n);
  const enrolledOn = new Int32Array(n);
  const exitedOn = new Int32Array(n);
  const dates = new Map<string, number>();
  const date = (d: string | null) => {
    if (d === null) return -1;
    let i = dates.get(d);
    if (i === undefined) dates.set(d, (i = dates.size));
    return i;
  };
  let i = 0;
  for (const r of db
    .prepare('SELECT participant_id, program_id, cohort_id, site_id, enrolled_on, exited_on FROM enrolments')
    .raw()
    .iterate() as IterableIterator<[number, number, number, number | null, string | null, string | null]>) {
    // Another connection's commit between the count and this read changes the data version: what is
    // built here is then thrown away at the next call (cache.ts); just stay in bounds meanwhile.
    if (i === n) break;
    participant[i] = r[0];
    program[i] = r[1];
    cohort[i] = r[2];
    site[i] = r[3] ?? -1;
    enrolledOn[i] = date(r[4]);
    exitedOn[i] = date(r[5]);
    i += 1;
  }
  return {
    enrolments: {
      participant: participant.slice(0, i),
      program: program.slice(0, i),
      cohort: cohort.slice(0, i),
      site: site.slice(0, i),
      enrolledOn: enrolledOn.slice(0, i),
      exitedOn: exitedOn.slice(0, i),
      dates: [...dates.keys()],
    },
    ...readAttributes(db),
  };
}

/**
 * Participant attributes, read per name, cohort and value with the participants as one JSON list
 * each (one row per value, not per participant), into a table per name indexed by participant slot.
 */
function readAttributes(db: Db): Pick<StoredPeople, 'attributes' | 'slotIds' | 'names'> {
  const groups = (
    db
      .prepare(
        `SELECT name, cohort_id, value, json_group_array(participant_id), json_group_array(id)
         FROM participant_attributes GROUP BY name, cohort_id, value`,
      )
      .raw()
      .all() as [string, number | null, string, string, string][]
  ).map(([name, cohort, value, participants, ids]) => ({
    name,
    cohort,
    value,
    participants: JSON.parse(participants) as number[],
    ids: JSON.parse(ids) as number[],
  }));
  let max = 0;
  let rows = 0;
  for (const g of groups) {
    rows += g.participants.length;
    for (const p of g.participants) if (p > max) max = p;
  }
  // Participant ids are rowids: a table indexed by the id itself, unless they are far too sparse.
  let slotOf: (participant: number) => number;
  let slotIds: Int32Array | null = null;
  let size: number;
  if (max <= 8 * rows + 1_000_000 && groups.every((g) => g.participants.every((p) => p >= 0))) {
    slotOf = (p) => p;
    size = max + 1;
  } else {
    const slots = new Map<number, number>();
    for (const g of groups) for (const p of g.participants) if (!slots.has(p)) slots.set(p, slots.size);
    slotOf = (p) => slots.get(p)!;
    slotIds = Int32Array.from(slots.keys());
    size = slots.size;
  }
  const tables = new Map<string, StoredPeople['attributes'][number]>();
  // The first row (id) of each participant: attributeNames lists names in order of the participants
  // that have them (by their first row), then of their rows.
  const firstRow = new Float64Array(size).fill(Infinity);
  for (const g of groups) {
    let t = tables.get(g.name);
    if (!t) tables.set(g.name, (t = { name: g.name, values: [], any: new Int32Array(size), byCohort: [] }));
    let column = t.any;
    if (g.cohort !== null) {
      const cohort = g.cohort;
      let c = t.byCohort.find(([id]) => id === cohort)?.[1];
      if (!c) t.byCohort.push([cohort, (c = new Int32Array(size))]);
      column = c;
    }
    t.values.push(g.value);
    const v = t.values.length;
    g.participants.forEach((p, k) => {
      const slot = slotOf(p);
      column[slot] = v;
      if (g.ids[k]! < firstRow[slot]!) firstRow[slot] = g.ids[k]!;
    });
  }
  const placeOf = new Map<string, [number, number]>();
  for (const g of groups)
    g.participants.forEach((p, k) => {
      const first = firstRow[slotOf(p)]!;
      const place = placeOf.get(g.name);
      if (!place || first < place[0] || (first === place[0] && g.ids[k]! < place[1]))
        placeOf.set(g.name, [first, g.ids[k]!]);
    });
  const names = [...placeOf].sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1]).map(([name]) => name);
  return { attributes: [...tables.values()], slotIds, names };
}

function groupEnrolments(e: EnrolmentColumns): Map<number | string, EnrolmentRef[]> {
  const out = new Map<number | string, EnrolmentRef[]>();
  for (let i = 0; i < e.length; i += 1) {
    const ref: EnrolmentRef = {
      participant: e.participant[i]!,
      program: e.program[i]!,
      cohort: e.cohort[i]!,
      site: e.site[i]! < 0 ? null : e.site[i]!,
      enrolledOn: e.enrolledOn[i]! < 0 ? null : e.dates[e.enrolledOn[i]!]!,
      exitedOn: e.exitedOn[i]! < 0 ? null : e.dates[e.exitedOn[i]!]!,
    };
    const k = pairKey(ref.participant, ref.cohort);
    const list = out.get(k);
    if (list) list.push(ref);
    else out.set(k, [ref]);
  }
  return out;
}

/** The value of a participant attribute in a cohort: the cohort's own value, else the general one. */
export function attributeValue(people: People, participant: number, name: string, cohort: number | null) {
  const t = people.attributes.get(name);
  if (!t) return null;
  const slot = people.attributeSlot(participant);
  if (slot < 0) return null;
  if (cohort !== null) {
    const own = t.byCohort.get(cohort)?.[slot];
    if (own) return t.values[own - 1]!;
  }
  const any = t.any[slot]!;
  return any ? t.values[any - 1]! : null;
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
