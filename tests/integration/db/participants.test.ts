import { describe, expect, it } from 'vitest';
import { participantQueries } from '../../../src/main/db/queries/participants';
import { seedSmallPartnership, addImport } from '../../helpers/model-seed';
import { useTempProject } from '../../helpers/temp-project';

describe('participants, attributes, enrolments', () => {
  const project = useTempProject();

  it('keys participants pseudonymously and finds or creates them by key', () => {
    const { db } = project();
    const q = participantQueries(db);
    const imp = addImport(db, 'roster');
    const id = q.ensureParticipant('Y0042', { importId: imp, sourceRow: 3 });
    expect(q.ensureParticipant('Y0042')).toBe(id);
    expect(q.getParticipantByKey('Y0042')).toEqual({ id, key: 'Y0042' });
    expect(q.countParticipants()).toBe(1);
    expect(() => q.insertParticipant('Y0042')).toThrow(/UNIQUE/);
  });

  it('stores categories as attribute rows, one value per name and cohort', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = participantQueries(db);
    const prov = { importId: s.imports.rosterImport, sourceRow: 9 };
    q.insertAttribute(
      { participantId: s.youth.y1, name: 'grade', value: '5', cohortId: s.cohorts.c22 },
      prov,
    );
    q.insertAttribute(
      { participantId: s.youth.y1, name: 'race_ethnicity', value: 'Hispanic/Latino', cohortId: null },
      prov,
    );
    expect(q.listAttributes(s.youth.y1)).toEqual([
      { participantId: s.youth.y1, name: 'grade', value: '5', cohortId: s.cohorts.c22 },
      { participantId: s.youth.y1, name: 'grade', value: '6', cohortId: s.cohorts.c23 },
      { participantId: s.youth.y1, name: 'race_ethnicity', value: 'Hispanic/Latino', cohortId: null },
    ]);
    expect(() =>
      q.insertAttribute(
        { participantId: s.youth.y1, name: 'race_ethnicity', value: 'White', cohortId: null },
        prov,
      ),
    ).toThrow(/UNIQUE/);
  });

  it('records enrolments and counts youth per program', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = participantQueries(db);
    expect(q.listEnrolments(s.youth.y2)).toEqual([
      expect.objectContaining({
        programId: s.club,
        cohortId: s.cohorts.c23,
        siteId: s.site,
        enrolledOn: '2023-09-01',
      }),
    ]);
    expect(q.countEnrolledByProgram(s.cohorts.c23)).toEqual([{ programId: s.club, n: 3 }]);
    expect(() =>
      q.insertEnrolment(
        {
          participantId: s.youth.y1,
          programId: s.club,
          cohortId: s.cohorts.c23,
          siteId: s.site,
          enrolledOn: null,
          exitedOn: null,
        },
        { importId: s.imports.rosterImport, sourceRow: 1 },
      ),
    ).toThrow(/UNIQUE/);
    expect(() =>
      q.insertEnrolment(
        {
          participantId: s.youth.y1,
          programId: s.club,
          cohortId: s.cohorts.c22,
          siteId: null,
          enrolledOn: '2023-05-01',
          exitedOn: '2023-04-01',
        },
        { importId: s.imports.rosterImport, sourceRow: 1 },
      ),
    ).toThrow(/CHECK/);
  });
});
