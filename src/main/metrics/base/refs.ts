import type { Db } from '../../db/open-project';
import { cached } from '../cache';
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

/** Enrolments as columns (site -1 = none), in table order. */
export interface EnrolmentColumns {
  length: number;
  participant: Int32Array;
  program: Int32Array;
  cohort: Int32Array;
  site: Int32Array;
  enrolledOn: (string | null)[];
  exitedOn: (string | null)[];
}

export interface People {
  enrolments: EnrolmentColumns;
  /** pairKey(participant, cohort) -> enrolments of that youth in that cohort (built on first use). */
  readonly enrolmentsOf: Map<number | string, EnrolmentRef[]>;
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
    const rows = db
      .prepare(
        'SELECT participant_id, program_id, cohort_id, site_id, enrolled_on, exited_on FROM enrolments',
      )
      .raw()
      .all() as [number, number, number, number | null, string | null, string | null][];
    const n = rows.length;
    const enrolments: EnrolmentColumns = {
      length: n,
      participant: new Int32Array(n),
      program: new Int32Array(n),
      cohort: new Int32Array(n),
      site: new Int32Array(n),
      enrolledOn: new Array<string | null>(n),
      exitedOn: new Array<string | null>(n),
    };
    rows.forEach((r, i) => {
      enrolments.participant[i] = r[0];
      enrolments.program[i] = r[1];
      enrolments.cohort[i] = r[2];
      enrolments.site[i] = r[3] ?? -1;
      enrolments.enrolledOn[i] = r[4];
      enrolments.exitedOn[i] = r[5];
    });
    const attributes: People['attributes'] = new Map();
    // A name's place in attributeNames: the first participant (in order of first appearance) that has
    // it, then its place among that participant's names (their rows' order).
    const rank = new Map<number, number>();
    const placeOf = new Map<string, [number, number]>();
    let row = 0;
    for (const [p, name, value, cohort] of db
      .prepare('SELECT participant_id, name, value, cohort_id FROM participant_attributes')
      .raw()
      .iterate() as IterableIterator<[number, string, string, number | null]>) {
      let v = attributes.get(name);
      if (!v) attributes.set(name, (v = { any: new Map(), byCohort: new Map() }));
      if (cohort === null) v.any.set(p, value);
      else v.byCohort.set(pairKey(p, cohort), value);
      let r = rank.get(p);
      if (r === undefined) rank.set(p, (r = rank.size));
      const place = placeOf.get(name);
      if (!place || r < place[0]) placeOf.set(name, [r, row]);
      row += 1;
    }
    const attributeNames = new Set(
      [...placeOf].sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1]).map(([name]) => name),
    );
    let enrolmentsOf: Map<number | string, EnrolmentRef[]> | undefined;
    return {
      enrolments,
      get enrolmentsOf() {
        return (enrolmentsOf ??= groupEnrolments(enrolments));
      },
      attributes,
      attributeNames,
    };
  });
}

function groupEnrolments(e: EnrolmentColumns): Map<number | string, EnrolmentRef[]> {
  const out = new Map<number | string, EnrolmentRef[]>();
  for (let i = 0; i < e.length; i += 1) {
    const ref: EnrolmentRef = {
      participant: e.participant[i]!,
      program: e.program[i]!,
      cohort: e.cohort[i]!,
      site: e.site[i]! < 0 ? null : e.site[i]!,
      enrolledOn: e.enrolledOn[i]!,
      exitedOn: e.exitedOn[i]!,
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
