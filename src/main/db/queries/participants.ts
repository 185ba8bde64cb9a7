import type { Db } from '../open-project';
import type { Origin, Provenance } from './imports';

// Youth: pseudonymous participants, their attributes (as rows, never as columns) and enrolments.

export interface Participant {
  id: number;
  key: string;
}
export interface ParticipantAttribute {
  participantId: number;
  name: string;
  value: string;
  cohortId: number | null;
}
export interface Enrolment {
  id: number;
  participantId: number;
  programId: number;
  cohortId: number;
  siteId: number | null;
  enrolledOn: string | null;
  exitedOn: string | null;
}

export function participantQueries(db: Db) {
  const stmt = {
    insert: db.prepare<[string, number | null, number | null]>(
      'INSERT INTO participants (key, import_id, source_row) VALUES (?, ?, ?)',
    ),
    // ON CONFLICT DO NOTHING then read back: the id of an existing or a new participant in one call.
    ensure: db.prepare<[string, number | null, number | null]>(
      'INSERT INTO participants (key, import_id, source_row) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
    ),
    byKey: db.prepare<[string], Participant>('SELECT id, key FROM participants WHERE key = ?'),
    count: db.prepare<[], number>('SELECT count(*) FROM participants').pluck(),
    insertAttribute: db.prepare<[number, string, string, number | null, number, number]>(
      `INSERT INTO participant_attributes (participant_id, name, value, cohort_id, import_id, source_row)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    attributes: db.prepare<[number], ParticipantAttribute>(
      `SELECT participant_id AS participantId, name, value, cohort_id AS cohortId
       FROM participant_attributes WHERE participant_id = ? ORDER BY name, cohort_id`,
    ),
    insertEnrolment: db.prepare<
      [number, number, number, number | null, string | null, string | null, number, number]
    >(
      `INSERT INTO enrolments (participant_id, program_id, cohort_id, site_id, enrolled_on, exited_on, import_id, source_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    enrolments: db.prepare<[number], Enrolment>(
      `SELECT id, participant_id AS participantId, program_id AS programId, cohort_id AS cohortId, site_id AS siteId,
         enrolled_on AS enrolledOn, exited_on AS exitedOn
       FROM enrolments WHERE participant_id = ? ORDER BY cohort_id, program_id`,
    ),
    enrolledCount: db.prepare<[number], { programId: number; n: number }>(
      `SELECT program_id AS programId, count(DISTINCT participant_id) AS n
       FROM enrolments WHERE cohort_id = ? GROUP BY program_id ORDER BY program_id`,
    ),
  };
  return {
    insertParticipant: (key: string, origin: Origin = {}): number =>
      Number(stmt.insert.run(key, origin.importId ?? null, origin.sourceRow ?? null).lastInsertRowid),
    /** The participant's id, creating it if the key is new. */
    ensureParticipant(key: string, origin: Origin = {}): number {
      stmt.ensure.run(key, origin.importId ?? null, origin.sourceRow ?? null);
      const p = stmt.byKey.get(key);
      if (!p) throw new Error(`participant ${key} vanished after insert`);
      return p.id;
    },
    getParticipantByKey: (key: string): Participant | undefined => stmt.byKey.get(key),
    countParticipants: (): number => stmt.count.get() ?? 0,
    insertAttribute: (a: ParticipantAttribute, prov: Provenance): number =>
      Number(
        stmt.insertAttribute.run(a.participantId, a.name, a.value, a.cohortId, prov.importId, prov.sourceRow)
          .lastInsertRowid,
      ),
    listAttributes: (participantId: number): ParticipantAttribute[] => stmt.attributes.all(participantId),
    insertEnrolment: (e: Omit<Enrolment, 'id'>, prov: Provenance): number =>
      Number(
        stmt.insertEnrolment.run(
          e.participantId,
          e.programId,
          e.cohortId,
          e.siteId,
          e.enrolledOn,
          e.exitedOn,
          prov.importId,
          prov.sourceRow,
        ).lastInsertRowid,
      ),
    listEnrolments: (participantId: number): Enrolment[] => stmt.enrolments.all(participantId),
    /** Distinct participants enrolled per program in a cohort. */
    countEnrolledByProgram: (cohortId: number): { programId: number; n: number }[] =>
      stmt.enrolledCount.all(cohortId),
  };
}
export type ParticipantQueries = ReturnType<typeof participantQueries>;
