import { describe, expect, it } from 'vitest';
import { sessionQueries } from '../../../src/main/db/queries/sessions';
import { seedSmallPartnership } from '../../helpers/model-seed';
import { useTempProject } from '../../helpers/temp-project';

describe('sessions, session mentors, attendance', () => {
  const project = useTempProject();

  it('finds sessions the way an attendance log names them', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = sessionQueries(db);
    const found = q.findSessions({
      programId: s.club,
      siteId: s.site,
      sessionDate: '2023-10-04',
      activityTypeId: s.lab,
    });
    expect(found.map((x) => x.id)).toEqual([s.sessionIds.s1]);
    expect(
      q.findSessions({ programId: s.club, siteId: null, sessionDate: '2023-10-04', activityTypeId: s.lab }),
    ).toEqual([]);
    expect(q.findSessionsByExternalId('S2')[0]?.minutesOffered).toBe(60);
    expect(q.getSession(s.sessionIds.s2)).toMatchObject({
      sessionDate: '2023-10-11',
      cohortId: s.cohorts.c23,
      partnerId: s.library,
    });
    expect(q.listSessions(s.cohorts.c23).map((x) => x.id)).toEqual([s.sessionIds.s1, s.sessionIds.s2]);
    expect(q.listSessionMentors(s.sessionIds.s1)).toEqual([
      { sessionId: s.sessionIds.s1, mentorId: s.zoe, minutes: null },
    ]);
  });

  it('computes contact hours from present rows, a missing minutes value counting the whole session', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = sessionQueries(db);
    expect(q.contactHoursByParticipant(s.cohorts.c23)).toEqual([
      { participantId: s.youth.y1, sessionsAttended: 2, hours: 2.5 },
      { participantId: s.youth.y2, sessionsAttended: 1, hours: 0.5 },
    ]);
    expect(q.listAttendance(s.youth.y2)).toEqual([
      { participantId: s.youth.y2, sessionId: s.sessionIds.s1, isPresent: true, minutesAttended: 30 },
      { participantId: s.youth.y2, sessionId: s.sessionIds.s2, isPresent: false, minutesAttended: null },
    ]);
  });

  it('refuses minutes for an absent youth, a second row per youth and session, negative minutes', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = sessionQueries(db);
    const prov = { importId: s.imports.attendanceImport, sourceRow: 9 };
    expect(() =>
      q.insertAttendance(
        { participantId: s.youth.y3, sessionId: s.sessionIds.s1, isPresent: false, minutesAttended: 20 },
        prov,
      ),
    ).toThrow(/CHECK/);
    expect(() =>
      q.insertAttendance(
        { participantId: s.youth.y1, sessionId: s.sessionIds.s1, isPresent: true, minutesAttended: null },
        prov,
      ),
    ).toThrow(/UNIQUE/);
    expect(() =>
      q.insertSession(
        {
          externalId: null,
          sessionDate: '2023-10-18',
          programId: s.club,
          cohortId: s.cohorts.c23,
          siteId: null,
          activityTypeId: null,
          minutesOffered: -1,
          partnerId: null,
          title: null,
        },
        prov,
      ),
    ).toThrow(/CHECK/);
  });
});
