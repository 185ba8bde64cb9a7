/**
 * The plain spreadsheet files: roster, partners, action plan, mentors, sessions, attendance,
 * contributions and goals. Each is written the way its keeper would have: a district export (ISO dates,
 * LF), Excel "CSV UTF-8" (BOM, CRLF, US dates), or a shared sheet.
 */
import type {
  CommitmentStatus,
  ContributionKind,
  ContributionUnit,
  GoalDirection,
  PartnerType,
  SourceFileKind,
} from '../../src/shared/vocab.ts';
import { dayOf, toCsv, usDate, type CsvStyle } from './csv.ts';
import type { Rng } from './prng.ts';
import {
  ACTIVITY_TYPES,
  buildContributions,
  COHORTS,
  PARTNERS,
  PROGRAMS,
  SITES,
  type PartnerSpec,
  type World,
} from './world.ts';

export interface TableFile {
  path: string;
  text: string;
  kind: SourceFileKind;
  cohort: string | null;
  style: CsvStyle;
  dateFormat: 'YYYY-MM-DD' | 'M/D/YYYY';
  /** model field -> CSV header */
  columns: Record<string, string>;
  /** CSV header -> (label in the file -> vocabulary value) */
  valueMaps?: Record<string, Record<string, string>>;
  rows: number;
}

const SIS: CsvStyle = { eol: '\n', bom: false };
const EXCEL: CsvStyle = { eol: '\r\n', bom: true };

const siteName = (code: string) => SITES.find((s) => s.code === code)?.name ?? code;
const programName = (code: string) => PROGRAMS.find((p) => p.code === code)?.name ?? code;
const activityName = (code: string) => ACTIVITY_TYPES.find((a) => a.code === code)?.name ?? code;
const cohortCode = (ci: number) => COHORTS[ci]?.code ?? '';

export const PARTNER_TYPE_LABELS: Record<string, PartnerType> = {
  School: 'school',
  'Out-of-school provider': 'out_of_school_provider',
  'Higher education': 'higher_education',
  Business: 'business',
  Government: 'government',
  Nonprofit: 'nonprofit',
  Funder: 'funder',
};
const labelOfType = (t: PartnerType) =>
  Object.entries(PARTNER_TYPE_LABELS).find(([, v]) => v === t)?.[0] ?? t;

const KIND_LABELS: Record<string, ContributionKind> = {
  'Mentor hours': 'mentor_hours',
  'Sessions led': 'sessions_led',
  Equipment: 'equipment',
  Funding: 'funding',
  'In-kind': 'in_kind',
};
const UNIT_LABELS: Record<string, ContributionUnit> = {
  hours: 'hours',
  sessions: 'sessions',
  USD: 'usd',
  items: 'items',
};
const STATUS_LABELS: Record<string, CommitmentStatus> = {
  Planned: 'planned',
  'In progress': 'in_progress',
  Met: 'met',
  'Not met': 'not_met',
  Dropped: 'dropped',
};
const labelOf = <T extends string>(map: Record<string, T>, v: T) =>
  Object.entries(map).find(([, x]) => x === v)?.[0] ?? v;

function table(
  spec: Omit<TableFile, 'text' | 'rows' | 'columns'> & { header: string[]; fields: string[] },
  rows: string[][],
): TableFile {
  const columns = Object.fromEntries(
    spec.fields.map((f, i) => [f, spec.header[i] ?? '']).filter(([f]) => f !== ''),
  );
  const { header, fields: _fields, ...rest } = spec;
  return { ...rest, columns, text: toCsv([header, ...rows], spec.style), rows: rows.length };
}

export function buildTables(rng: Rng, world: World): TableFile[] {
  const files: TableFile[] = [];

  // Roster: one row per youth x program x cohort, from the districts' student information systems.
  files.push(
    table(
      {
        path: 'roster.csv',
        kind: 'roster',
        cohort: null,
        style: SIS,
        dateFormat: 'YYYY-MM-DD',
        header: [
          'youth_id',
          'grade',
          'gender',
          'race_ethnicity',
          'school',
          'frl',
          'program',
          'site',
          'cohort',
          'enrolled_on',
        ],
        fields: [
          'participant_key',
          'attribute:grade',
          'attribute:gender',
          'attribute:race_ethnicity',
          'attribute:school',
          'attribute:frl',
          'program',
          'site',
          'cohort',
          'enrolled_on',
        ],
      },
      world.enrolments.map((e) => [
        e.youth.key,
        String(e.grade),
        e.youth.gender,
        e.youth.race,
        siteName(e.youth.school),
        e.youth.frl,
        programName(e.program),
        siteName(e.site),
        cohortCode(e.cohort),
        e.enrolledOn,
      ]),
    ),
  );

  // Partners, kept in Excel by the coordinator, with each partner's primary contact.
  files.push(
    table(
      {
        path: 'partners.csv',
        kind: 'partners',
        cohort: null,
        style: EXCEL,
        dateFormat: 'M/D/YYYY',
        header: [
          'partner_id',
          'name',
          'type',
          'town',
          'joined',
          'left',
          'primary_contact',
          'contact_title',
          'contact_email',
        ],
        fields: [
          'partner_key',
          'name',
          'partner_type',
          'town',
          'joined_on',
          'left_on',
          'contact_name',
          'contact_role_title',
          'contact_email',
        ],
        valueMaps: { type: PARTNER_TYPE_LABELS },
      },
      PARTNERS.map((p) => [
        p.key,
        p.name,
        labelOfType(p.type),
        p.town,
        usDate(dayOf(p.joinedOn)),
        p.leftOn ? usDate(dayOf(p.leftOn)) : '',
        p.contacts[0]?.name ?? '',
        p.contacts[0]?.title ?? '',
        p.contacts[0]?.email ?? '',
      ]),
    ),
  );

  // The action plan: roles and commitments per partner and year.
  const planRows: string[][] = [];
  COHORTS.forEach((c, ci) => {
    for (const p of PARTNERS) {
      const from = `${c.year}-08-01`;
      const to = `${c.year + 1}-07-31`;
      if (p.joinedOn > to || (p.leftOn !== null && p.leftOn < from)) continue;
      const [role, commitment] = commitmentOf(p);
      let status: CommitmentStatus = rng.chance(0.85) ? 'met' : 'not_met';
      if (ci === 1 && p.key === 'P03') status = 'not_met'; // the Cañon City club paused in winter
      if (p.leftOn !== null && p.leftOn < to) status = 'dropped';
      if (ci === 2 && rng.chance(0.15)) status = 'in_progress';
      planRows.push([
        p.key,
        role,
        commitment,
        p.joinedOn > from ? p.joinedOn : from,
        to,
        c.code,
        labelOf(STATUS_LABELS, status),
      ]);
    }
  });
  files.push(
    table(
      {
        path: 'action-plan.csv',
        kind: 'commitments',
        cohort: null,
        style: SIS,
        dateFormat: 'YYYY-MM-DD',
        header: ['partner_id', 'role', 'commitment', 'from', 'to', 'cohort', 'status'],
        fields: ['partner_key', 'role', 'commitment', 'starts_on', 'ends_on', 'cohort', 'status'],
        valueMaps: { status: STATUS_LABELS },
      },
      planRows,
    ),
  );

  files.push(
    table(
      {
        path: 'mentors.csv',
        kind: 'mentors',
        cohort: null,
        style: SIS,
        dateFormat: 'YYYY-MM-DD',
        header: ['mentor_id', 'name', 'organization', 'expertise', 'since'],
        fields: ['mentor_key', 'name', 'partner_name', 'expertise', ''],
      },
      world.mentors.map((m) => [m.key, m.name, m.partner.name, m.expertise, m.since]),
    ),
  );

  files.push(
    table(
      {
        path: 'sessions.csv',
        kind: 'sessions',
        cohort: null,
        style: SIS,
        dateFormat: 'YYYY-MM-DD',
        header: [
          'session_id',
          'date',
          'cohort',
          'program',
          'site',
          'activity_type',
          'minutes_offered',
          'lead_partner',
          'mentor_ids',
        ],
        fields: [
          'external_id',
          'session_date',
          'cohort',
          'program',
          'site',
          'activity_type',
          'minutes_offered',
          'partner_name',
          'mentor_keys',
        ],
      },
      world.sessions.map((s) => [
        s.id,
        s.date,
        cohortCode(s.cohort),
        programName(s.program),
        siteName(s.site),
        activityName(s.activity),
        String(s.minutes),
        s.leadPartner?.name ?? '',
        s.mentors.map((m) => m.key).join('; '),
      ]),
    ),
  );

  // Attendance: one Excel sign-in log per school year; a row per youth present.
  COHORTS.forEach((c, ci) => {
    const rows = world.attendance
      .filter((a) => a.session.cohort === ci)
      .sort(
        (a, b) =>
          a.session.date.localeCompare(b.session.date) ||
          a.session.id.localeCompare(b.session.id) ||
          a.youth.key.localeCompare(b.youth.key),
      )
      .map((a) => [
        a.youth.key,
        usDate(dayOf(a.session.date)),
        programName(a.session.program),
        siteName(a.session.site),
        activityName(a.session.activity),
        String(a.minutes),
      ]);
    files.push(
      table(
        {
          path: `attendance-${c.code}.csv`,
          kind: 'attendance',
          cohort: c.code,
          style: EXCEL,
          dateFormat: 'M/D/YYYY',
          header: ['youth_id', 'date', 'program', 'site', 'activity_type', 'minutes'],
          fields: ['participant_key', 'session_date', 'program', 'site', 'activity_type', 'minutes_attended'],
        },
        rows,
      ),
    );
  });

  files.push(
    table(
      {
        path: 'contributions.csv',
        kind: 'contributions',
        cohort: null,
        style: SIS,
        dateFormat: 'YYYY-MM-DD',
        header: ['partner', 'date', 'kind', 'amount', 'unit', 'cohort', 'mentor_id', 'description'],
        fields: [
          'partner_name',
          'contributed_on',
          'kind',
          'amount',
          'unit',
          'cohort',
          'mentor_key',
          'description',
        ],
        valueMaps: { kind: KIND_LABELS, unit: UNIT_LABELS },
      },
      buildContributions(rng.fork('contributions'), world).map((x) => [
        x.partner.name,
        x.date,
        labelOf(KIND_LABELS, x.kind),
        String(x.amount),
        labelOf(UNIT_LABELS, x.unit),
        cohortCode(x.cohort),
        x.mentor?.key ?? '',
        x.description,
      ]),
    ),
  );

  const goalRows: string[][] = [];
  const goal = (
    metric: string,
    description: string,
    target: number,
    direction: GoalDirection,
    unit: string,
    cohort: string,
    program: string,
    owner: string,
  ) =>
    goalRows.push([
      `G${String(goalRows.length + 1).padStart(2, '0')}`,
      metric,
      description,
      String(target),
      direction,
      unit,
      cohort,
      program,
      owner,
    ]);
  for (const c of COHORTS) {
    goal(
      'youth_reached',
      'Youth who attend at least one session',
      250,
      'at_least',
      'youth',
      c.code,
      '',
      'P15',
    );
    goal('mean_contact_hours', 'Mean contact hours per youth', 20, 'at_least', 'hours', c.code, '', 'P15');
    goal(
      // The engine's regular attendee: 30 or more distinct days attended (regularAttendeeDays), over
      // every program. The Maker Club alone meets too rarely for 30 days (at most ~26 attended).
      'regular_attendee_rate',
      'Share of youth who attend on 30 or more days (regular attendees)',
      40,
      'at_least',
      'percent',
      c.code,
      '',
      'P03',
    );
    goal(
      'mentor_hours_total',
      'Mentor hours contributed by partners',
      250,
      'at_least',
      'hours',
      c.code,
      '',
      'P09',
    );
    goal(
      'active_partners',
      'Partners with at least one contribution',
      14,
      'at_least',
      'partners',
      c.code,
      '',
      'P15',
    );
    goal(
      'scale_gain_career_awareness',
      'Mean pre/post gain in STEM career awareness',
      0.3,
      'at_least',
      'scale points (1-5)',
      c.code,
      '',
      'P07',
    );
    goal(
      'post_survey_response_rate',
      'Enrolled youth who answer the post survey',
      70,
      'at_least',
      'percent',
      c.code,
      '',
      'P07',
    );
    goal(
      'partner_factor_communication',
      'Partner survey communication factor',
      4,
      'at_least',
      'mean (1-5)',
      c.code,
      '',
      'P15',
    );
    goal(
      'partner_factor_resources',
      'Partner survey resources factor',
      3.5,
      'at_least',
      'mean (1-5)',
      c.code,
      '',
      'P16',
    );
  }
  files.push(
    table(
      {
        path: 'goals.csv',
        kind: 'goals',
        cohort: null,
        style: SIS,
        dateFormat: 'YYYY-MM-DD',
        header: [
          'goal_id',
          'metric',
          'description',
          'target',
          'direction',
          'unit',
          'cohort',
          'program',
          'owner_partner_id',
        ],
        fields: [
          '',
          'metric_key',
          'description',
          'target_value',
          'direction',
          'unit',
          'cohort',
          'program',
          'owner_partner_key',
        ],
      },
      goalRows,
    ),
  );
  return files;
}

function commitmentOf(p: PartnerSpec): [string, string] {
  switch (p.key) {
    case 'P03':
      return ['Host site', 'Host the Maker Club every Wednesday, October to April, with makerspace staff'];
    case 'P04':
      return ['Camp host', 'Run the summer camp site, meals and transport'];
    case 'P05':
      return ['Recruitment', 'Recruit Florence youth into the Maker Club and camp'];
    case 'P14':
      return ['Career experiences', 'Host a night-sky field trip for the camp, with an astronomer'];
    case 'P15':
      return [
        'Coordination and evaluation',
        'Convene monthly partner meetings; run the youth and partner surveys',
      ];
  }
  const byType: Record<PartnerType, [string, string]> = {
    school: [
      'Host school',
      'Schedule the Technology & Design class in grades 6-8 and give teachers planning time',
    ],
    out_of_school_provider: ['Host site', 'Provide space and staff for club sessions'],
    higher_education: [
      'Curriculum and mentors',
      'Co-design the sensor and 3D printing units; provide student mentors',
    ],
    business: ['Mentors and career experiences', 'Provide mentors for career talks and host one site visit'],
    government: ['Career experiences', 'Host a field trip and give a career talk'],
    nonprofit: ['Community outreach', 'Promote the programs to families'],
    funder: ['Funding', 'Fund the program year and review the annual report'],
  };
  return byType[p.type];
}
