import type { ProgramType } from '@shared/vocab';
import type { Db } from '../open-project';
import type { Origin } from './imports';

// Reference data: cohorts (school years), programs, sites and activity types.

export interface Cohort {
  id: number;
  code: string;
  startsOn: string;
  endsOn: string;
}
export interface Program {
  id: number;
  code: string;
  name: string;
  programType: ProgramType;
  description: string | null;
}
export interface Site {
  id: number;
  code: string;
  name: string;
  town: string | null;
}
export interface ActivityType {
  id: number;
  code: string;
  name: string;
}

type New<T> = Omit<T, 'id'> & Origin;

export function programQueries(db: Db) {
  // Selected columns are aliased to the camelCase fields of the row types above.
  const cohortCols = 'id, code, starts_on AS startsOn, ends_on AS endsOn';
  const programCols = 'id, code, name, program_type AS programType, description';
  const stmt = {
    insertCohort: db.prepare<[string, string, string, number | null]>(
      'INSERT INTO cohorts (code, starts_on, ends_on, import_id) VALUES (?, ?, ?, ?)',
    ),
    cohortByCode: db.prepare<[string], Cohort>(`SELECT ${cohortCols} FROM cohorts WHERE code = ?`),
    cohortForDate: db.prepare<[string], Cohort>(
      `SELECT ${cohortCols} FROM cohorts WHERE ? BETWEEN starts_on AND ends_on ORDER BY starts_on DESC LIMIT 1`,
    ),
    cohorts: db.prepare<[], Cohort>(`SELECT ${cohortCols} FROM cohorts ORDER BY starts_on, code`),
    insertProgram: db.prepare<[string, string, string, string | null, number | null]>(
      'INSERT INTO programs (code, name, program_type, description, import_id) VALUES (?, ?, ?, ?, ?)',
    ),
    programByCode: db.prepare<[string], Program>(`SELECT ${programCols} FROM programs WHERE code = ?`),
    programs: db.prepare<[], Program>(`SELECT ${programCols} FROM programs ORDER BY code`),
    insertSite: db.prepare<[string, string, string | null, number | null]>(
      'INSERT INTO sites (code, name, town, import_id) VALUES (?, ?, ?, ?)',
    ),
    siteByCode: db.prepare<[string], Site>('SELECT id, code, name, town FROM sites WHERE code = ?'),
    sites: db.prepare<[], Site>('SELECT id, code, name, town FROM sites ORDER BY code'),
    insertActivityType: db.prepare<[string, string, number | null]>(
      'INSERT INTO activity_types (code, name, import_id) VALUES (?, ?, ?)',
    ),
    activityTypeByCode: db.prepare<[string], ActivityType>(
      'SELECT id, code, name FROM activity_types WHERE code = ?',
    ),
    activityTypes: db.prepare<[], ActivityType>('SELECT id, code, name FROM activity_types ORDER BY code'),
  };
  const id = (r: { lastInsertRowid: number | bigint }) => Number(r.lastInsertRowid);
  return {
    insertCohort: (c: New<Cohort>): number =>
      id(stmt.insertCohort.run(c.code, c.startsOn, c.endsOn, c.importId ?? null)),
    getCohortByCode: (code: string): Cohort | undefined => stmt.cohortByCode.get(code),
    /** The cohort whose date range holds an ISO date (the later one if ranges overlap). */
    getCohortForDate: (isoDate: string): Cohort | undefined => stmt.cohortForDate.get(isoDate),
    listCohorts: (): Cohort[] => stmt.cohorts.all(),
    insertProgram: (p: New<Program>): number =>
      id(stmt.insertProgram.run(p.code, p.name, p.programType, p.description, p.importId ?? null)),
    getProgramByCode: (code: string): Program | undefined => stmt.programByCode.get(code),
    listPrograms: (): Program[] => stmt.programs.all(),
    insertSite: (s: New<Site>): number => id(stmt.insertSite.run(s.code, s.name, s.town, s.importId ?? null)),
    getSiteByCode: (code: string): Site | undefined => stmt.siteByCode.get(code),
    listSites: (): Site[] => stmt.sites.all(),
    insertActivityType: (a: New<ActivityType>): number =>
      id(stmt.insertActivityType.run(a.code, a.name, a.importId ?? null)),
    getActivityTypeByCode: (code: string): ActivityType | undefined => stmt.activityTypeByCode.get(code),
    listActivityTypes: (): ActivityType[] => stmt.activityTypes.all(),
  };
}
export type ProgramQueries = ReturnType<typeof programQueries>;
