import type { Db } from '../../src/main/db/open-project';
import { goalQueries } from '../../src/main/db/queries/goals';
import { importQueries } from '../../src/main/db/queries/imports';
import { instrumentQueries } from '../../src/main/db/queries/instruments';
import { participantQueries } from '../../src/main/db/queries/participants';
import { partnerQueries } from '../../src/main/db/queries/partners';
import { programQueries } from '../../src/main/db/queries/programs';
import { responseQueries } from '../../src/main/db/queries/responses';
import { sessionQueries } from '../../src/main/db/queries/sessions';

export function addImport(db: Db, kind: string, fileName = `${kind}.csv`): number {
  return importQueries(db).insertImport({
    fileName,
    fileSize: 100,
    sha256: 'ab'.repeat(32),
    kind,
    format: 'plain_csv',
    encoding: 'utf-8',
    rowsRead: 1,
    rowsImported: 1,
    importedAt: '2025-01-01T00:00:00.000Z',
  });
}

/**
 * A tiny partnership whose figures can be worked out by hand (docs/data-model.md's example queries are
 * checked against it):
 *   scale 'interest' (A1, A2, A3 reverse-coded, 1-5, min 2 items), cohort 2023-24:
 *     Y1 pre 2,3,4(->2) = 2.333   post 4,4,2(->4) = 4
 *     Y2 pre 3,PNTS,3(->3) = 3    post 5,4,skipped = 4.5
 *     Y3 pre 1,skipped,skipped: one item, below min_items, no score
 *     => pre n=2 mean 2.67, post n=2 mean 4.25
 *   attendance: 2022-23 one 120-minute session, Y1 present (2.0 h, 1 youth);
 *     2023-24 sessions of 60 and 90 minutes: Y1 present at both without minutes (150), Y2 30 minutes
 *     at the first and absent at the second => 3.0 h, 2 youth.
 */
export function seedSmallPartnership(db: Db) {
  const prog = programQueries(db);
  const people = participantQueries(db);
  const partners = partnerQueries(db);
  const sessions = sessionQueries(db);
  const inst = instrumentQueries(db);
  const resp = responseQueries(db);
  const goals = goalQueries(db);

  return db.transaction(() => {
    const c22 = prog.insertCohort({ code: '2022-23', startsOn: '2022-08-01', endsOn: '2023-07-31' });
    const c23 = prog.insertCohort({ code: '2023-24', startsOn: '2023-08-01', endsOn: '2024-07-31' });
    const club = prog.insertProgram({
      code: 'CLUB',
      name: 'Maker Club',
      programType: 'after_school_club',
      description: null,
    });
    const site = prog.insertSite({ code: 'CCL', name: 'Cañon City Library', town: 'Cañon City' });
    const lab = prog.insertActivityType({ code: 'sensor_lab', name: 'Sensor lab' });

    const rosterImport = addImport(db, 'roster');
    const youth = ['Y1', 'Y2', 'Y3'].map((key, i) => {
      const id = people.insertParticipant(key, { importId: rosterImport, sourceRow: i + 1 });
      people.insertAttribute(
        { participantId: id, name: 'grade', value: String(6 + i), cohortId: c23 },
        { importId: rosterImport, sourceRow: i + 1 },
      );
      people.insertEnrolment(
        {
          participantId: id,
          programId: club,
          cohortId: c23,
          siteId: site,
          enrolledOn: '2023-09-01',
          exitedOn: null,
        },
        { importId: rosterImport, sourceRow: i + 1 },
      );
      return id;
    });
    const [y1, y2, y3] = youth as [number, number, number];

    const partnersImport = addImport(db, 'partners');
    const library = partners.insertPartner(
      {
        key: 'P01',
        name: 'Cañon City Library',
        partnerType: 'out_of_school_provider',
        town: 'Cañon City',
        joinedOn: '2022-08-01',
        leftOn: null,
      },
      { importId: partnersImport, sourceRow: 1 },
    );
    const zoe = partners.insertMentor(
      { key: 'M01', name: 'Zoë Martínez', partnerId: library, expertise: 'robotics' },
      { importId: partnersImport, sourceRow: 1 },
    );

    const sessionsImport = addImport(db, 'sessions');
    const session = (date: string, cohortId: number, minutes: number, row: number) =>
      sessions.insertSession(
        {
          externalId: `S${row}`,
          sessionDate: date,
          programId: club,
          cohortId,
          siteId: site,
          activityTypeId: lab,
          minutesOffered: minutes,
          partnerId: library,
          title: null,
        },
        { importId: sessionsImport, sourceRow: row },
      );
    const s0 = session('2023-03-01', c22, 120, 1);
    const s1 = session('2023-10-04', c23, 60, 2);
    const s2 = session('2023-10-11', c23, 90, 3);
    sessions.insertSessionMentor(
      { sessionId: s1, mentorId: zoe, minutes: null },
      { importId: sessionsImport, sourceRow: 2 },
    );

    const attendanceImport = addImport(db, 'attendance');
    const att = (
      participantId: number,
      sessionId: number,
      isPresent: boolean,
      minutes: number | null,
      row: number,
    ) =>
      sessions.insertAttendance(
        { participantId, sessionId, isPresent, minutesAttended: minutes },
        { importId: attendanceImport, sourceRow: row },
      );
    att(y1, s0, true, null, 1);
    att(y1, s1, true, null, 2);
    att(y1, s2, true, null, 3);
    att(y2, s1, true, 30, 4);
    att(y2, s2, false, null, 5);

    const contributionsImport = addImport(db, 'contributions');
    partners.insertContribution(
      {
        partnerId: library,
        kind: 'mentor_hours',
        amount: 2.5,
        unit: 'hours',
        contributedOn: '2023-10-04',
        cohortId: c23,
        mentorId: zoe,
        description: null,
      },
      { importId: contributionsImport, sourceRow: 1 },
    );
    const goalsImport = addImport(db, 'goals');
    goals.insertGoal(
      {
        metricKey: 'youth_reached',
        description: 'Youth reached in the club',
        targetValue: 3,
        direction: 'at_least',
        unit: 'youth',
        cohortId: c23,
        programId: club,
        startsOn: null,
        endsOn: null,
        ownerPartnerId: library,
      },
      { importId: goalsImport, sourceRow: 1 },
    );

    const instrument = inst.insertInstrument({
      code: 'youth',
      name: 'Youth survey',
      version: '1',
      respondentKind: 'youth',
    });
    const agree = inst.insertResponseScale({ code: 'agree5', name: 'Agreement', minValue: 1, maxValue: 5 });
    const labels = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];
    labels.forEach((label, i) =>
      inst.insertScaleOption({
        responseScaleId: agree,
        label,
        value: i + 1,
        missingReason: null,
        position: i + 1,
      }),
    );
    inst.insertScaleOption({
      responseScaleId: agree,
      label: 'Prefer not to say',
      value: null,
      missingReason: 'prefer_not_to_say',
      position: 6,
    });
    const interest = inst.insertConstruct({
      instrumentId: instrument,
      code: 'interest',
      name: 'STEM interest',
      minItems: 2,
    });
    const items = ['A1', 'A2', 'A3'].map((code, i) =>
      inst.insertItem({
        instrumentId: instrument,
        code,
        text: `Item ${code}`,
        constructId: interest,
        responseScaleId: agree,
        isReverseCoded: code === 'A3',
        position: i + 1,
      }),
    );
    items.forEach((itemId, i) =>
      inst.insertItemVersion({
        itemId,
        cohortId: c23,
        text: `Item A${i + 1}`,
        platformId: `QID1_${i + 1}`,
        platformColumn: `Q1_${i + 1}`,
        isComparable: true,
      }),
    );

    const surveyImport = addImport(db, 'survey');
    const adm = resp.insertAdministration(
      {
        instrumentId: instrument,
        cohortId: c23,
        programId: null,
        label: 'Youth survey 2023-24',
        openedOn: '2023-09-05',
        closedOn: '2024-05-30',
      },
      surveyImport,
    );
    const respondent = (participantId: number, key: string) =>
      resp.ensureRespondent({
        key: `youth:${key}`,
        kind: 'youth',
        participantId,
        partnerId: null,
        contactId: null,
      });
    type Answer = number | 'prefer_not_to_say' | 'skipped';
    let row = 0;
    const answer = (respondentId: number, wave: 'pre' | 'post', answers: Answer[]) => {
      row++;
      answers.forEach((a, i) => {
        const itemId = items[i] as number;
        const base = {
          administrationId: adm,
          respondentId,
          itemId,
          wave,
          platformResponseId: `R_${row}`,
          respondedAt: null,
        };
        resp.insertResponse(
          typeof a === 'number'
            ? { ...base, value: a, missingReason: null, rawText: labels[a - 1] ?? null }
            : {
                ...base,
                value: null,
                missingReason: a,
                rawText: a === 'skipped' ? null : 'Prefer not to say',
              },
          { importId: surveyImport, sourceRow: row },
        );
      });
    };
    const r1 = respondent(y1, 'Y1');
    const r2 = respondent(y2, 'Y2');
    const r3 = respondent(y3, 'Y3');
    answer(r1, 'pre', [2, 3, 4]);
    answer(r2, 'pre', [3, 'prefer_not_to_say', 3]);
    answer(r3, 'pre', [1, 'skipped', 'skipped']);
    answer(r1, 'post', [4, 4, 2]);
    answer(r2, 'post', [5, 4, 'skipped']);

    return {
      cohorts: { c22, c23 },
      club,
      site,
      lab,
      youth: { y1, y2, y3 },
      library,
      zoe,
      sessionIds: { s0, s1, s2 },
      instrument,
      agree,
      interest,
      items,
      adm,
      imports: {
        rosterImport,
        partnersImport,
        sessionsImport,
        attendanceImport,
        contributionsImport,
        goalsImport,
        surveyImport,
      },
    };
  })();
}
