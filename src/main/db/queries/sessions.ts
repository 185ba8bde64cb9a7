import type { Db } from '../open-project';
import type { Provenance } from './imports';

// Dosage: sessions offered, the mentors at each, and youth attendance.

export interface Session {
  id: number;
  externalId: string | null;
  sessionDate: string;
  programId: number;
  cohortId: number;
  siteId: number | null;
  activityTypeId: number | null;
  minutesOffered: number;
  partnerId: number | null;
  title: string | null;
}
export interface SessionLookup {
  programId: number;
  siteId: number | null;
  sessionDate: string;
  activityTypeId: number | null;
}
export interface SessionMentor {
  sessionId: number;
  mentorId: number;
  minutes: number | null;
}
export interface Attendance {
  participantId: number;
  sessionId: number;
  isPresent: boolean;
  minutesAttended: number | null;
}
export interface ContactHours {
  participantId: number;
  sessionsAttended: number;
  hours: number;
}

const sessionCols = `id, external_id AS externalId, session_date AS sessionDate, program_id AS programId,
  cohort_id AS cohortId, site_id AS siteId, activity_type_id AS activityTypeId, minutes_offered AS minutesOffered,
  partner_id AS partnerId, title`;

export function sessionQueries(db: Db) {
  const stmt = {
    insert: db.prepare<
      [
        string | null,
        string,
        number,
        number,
        number | null,
        number | null,
        number,
        number | null,
        string | null,
        number,
        number,
      ]
    >(
      `INSERT INTO sessions (external_id, session_date, program_id, cohort_id, site_id, activity_type_id, minutes_offered,
         partner_id, title, import_id, source_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    get: db.prepare<[number], Session>(`SELECT ${sessionCols} FROM sessions WHERE id = ?`),
    byExternalId: db.prepare<[string], Session>(
      `SELECT ${sessionCols} FROM sessions WHERE external_id = ? ORDER BY id`,
    ),
    // IS, not =, so that a NULL site or activity type matches a NULL.
    find: db.prepare<[number, number | null, string, number | null], Session>(
      `SELECT ${sessionCols} FROM sessions
       WHERE program_id = ? AND site_id IS ? AND session_date = ? AND activity_type_id IS ? ORDER BY id`,
    ),
    inCohort: db.prepare<[number], Session>(
      `SELECT ${sessionCols} FROM sessions WHERE cohort_id = ? ORDER BY session_date, program_id, site_id, id`,
    ),
    insertMentor: db.prepare<[number, number, number | null, number, number]>(
      'INSERT INTO session_mentors (session_id, mentor_id, minutes, import_id, source_row) VALUES (?, ?, ?, ?, ?)',
    ),
    mentors: db.prepare<[number], SessionMentor>(
      'SELECT session_id AS sessionId, mentor_id AS mentorId, minutes FROM session_mentors WHERE session_id = ? ORDER BY mentor_id',
    ),
    insertAttendance: db.prepare<[number, number, number, number | null, number, number]>(
      `INSERT INTO attendance (participant_id, session_id, is_present, minutes_attended, import_id, source_row)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    attendanceOf: db.prepare<
      [number],
      { participantId: number; sessionId: number; isPresent: number; minutesAttended: number | null }
    >(
      `SELECT participant_id AS participantId, session_id AS sessionId, is_present AS isPresent,
         minutes_attended AS minutesAttended
       FROM attendance WHERE participant_id = ? ORDER BY session_id`,
    ),
    // A present row without minutes counts the whole session (documented in docs/data-model.md).
    contactHours: db.prepare<[number], ContactHours>(
      `SELECT a.participant_id AS participantId, count(*) AS sessionsAttended,
         total(coalesce(a.minutes_attended, s.minutes_offered)) / 60.0 AS hours
       FROM attendance a JOIN sessions s ON s.id = a.session_id
       WHERE a.is_present = 1 AND s.cohort_id = ?
       GROUP BY a.participant_id ORDER BY a.participant_id`,
    ),
  };
  const id = (r: { lastInsertRowid: number | bigint }) => Number(r.lastInsertRowid);
  return {
    insertSession: (s: Omit<Session, 'id'>, prov: Provenance): number =>
      id(
        stmt.insert.run(
          s.externalId,
          s.sessionDate,
          s.programId,
          s.cohortId,
          s.siteId,
          s.activityTypeId,
          s.minutesOffered,
          s.partnerId,
          s.title,
          prov.importId,
          prov.sourceRow,
        ),
      ),
    getSession: (sessionId: number): Session | undefined => stmt.get.get(sessionId),
    findSessionsByExternalId: (externalId: string): Session[] => stmt.byExternalId.all(externalId),
    /** Sessions matching how an attendance log names them: program, site, date, activity type. */
    findSessions: (l: SessionLookup): Session[] =>
      stmt.find.all(l.programId, l.siteId, l.sessionDate, l.activityTypeId),
    listSessions: (cohortId: number): Session[] => stmt.inCohort.all(cohortId),
    insertSessionMentor: (m: SessionMentor, prov: Provenance): void => {
      stmt.insertMentor.run(m.sessionId, m.mentorId, m.minutes, prov.importId, prov.sourceRow);
    },
    listSessionMentors: (sessionId: number): SessionMentor[] => stmt.mentors.all(sessionId),
    insertAttendance: (a: Attendance, prov: Provenance): number =>
      id(
        stmt.insertAttendance.run(
          a.participantId,
          a.sessionId,
          a.isPresent ? 1 : 0,
          a.minutesAttended,
          prov.importId,
          prov.sourceRow,
        ),
      ),
    listAttendance: (participantId: number): Attendance[] =>
      stmt.attendanceOf.all(participantId).map((r) => ({ ...r, isPresent: r.isPresent === 1 })),
    /** Contact hours per participant in a cohort: minutes attended / 60 over present rows. */
    contactHoursByParticipant: (cohortId: number): ContactHours[] => stmt.contactHours.all(cohortId),
  };
}
export type SessionQueries = ReturnType<typeof sessionQueries>;
