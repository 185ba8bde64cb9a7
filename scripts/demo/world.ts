/**
 * The demo partnership: a rural mountain community (Wet Mountain Valley and the Arkansas valley towns)
 * over three school years. Everything here is fictional; names of towns are used for colour.
 *
 * Built in numbered steps from one seeded Rng. Each step forks its own stream so a change in one step
 * does not reshuffle the others.
 */
import type { ContributionKind, ContributionUnit, PartnerType, ProgramType } from '../../src/shared/vocab.ts';
import { dayOf, isoOf, weekdayOf } from './csv.ts';
import type { Rng } from './prng.ts';

export interface CohortSpec {
  code: string;
  startsOn: string;
  endsOn: string;
  /** Start year of the school year. */
  year: number;
  /** Multiplies youth gains: 2023-24 was a hard year (mentor shortage, club paused in winter). */
  gainFactor: number;
  /** Multiplies attendance probabilities. */
  attendanceFactor: number;
  newYouth: number;
}
export const COHORTS: CohortSpec[] = [
  {
    code: '2022-23',
    startsOn: '2022-08-01',
    endsOn: '2023-07-31',
    year: 2022,
    gainFactor: 1,
    attendanceFactor: 1,
    newYouth: 235,
  },
  {
    code: '2023-24',
    startsOn: '2023-08-01',
    endsOn: '2024-07-31',
    year: 2023,
    gainFactor: 0.3,
    attendanceFactor: 0.86,
    newYouth: 185,
  },
  {
    code: '2024-25',
    startsOn: '2024-08-01',
    endsOn: '2025-07-31',
    year: 2024,
    gainFactor: 1.15,
    attendanceFactor: 1.04,
    newYouth: 180,
  },
];

export const PROGRAMS = [
  { code: 'CLASS', name: 'Technology & Design class', type: 'in_school_class' },
  { code: 'CLUB', name: 'Maker Club', type: 'after_school_club' },
  { code: 'CAMP', name: 'Summer STEM Camp', type: 'summer_camp' },
] as const satisfies readonly { code: string; name: string; type: ProgramType }[];
export type ProgramCode = (typeof PROGRAMS)[number]['code'];

export const SITES = [
  { code: 'WMS', name: 'Westcliffe Middle School', town: 'Westcliffe' },
  { code: 'FMS', name: 'Florence Middle School', town: 'Florence' },
  { code: 'CCL', name: 'Cañon City Library', town: 'Cañon City' },
  { code: 'WMR', name: 'Wet Mountain Ranch Camp', town: 'Westcliffe' },
] as const;
export type SiteCode = (typeof SITES)[number]['code'];

export const ACTIVITY_TYPES = [
  { code: 'sensor_lab', name: 'Sensor lab' },
  { code: 'coding', name: 'Coding' },
  { code: '3d_printing', name: '3D printing' },
  { code: 'career_talk', name: 'Career talk' },
  { code: 'mentor_project', name: 'Mentor project' },
  { code: 'field_trip', name: 'Field trip' },
] as const;
export type ActivityCode = (typeof ACTIVITY_TYPES)[number]['code'];

export interface PartnerSpec {
  key: string;
  name: string;
  type: PartnerType;
  town: string;
  joinedOn: string;
  leftOn: string | null;
  contacts: { name: string; title: string; email: string }[];
}

const domainOf = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[^A-Za-z ]/g, '')
    .split(' ')
    .filter((w) => w.length > 2)
    .map((w) => w.toLowerCase())
    .slice(0, 2)
    .join('') + '.example';

const P = (
  key: string,
  name: string,
  type: PartnerType,
  town: string,
  joinedOn: string,
  leftOn: string | null,
  people: [string, string][],
): PartnerSpec => ({
  key,
  name,
  type,
  town,
  joinedOn,
  leftOn,
  contacts: people.map(([n, title]) => ({
    name: n,
    title,
    email: `${n
      .normalize('NFD')
      .replace(/[^A-Za-z ]/g, '')
      .toLowerCase()
      .split(' ')
      .map((w, i) => (i === 0 ? w[0] : w))
      .join('')}@${domainOf(name)}`,
  })),
});

export const PARTNERS: PartnerSpec[] = [
  P('P01', 'Custer County School District', 'school', 'Westcliffe', '2022-08-01', null, [
    ['Dana Whitfield', 'STEM coordinator'],
    ['Luis Archuleta', 'Principal, Westcliffe Middle School'],
  ]),
  P('P02', 'Florence-Fremont School District', 'school', 'Florence', '2022-08-01', null, [
    ['Karen Obi', 'Curriculum director'],
    ['Tom Brandt', 'Technology teacher'],
  ]),
  P('P03', 'Cañon City Library', 'out_of_school_provider', 'Cañon City', '2022-08-01', null, [
    ['Renée Duchamp', 'Youth services librarian'],
    ['Marcus Lee', 'Makerspace coordinator'],
  ]),
  P('P04', 'Wet Mountain Valley 4-H', 'out_of_school_provider', 'Westcliffe', '2022-08-01', null, [
    ['Beth Sorensen', 'Extension agent'],
  ]),
  P('P05', 'High Valley Boys & Girls Club', 'out_of_school_provider', 'Florence', '2023-08-15', null, [
    ['Andre Mitchell', 'Program director'],
  ]),
  P('P06', 'Upper Arkansas Community College', 'higher_education', 'Cañon City', '2022-08-01', null, [
    ['Priya Raman', 'Dean of STEM'],
    ['Jon Kowalski', 'Engineering instructor'],
  ]),
  P('P07', 'Front Range University', 'higher_education', 'Boulder', '2022-08-01', null, [
    ['Elena Vasquez', 'Research associate'],
    ['Sam Whitehorse', 'Graduate student coordinator'],
  ]),
  P('P08', 'Sangre Solar Cooperative', 'business', 'Westcliffe', '2022-08-01', null, [
    ['Jess Ortega', 'Operations manager'],
  ]),
  P('P09', 'Rocky Ridge Engineering', 'business', 'Cañon City', '2022-08-01', null, [
    ['Hank Dillard', 'Principal engineer'],
    ['Mei Chen', 'Outreach lead'],
  ]),
  P('P10', 'Peak Precision Machining', 'business', 'Florence', '2022-08-01', '2024-06-30', [
    ['Rob Keller', 'Owner'],
  ]),
  P('P11', 'Valley Ranchers Supply & Drone Services', 'business', 'Westcliffe', '2023-09-01', null, [
    ['Carla Jiménez', 'Manager'],
  ]),
  P('P12', 'Custer County Government', 'government', 'Westcliffe', '2022-08-01', null, [
    ['Bill Ashcroft', 'County commissioner'],
  ]),
  P('P13', 'Colorado Division of Wildlife Outreach', 'government', 'Cañon City', '2022-08-01', null, [
    ['Nina Park', 'Wildlife biologist'],
  ]),
  P('P14', 'Peñasco Dark Sky Observatory', 'nonprofit', 'Westcliffe', '2022-08-01', null, [
    ['Oskar Lindqvist', 'Director'],
    ['Aiyana Begay', 'Education lead'],
  ]),
  P('P15', 'Mountain STEM Alliance', 'nonprofit', 'Salida', '2022-08-01', null, [
    ['Grace Holloway', 'Executive director'],
  ]),
  P('P16', 'Wet Mountain Community Foundation', 'funder', 'Westcliffe', '2022-08-01', null, [
    ['Diane Fairchild', 'Grants officer'],
  ]),
  P('P17', 'Rocky Mountain Tech Fund', 'funder', 'Denver', '2023-01-10', null, [
    ['Victor Nguyễn', 'Program officer'],
  ]),
];

export interface Mentor {
  key: string;
  name: string;
  partner: PartnerSpec;
  expertise: string;
  since: string;
}

const FIRST = [
  'Alex',
  'Maria',
  'James',
  'Sofia',
  'Daniel',
  'Ava',
  'José',
  'Emily',
  'Ryan',
  'Hannah',
  'Miguel',
  'Chloé',
  'Ethan',
  'Grace',
  'Noah',
  'Isabel',
  'Liam',
  'Olivia',
  'Mateo',
  'Leah',
  'Caleb',
  'Nora',
  'Diego',
  'Ruth',
  'Owen',
  'Ana',
  'Felix',
  'Kira',
  'Ben',
  'Ingrid',
];
const LAST = [
  'Anderson',
  'García',
  'Thompson',
  'Martínez',
  'Wilson',
  'Lopez',
  'Baker',
  'Nguyen',
  'Schmidt',
  'Romero',
  'Clark',
  'Hughes',
  'Trujillo',
  'Foster',
  'Olsen',
  'Reyes',
  'Brooks',
  'Sandoval',
  'Murphy',
  'Yazzie',
  'Kowalczyk',
  'Ward',
  "O'Neill",
  'Padilla',
];
const EXPERTISE: Record<PartnerType, string[]> = {
  school: ['teaching'],
  out_of_school_provider: ['makerspace', 'youth development', '3D printing'],
  higher_education: ['mechanical engineering', 'computer science', 'environmental science', 'physics'],
  business: [
    'solar installation',
    'civil engineering',
    'machining',
    'drone mapping',
    'electrical engineering',
  ],
  government: ['wildlife biology', 'GIS mapping', 'water quality'],
  nonprofit: ['astronomy', 'science communication'],
  funder: ['grant making'],
};

export interface Youth {
  key: string;
  gender: string;
  race: string;
  frl: 'Yes' | 'No';
  school: 'WMS' | 'FMS';
  entryCohort: number;
  entryGrade: number;
  /** Propensity to attend, 0..1. */
  engagement: number;
}

export interface Enrolment {
  youth: Youth;
  cohort: number;
  program: ProgramCode;
  site: SiteCode;
  grade: number;
  enrolledOn: string;
  /** Index into the program-site's session list after which the youth stops coming (attrition). */
  dropAfter: number | null;
}

export interface Session {
  id: string;
  cohort: number;
  program: ProgramCode;
  site: SiteCode;
  date: string;
  activity: ActivityCode;
  minutes: number;
  leadPartner: PartnerSpec | null;
  mentors: Mentor[];
}

export interface Attendance {
  youth: Youth;
  session: Session;
  minutes: number;
}

export interface World {
  partners: PartnerSpec[];
  mentors: Mentor[];
  youth: Youth[];
  enrolments: Enrolment[];
  sessions: Session[];
  attendance: Attendance[];
}

export function buildWorld(rng: Rng): World {
  // 1. Mentors: 40 STEM professionals from partners that lend people (not schools or funders).
  const mentors = buildMentors(rng.fork('mentors'));
  // 2. Youth: new entrants per cohort, grades 6-8, from the two middle schools.
  const youth = buildYouth(rng.fork('youth'));
  // 3. Enrolments per cohort, with returning youth and youth in several programs.
  const enrolments = buildEnrolments(rng.fork('enrolments'), youth);
  // 4. Sessions offered (calendar with breaks; the club paused in winter 2023-24).
  const sessions = buildSessions(rng.fork('sessions'), mentors);
  // 5. Attendance: engagement, attrition, partial minutes, summer intensity.
  const attendance = buildAttendance(rng.fork('attendance'), enrolments, sessions);
  return { partners: PARTNERS, mentors, youth, enrolments, sessions, attendance };
}

function buildMentors(rng: Rng): Mentor[] {
  const lenders = PARTNERS.filter((p) => p.type !== 'school' && p.type !== 'funder');
  const mentors: Mentor[] = [];
  const used = new Set<string>();
  for (let i = 1; i <= 40; i++) {
    const partner = i <= lenders.length ? (lenders[i - 1] as PartnerSpec) : rng.pick(lenders);
    let name = i === 7 ? 'Zoë Nakamura' : `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
    while (used.has(name)) name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
    used.add(name);
    const since =
      partner.joinedOn > '2022-09-01'
        ? partner.joinedOn
        : rng.pick(['2022-08-15', '2022-09-01', '2023-08-20', '2024-08-20']);
    mentors.push({
      key: `M${String(i).padStart(2, '0')}`,
      name,
      partner,
      expertise: rng.pick(EXPERTISE[partner.type]),
      since,
    });
  }
  return mentors;
}

function buildYouth(rng: Rng): Youth[] {
  const youth: Youth[] = [];
  COHORTS.forEach((c, ci) => {
    for (let i = 0; i < c.newYouth; i++) {
      const school = rng.chance(0.45) ? 'WMS' : 'FMS';
      // Engagement: most youth come most of the time, a tail rarely does.
      const u = rng.next();
      youth.push({
        key: `Y${String(youth.length + 1).padStart(4, '0')}`,
        gender: rng.weighted([
          ['Female', 47],
          ['Male', 48],
          ['Nonbinary', 2],
          ['Prefer not to say', 3],
        ]),
        race: rng.weighted([
          ['White', school === 'WMS' ? 78 : 58],
          ['Hispanic/Latino', school === 'WMS' ? 14 : 32],
          ['American Indian/Alaska Native', 3],
          ['Two or more races', 4],
          ['Black/African American', 1],
          ['Asian', 1],
        ]),
        frl: rng.chance(school === 'WMS' ? 0.42 : 0.55) ? 'Yes' : 'No',
        school,
        entryCohort: ci,
        entryGrade:
          ci === 0
            ? rng.weighted([
                [6, 45],
                [7, 30],
                [8, 25],
              ])
            : rng.weighted([
                [6, 75],
                [7, 15],
                [8, 10],
              ]),
        engagement: 0.35 + 0.63 * (1 - u * u),
      });
    }
  });
  return youth;
}

function firstWeekday(fromIso: string, weekday: number): number {
  let d = dayOf(fromIso);
  while (weekdayOf(d) !== weekday) d++;
  return d;
}

/** School-year breaks (inclusive day ranges) for the year starting in `year`. */
function isBreak(day: number, year: number): boolean {
  const iso = isoOf(day);
  const breaks: [string, string][] = [
    [`${year}-11-20`, `${year}-11-30`],
    [`${year}-12-20`, `${year + 1}-01-05`],
    [`${year + 1}-03-16`, `${year + 1}-03-24`],
  ];
  return breaks.some(([a, b]) => iso >= a && iso <= b);
}

function buildEnrolments(rng: Rng, youth: Youth[]): Enrolment[] {
  const out: Enrolment[] = [];
  const activeBefore = new Set<Youth>();
  COHORTS.forEach((c, ci) => {
    const active = youth.filter((y) => {
      if (y.entryCohort === ci) return true;
      const grade = y.entryGrade + ci - y.entryCohort;
      // Returning youth: about a third of last year's participants still in middle school.
      return y.entryCohort < ci && grade <= 8 && activeBefore.has(y) && rng.chance(0.38);
    });
    activeBefore.clear();
    for (const y of active) {
      activeBefore.add(y);
      const grade = y.entryGrade + ci - y.entryCohort;
      const programs: ProgramCode[] = [];
      if (rng.chance(0.72)) programs.push('CLASS');
      if (rng.chance(0.2 + 0.25 * y.engagement)) programs.push('CLUB');
      if (rng.chance(0.12 + 0.2 * y.engagement)) programs.push('CAMP');
      if (programs.length === 0)
        programs.push(
          rng.weighted([
            ['CLUB', 2],
            ['CAMP', 1],
          ] as const),
        );
      for (const program of programs) {
        const site: SiteCode =
          program === 'CAMP' ? 'WMR' : program === 'CLUB' && y.school === 'FMS' ? 'CCL' : y.school;
        const dropRate = program === 'CLUB' ? 0.3 : program === 'CLASS' ? 0.07 : 0.04;
        const lateJoin = program === 'CLUB' && rng.chance(0.1);
        out.push({
          youth: y,
          cohort: ci,
          program,
          site,
          grade,
          enrolledOn:
            program === 'CAMP'
              ? `${c.year + 1}-05-15`
              : program === 'CLASS'
                ? `${c.year}-08-25`
                : lateJoin
                  ? `${c.year + 1}-01-12`
                  : `${c.year}-09-20`,
          dropAfter: rng.chance(dropRate / c.attendanceFactor) ? rng.int(2, 24) : null,
        });
      }
    }
  });
  return out;
}

const CLASS_ROTATION: ActivityCode[] = [
  'sensor_lab',
  'coding',
  '3d_printing',
  'sensor_lab',
  'coding',
  'career_talk',
];
const CLUB_ROTATION: ActivityCode[] = ['mentor_project', 'mentor_project', '3d_printing', 'career_talk'];
const CAMP_DAYS: ActivityCode[] = [
  'sensor_lab',
  'coding',
  'field_trip',
  '3d_printing',
  'career_talk',
  'mentor_project',
  'field_trip',
  'sensor_lab',
  'mentor_project',
  'career_talk',
];

function buildSessions(rng: Rng, mentors: Mentor[]): Session[] {
  const sessions: Session[] = [];
  const add = (s: Omit<Session, 'id' | 'mentors' | 'leadPartner'>, mentorCount: number) => {
    const onDate = mentors.filter(
      (m) => m.since <= s.date && (m.partner.leftOn ?? '9999') >= s.date && m.partner.joinedOn <= s.date,
    );
    const chosen = rng.shuffle([...onDate]).slice(0, Math.min(mentorCount, onDate.length));
    sessions.push({
      ...s,
      id: `S${String(sessions.length + 1).padStart(5, '0')}`,
      mentors: chosen,
      leadPartner: chosen[0]?.partner ?? null,
    });
  };
  COHORTS.forEach((c, ci) => {
    // Class: weekly, Tuesday at Westcliffe and Thursday at Florence, September to mid-May.
    for (const [site, weekday] of [
      ['WMS', 2],
      ['FMS', 4],
    ] as const) {
      let week = 0;
      for (let d = firstWeekday(`${c.year}-09-01`, weekday); isoOf(d) <= `${c.year + 1}-05-15`; d += 7) {
        if (isBreak(d, c.year)) continue;
        const activity = CLASS_ROTATION[week++ % CLASS_ROTATION.length] as ActivityCode;
        add(
          { cohort: ci, program: 'CLASS', site, date: isoOf(d), activity, minutes: 55 },
          activity === 'career_talk' ? rng.int(1, 2) : 0,
        );
      }
    }
    // Club: weekly Wednesday, October to April. In 2023-24 the Cañon City club paused in
    // January-February for lack of mentors.
    for (const site of ['WMS', 'CCL'] as const) {
      let week = 0;
      for (let d = firstWeekday(`${c.year}-10-01`, 3); isoOf(d) <= `${c.year + 1}-04-30`; d += 7) {
        if (isBreak(d, c.year)) continue;
        const iso = isoOf(d);
        if (ci === 1 && site === 'CCL' && iso >= '2024-01-01' && iso <= '2024-02-29') continue;
        const activity = CLUB_ROTATION[week++ % CLUB_ROTATION.length] as ActivityCode;
        add(
          { cohort: ci, program: 'CLUB', site, date: iso, activity, minutes: 90 },
          ci === 1 ? rng.int(0, 1) : rng.int(1, 2),
        );
      }
    }
    // Camp: two weeks, Monday to Friday from the second Monday of June, six hours a day.
    const firstMonday = firstWeekday(`${c.year + 1}-06-08`, 1);
    let day = 0;
    for (let d = firstMonday; day < 10; d++) {
      if (weekdayOf(d) === 0 || weekdayOf(d) === 6) continue;
      const activity = CAMP_DAYS[day++] as ActivityCode;
      add(
        { cohort: ci, program: 'CAMP', site: 'WMR', date: isoOf(d), activity, minutes: 360 },
        rng.int(2, 3),
      );
    }
  });
  return sessions;
}

function buildAttendance(rng: Rng, enrolments: Enrolment[], sessions: Session[]): Attendance[] {
  const byGroup = new Map<string, Session[]>();
  for (const s of sessions) {
    const k = `${s.cohort}|${s.program}|${s.site}`;
    byGroup.set(k, [...(byGroup.get(k) ?? []), s]);
  }
  const out: Attendance[] = [];
  for (const e of enrolments) {
    const list = (byGroup.get(`${e.cohort}|${e.program}|${e.site}`) ?? []).filter(
      (s) => s.date >= e.enrolledOn,
    );
    const factor = (COHORTS[e.cohort] as CohortSpec).attendanceFactor;
    // In school the class is on the timetable: attendance is high whatever the engagement.
    const base =
      e.program === 'CLASS'
        ? 0.86 + 0.1 * e.youth.engagement
        : e.program === 'CAMP'
          ? 0.7 + 0.28 * e.youth.engagement
          : e.youth.engagement * 0.95;
    list.forEach((s, i) => {
      if (e.dropAfter !== null && i > e.dropAfter) return;
      if (!rng.chance(Math.min(0.99, base * (e.program === 'CLASS' ? 1 : factor)))) return;
      const partial = rng.chance(0.08);
      const minutes = partial
        ? Math.max(15, s.minutes - 15 * rng.int(1, s.minutes >= 300 ? 8 : 3))
        : s.minutes;
      out.push({ youth: e.youth, session: s, minutes });
    });
  }
  return out;
}

/** Contributions: logged mentor hours per partner and month, sessions led, equipment, funding, in kind. */
export interface Contribution {
  partner: PartnerSpec;
  date: string;
  kind: ContributionKind;
  amount: number;
  unit: ContributionUnit;
  cohort: number;
  mentor: Mentor | null;
  description: string;
}

export function buildContributions(rng: Rng, world: World): Contribution[] {
  const out: Contribution[] = [];
  // Mentor hours: each mentor's session time plus preparation, logged monthly.
  const monthly = new Map<string, { mentor: Mentor; cohort: number; month: string; minutes: number }>();
  for (const s of world.sessions) {
    for (const m of s.mentors) {
      const month = s.date.slice(0, 7);
      const k = `${m.key}|${month}`;
      const entry = monthly.get(k) ?? { mentor: m, cohort: s.cohort, month, minutes: 0 };
      entry.minutes += s.minutes + 30;
      monthly.set(k, entry);
    }
  }
  for (const e of [...monthly.values()].sort((a, b) =>
    (a.month + a.mentor.key).localeCompare(b.month + b.mentor.key),
  )) {
    out.push({
      partner: e.mentor.partner,
      date: `${e.month}-28`,
      kind: 'mentor_hours',
      amount: Math.round(e.minutes / 15) / 4,
      unit: 'hours',
      cohort: e.cohort,
      mentor: e.mentor,
      description: 'Mentoring and preparation (monthly log)',
    });
  }
  COHORTS.forEach((c, ci) => {
    // Sessions led per partner and year.
    const led = new Map<PartnerSpec, number>();
    for (const s of world.sessions)
      if (s.cohort === ci && s.leadPartner) led.set(s.leadPartner, (led.get(s.leadPartner) ?? 0) + 1);
    for (const p of PARTNERS) {
      const n = led.get(p);
      if (n)
        out.push({
          partner: p,
          date: `${c.year + 1}-06-30`,
          kind: 'sessions_led',
          amount: n,
          unit: 'sessions',
          cohort: ci,
          mentor: null,
          description: 'Sessions led by the partner’s mentors',
        });
    }
    const y = c.year;
    const add = (
      key: string,
      date: string,
      kind: ContributionKind,
      amount: number,
      unit: ContributionUnit,
      description: string,
    ) => {
      const partner = PARTNERS.find((p) => p.key === key) as PartnerSpec;
      if (partner.joinedOn <= date && (partner.leftOn ?? '9999') >= date)
        out.push({ partner, date, kind, amount, unit, cohort: ci, mentor: null, description });
    };
    add('P16', `${y}-08-20`, 'funding', ci === 1 ? 18000 : 25000, 'usd', 'Annual program grant');
    add(
      'P17',
      `${y}-10-01`,
      'funding',
      40000 + 5000 * ci,
      'usd',
      'Technology curriculum grant (sensors, 3D printers)',
    );
    add('P09', `${y}-09-15`, 'equipment', 3 + ci, 'items', '3D printers on loan, with filament');
    add('P08', `${y}-09-30`, 'equipment', 12, 'items', 'Solar and sensor kits');
    add(
      'P06',
      `${y + 1}-02-10`,
      'equipment',
      2200 + rng.int(0, 8) * 100,
      'usd',
      'Microcontrollers and sensors',
    );
    add(
      'P03',
      `${y + 1}-04-30`,
      'in_kind',
      5200,
      'usd',
      'Makerspace room and staff time for the club, valued',
    );
    add('P04', `${y + 1}-06-30`, 'in_kind', 3500, 'usd', 'Camp site, meals and transport, valued');
    add(
      'P01',
      `${y + 1}-05-31`,
      'in_kind',
      30 + rng.int(0, 10),
      'hours',
      'Teacher planning time for the class',
    );
    add(
      'P02',
      `${y + 1}-05-31`,
      'in_kind',
      28 + rng.int(0, 10),
      'hours',
      'Teacher planning time for the class',
    );
    add('P12', `${y + 1}-03-15`, 'funding', 5000, 'usd', 'County youth workforce allocation');
  });
  return out;
}
