import { describe, expect, it } from 'vitest';
import { importQueries } from '../../../src/main/db/queries/imports';
import { participantQueries } from '../../../src/main/db/queries/participants';
import { sessionQueries } from '../../../src/main/db/queries/sessions';
import { seedSmallPartnership, addImport } from '../../helpers/model-seed';
import { useTempProject } from '../../helpers/temp-project';
import type { Db } from '../../../src/main/db/open-project';

const FACT_TABLES = [
  'participant_attributes',
  'enrolments',
  'partner_commitments',
  'contributions',
  'sessions',
  'session_mentors',
  'attendance',
  'administrations',
  'sittings',
  'goals',
] as const;

const count = (
  db: Db,
  table: (typeof FACT_TABLES)[number] | 'participants' | 'partners' | 'mentors' | 'responses' | 'answers',
) =>
  // The table name comes from the constant list above, never from data.
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('provenance: undoing an import', () => {
  const project = useTempProject();

  it('gives every fact table a cascading import_id, and source_row where facts come from rows', () => {
    const { db } = project();
    for (const table of FACT_TABLES) {
      const fks = db
        .prepare('SELECT "from", "table", on_delete FROM pragma_foreign_key_list(?)')
        .all(table) as {
        from: string;
        table: string;
        on_delete: string;
      }[];
      expect(fks, table).toContainEqual({ from: 'import_id', table: 'imports', on_delete: 'CASCADE' });
      const cols = db.prepare('SELECT name, "notnull" FROM pragma_table_info(?)').all(table) as {
        name: string;
        notnull: number;
      }[];
      expect(cols, table).toContainEqual({ name: 'import_id', notnull: 1 });
      if (table !== 'administrations') expect(cols, table).toContainEqual({ name: 'source_row', notnull: 1 });
    }
    // A sitting's answers go with it (they carry no import of their own).
    expect(
      db.prepare('SELECT "from", "table", on_delete FROM pragma_foreign_key_list(?)').all('answers'),
    ).toContainEqual({ from: 'sitting_id', table: 'sittings', on_delete: 'CASCADE' });
  });

  it('removes the facts of the deleted import and keeps shared entities, unlinked', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const imports = importQueries(db);
    expect(count(db, 'responses')).toBe(15);
    expect(imports.deleteImport(s.imports.surveyImport)).toBe(1);
    expect(count(db, 'responses')).toBe(0);
    expect(count(db, 'answers')).toBe(0);
    expect(count(db, 'administrations')).toBe(0);

    expect(imports.deleteImport(s.imports.rosterImport)).toBe(1);
    expect(count(db, 'enrolments')).toBe(0);
    expect(count(db, 'participant_attributes')).toBe(0);
    expect(count(db, 'participants')).toBe(3); // attendance still refers to them
    expect(db.prepare('SELECT count(*) FROM participants WHERE import_id IS NULL').pluck().get()).toBe(3);
    expect(count(db, 'attendance')).toBe(5);
  });

  it('refuses to undo sessions that a later attendance import still uses, until that is undone first', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const imports = importQueries(db);
    expect(() => imports.deleteImport(s.imports.sessionsImport)).toThrow(/FOREIGN KEY/);
    expect(count(db, 'sessions')).toBe(3);
    imports.deleteImport(s.imports.attendanceImport);
    imports.deleteImport(s.imports.sessionsImport);
    expect(count(db, 'sessions')).toBe(0);
    expect(count(db, 'session_mentors')).toBe(0);
  });

  it('undoes a file that created both sessions and the attendance that uses them in one go', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const log = addImport(db, 'attendance', 'sign-in.csv');
    const q = sessionQueries(db);
    const session = q.insertSession(
      {
        externalId: null,
        sessionDate: '2024-01-10',
        programId: s.club,
        cohortId: s.cohorts.c23,
        siteId: s.site,
        activityTypeId: s.lab,
        minutesOffered: 90,
        partnerId: null,
        title: null,
      },
      { importId: log, sourceRow: 1 },
    );
    q.insertAttendance(
      { participantId: s.youth.y3, sessionId: session, isPresent: true, minutesAttended: 90 },
      { importId: log, sourceRow: 1 },
    );
    importQueries(db).deleteImport(log);
    expect(q.getSession(session)).toBeUndefined();
    expect(q.listAttendance(s.youth.y3)).toEqual([]);
    expect(participantQueries(db).getParticipantByKey('Y3')).toBeDefined();
  });
});
