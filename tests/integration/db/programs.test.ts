import { describe, expect, it } from 'vitest';
import { programQueries } from '../../../src/main/db/queries/programs';
import { useTempProject } from '../../helpers/temp-project';

describe('programs, cohorts, sites, activity types', () => {
  const project = useTempProject();

  it('inserts and reads reference data by code', () => {
    const { db } = project();
    const q = programQueries(db);
    const c = q.insertCohort({ code: '2024-25', startsOn: '2024-08-01', endsOn: '2025-07-31' });
    q.insertCohort({ code: '2023-24', startsOn: '2023-08-01', endsOn: '2024-07-31' });
    const p = q.insertProgram({
      code: 'CAMP',
      name: 'Summer STEM Camp',
      programType: 'summer_camp',
      description: 'Two weeks',
    });
    q.insertSite({ code: 'CCL', name: 'Cañon City Library', town: 'Cañon City' });
    q.insertActivityType({ code: '3d_printing', name: '3D printing' });

    expect(q.getCohortByCode('2024-25')).toEqual({
      id: c,
      code: '2024-25',
      startsOn: '2024-08-01',
      endsOn: '2025-07-31',
    });
    expect(q.listCohorts().map((x) => x.code)).toEqual(['2023-24', '2024-25']);
    expect(q.getCohortForDate('2025-06-16')?.code).toBe('2024-25');
    expect(q.getCohortForDate('2021-01-01')).toBeUndefined();
    expect(q.getProgramByCode('CAMP')).toEqual({
      id: p,
      code: 'CAMP',
      name: 'Summer STEM Camp',
      programType: 'summer_camp',
      description: 'Two weeks',
    });
    expect(q.listPrograms()).toHaveLength(1);
    expect(q.getSiteByCode('CCL')?.name).toBe('Cañon City Library');
    expect(q.listSites()).toHaveLength(1);
    expect(q.getActivityTypeByCode('3d_printing')?.name).toBe('3D printing');
    expect(q.listActivityTypes()).toHaveLength(1);
  });

  it.each([
    [
      'an unknown program type',
      "INSERT INTO programs (code, name, program_type) VALUES ('X', 'X', 'bootcamp')",
    ],
    [
      'a cohort ending before it starts',
      "INSERT INTO cohorts (code, starts_on, ends_on) VALUES ('x', '2024-08-01', '2024-07-01')",
    ],
    [
      'an impossible date',
      "INSERT INTO cohorts (code, starts_on, ends_on) VALUES ('x', '2024-02-30', '2024-07-01')",
    ],
    [
      'a non-ISO date',
      "INSERT INTO cohorts (code, starts_on, ends_on) VALUES ('x', '8/1/2024', '2025-07-01')",
    ],
    ['an empty code', "INSERT INTO sites (code, name) VALUES ('', 'x')"],
  ])('refuses %s', (_, sql) => {
    const { db } = project();
    expect(() => db.exec(sql)).toThrow(/CHECK constraint failed/);
  });

  it('refuses a duplicate code', () => {
    const { db } = project();
    const q = programQueries(db);
    q.insertActivityType({ code: 'coding', name: 'Coding' });
    expect(() => q.insertActivityType({ code: 'coding', name: 'Coding again' })).toThrow(/UNIQUE/);
  });
});
