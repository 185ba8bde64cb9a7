/**
 * Survey exports: youth pre/post as Qualtrics CSV (three header rows, choice text, BOM) and the yearly
 * partner survey as a Google Forms sheet download.
 *
 * The effects are planted here and are meant to be found: gains grow with dosage (contact hours before
 * the post survey), sense of belonging stays flat, and 2023-24 gains are weaker.
 */
import { formsTime, qualtricsTime, dayOf, toCsv, weekdayOf } from './csv.ts';
import {
  AGREE_LABELS,
  PARTNER_COLLAB,
  YOUTH_STEM,
  type InstrumentSpec,
  type ItemSpec,
} from './instruments.ts';
import type { Rng } from './prng.ts';
import { COHORTS, PARTNERS, type CohortSpec, type PartnerSpec, type World, type Youth } from './world.ts';

export interface SurveyFile {
  path: string;
  text: string;
  cohort: string;
  wave: 'pre' | 'post' | 'annual';
  instrument: InstrumentSpec;
  /** item code -> where it is in this file */
  columns: { item: string; column: string; importId?: string }[];
  expected: Record<string, number>;
}

/** Schools survey on school days: a Saturday or Sunday moves to the Monday. */
const schoolDay = (d: number) => d + (weekdayOf(d) === 6 ? 2 : weekdayOf(d) === 0 ? 1 : 0);
const clip = (x: number) => Math.min(5, Math.max(1, Math.round(x)));
const STEM = 'How much do you agree or disagree with each statement? - ';

// 1. Who takes which survey, when, with what dosage and latent change ----------------------------

interface YouthYear {
  youth: Youth;
  preDay: number;
  postDay: number;
  takesPre: boolean;
  takesPost: boolean;
  grade: number;
  pre: number[];
  post: number[];
}

function youthYears(rng: Rng, world: World, ci: number): YouthYear[] {
  const c = COHORTS[ci] as CohortSpec;
  const enrolments = world.enrolments.filter((e) => e.cohort === ci);
  const byYouth = new Map<Youth, typeof enrolments>();
  for (const e of enrolments) byYouth.set(e.youth, [...(byYouth.get(e.youth) ?? []), e]);
  const campDays = world.sessions
    .filter((s) => s.cohort === ci && s.program === 'CAMP')
    .map((s) => dayOf(s.date));
  const firstCamp = Math.min(...campDays);
  const lastCamp = Math.max(...campDays);
  const attended = new Map<Youth, { day: number; minutes: number }[]>();
  for (const a of world.attendance) {
    if (a.session.cohort !== ci) continue;
    attended.set(a.youth, [
      ...(attended.get(a.youth) ?? []),
      { day: dayOf(a.session.date), minutes: a.minutes },
    ]);
  }
  const offered = new Map<string, number>();
  for (const s of world.sessions)
    if (s.cohort === ci)
      offered.set(`${s.program}|${s.site}`, (offered.get(`${s.program}|${s.site}`) ?? 0) + 1);

  const out: YouthYear[] = [];
  for (const [youth, es] of [...byYouth.entries()].sort(([a], [b]) => a.key.localeCompare(b.key))) {
    const schoolYear = es.some((e) => e.program !== 'CAMP');
    const preDay = schoolYear ? schoolDay(dayOf(`${c.year}-09-08`) + rng.int(0, 22)) : firstCamp;
    // Camp youth answer the post survey on the last camp day, so their camp hours count as dosage.
    const postDay = es.some((e) => e.program === 'CAMP')
      ? lastCamp
      : schoolDay(dayOf(`${c.year + 1}-05-01`) + rng.int(0, 19));
    const log = attended.get(youth) ?? [];
    const hours = log.filter((l) => l.day <= postDay).reduce((s, l) => s + l.minutes, 0) / 60;
    const possible = es.reduce((s, e) => s + (offered.get(`${e.program}|${e.site}`) ?? 0), 0);
    const rate = possible === 0 ? 0 : log.length / possible;
    const droppedOut = es.every((e) => e.dropAfter !== null);
    // Dose-response: rises with contact hours up to about 90 hours.
    const dose = Math.min(1.6, hours / 50);
    const g = rng.normal();
    const pre = YOUTH_STEM.constructs.map(() => 0.55 * g + 0.8 * rng.normal());
    const post = YOUTH_STEM.constructs.map(
      (k, i) => (pre[i] as number) + k.growth * c.gainFactor * dose + 0.45 * rng.normal(),
    );
    out.push({
      youth,
      preDay,
      postDay,
      takesPre: rng.chance(schoolYear ? 0.9 : 0.85),
      takesPost: rng.chance(droppedOut ? 0.15 : Math.min(0.95, 0.4 + 0.55 * rate)),
      grade: es[0]?.grade ?? 6,
      pre,
      post,
    });
  }
  return out;
}

// 2. Qualtrics layout ----------------------------------------------------------------------------

const META: [string, string, string][] = [
  ['StartDate', 'Start Date', '{"ImportId":"startDate","timeZone":"America/Denver"}'],
  ['EndDate', 'End Date', '{"ImportId":"endDate","timeZone":"America/Denver"}'],
  ['Status', 'Response Type', '{"ImportId":"status"}'],
  ['IPAddress', 'IP Address', '{"ImportId":"ipAddress"}'],
  ['Progress', 'Progress', '{"ImportId":"progress"}'],
  ['Duration (in seconds)', 'Duration (in seconds)', '{"ImportId":"duration"}'],
  ['Finished', 'Finished', '{"ImportId":"finished"}'],
  ['RecordedDate', 'Recorded Date', '{"ImportId":"recordedDate","timeZone":"America/Denver"}'],
  ['ResponseId', 'Response ID', '{"ImportId":"_recordId"}'],
  ['RecipientLastName', 'Recipient Last Name', '{"ImportId":"recipientLastName"}'],
  ['RecipientFirstName', 'Recipient First Name', '{"ImportId":"recipientFirstName"}'],
  ['RecipientEmail', 'Recipient Email', '{"ImportId":"recipientEmail"}'],
  ['ExternalReference', 'External Data Reference', '{"ImportId":"externalDataReference"}'],
  ['LocationLatitude', 'Location Latitude', '{"ImportId":"locationLatitude"}'],
  ['LocationLongitude', 'Location Longitude', '{"ImportId":"locationLongitude"}'],
  ['DistributionChannel', 'Distribution Channel', '{"ImportId":"distributionChannel"}'],
  ['UserLanguage', 'User Language', '{"ImportId":"userLanguage"}'],
];

interface QColumn {
  tag: string;
  text: string;
  importId: string;
  item?: ItemSpec;
  role?: 'assent' | 'grade' | 'open_text' | 'youth_id';
}

/** The survey's columns in one cohort. In 2024-25 an assent question was added first and Qualtrics
 * renumbered the export tags (Q1_1 became Q2_1), while the ImportIds (QID1_1) stayed the same. */
function qualtricsColumns(cohort: string): QColumn[] {
  const shift = cohort === '2024-25' ? 1 : 0;
  const cols: QColumn[] = [];
  if (shift)
    cols.push({
      tag: 'Q1',
      text: 'Do you agree to take this survey?',
      importId: '{"ImportId":"QID9"}',
      role: 'assent',
    });
  YOUTH_STEM.constructs.forEach((k, block) => {
    YOUTH_STEM.items
      .filter((i) => i.construct === k.code)
      .forEach((item, n) => {
        const text = item.reworded && item.reworded.cohort <= cohort ? item.reworded.text : item.text;
        cols.push({
          tag: `Q${block + 1 + shift}_${n + 1}`,
          text: STEM + text,
          importId: `{"ImportId":"QID${block + 1}_${n + 1}"}`,
          item,
        });
      });
  });
  cols.push({
    tag: `Q${5 + shift}`,
    text: 'What grade are you in?',
    importId: '{"ImportId":"QID5"}',
    role: 'grade',
  });
  cols.push({
    tag: `Q${6 + shift}`,
    text: 'What is one thing you want to learn or do next?',
    importId: '{"ImportId":"QID6_TEXT"}',
    role: 'open_text',
  });
  cols.push({ tag: 'youth_id', text: 'youth_id', importId: '{"ImportId":"youth_id"}', role: 'youth_id' });
  return cols;
}

const OPEN_TEXT = [
  'Build a drone that can map the ranch',
  'more 3D printing, and maybe laser cutting',
  'I want to learn how to code "real" games',
  'Visit the observatory again\nand see Saturn',
  '¡Me encantó el campamento! Quiero aprender más de robots',
  'idk',
  'how solar panels work 🌞',
  'Talk to an engineer about college',
  'Make a weather station for our school, with sensors that post online',
  'nothing really',
];

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const responseId = (rng: Rng) => `R_${Array.from({ length: 15 }, () => rng.pick([...ALNUM])).join('')}`;

/** How youth typed (or a link carried) their ID: mostly right, sometimes not quite. */
function noisyKey(rng: Rng, key: string): string {
  const digits = key.slice(1);
  return rng.weighted([
    [key, 80],
    [key.toLowerCase(), 7],
    [`Y${Number(digits)}`, 5],
    [` ${key} `, 3],
    [digits, 3],
    [`y${Number(digits)}`, 2],
  ]);
}

function youthSurvey(rng: Rng, years: YouthYear[], ci: number, wave: 'pre' | 'post'): SurveyFile {
  const c = COHORTS[ci] as CohortSpec;
  const cols = qualtricsColumns(c.code);
  const offsets = new Map(YOUTH_STEM.items.map((it, i) => [it.code, ((i * 37) % 9) / 20 - 0.2]));
  type Row = { sort: string; cells: string[] };
  const rows: Row[] = [];
  const expected = {
    data_rows: 0,
    previews: 0,
    unknown_respondents: 0,
    duplicate_submissions: 0,
    partial: 0,
  };

  const makeRow = (opts: {
    day: number;
    status: 'IP Address' | 'Survey Preview';
    id: string;
    latent: number[] | null;
    grade: number | null;
    partialAt: number | null;
  }): Row => {
    const start = rng.int(8 * 3600, 15 * 3600);
    const duration = opts.partialAt === null ? rng.int(240, 900) : rng.int(90, 300);
    const finished = opts.partialAt === null;
    const answers = cols.map((col): string => {
      if (col.role === 'youth_id') return opts.id;
      if (col.role === 'assent') return 'Yes';
      if (col.role === 'grade') return opts.grade === null || rng.chance(0.02) ? '' : `${opts.grade}th grade`;
      if (col.role === 'open_text') return finished && rng.chance(0.35) ? rng.pick(OPEN_TEXT) : '';
      const item = col.item as ItemSpec;
      const block = YOUTH_STEM.constructs.findIndex((k) => k.code === item.construct);
      if (opts.partialAt !== null && block >= opts.partialAt) return '';
      if (rng.chance(0.025)) return '';
      if (rng.chance(item.construct === 'belonging' ? 0.035 : 0.012)) return 'Prefer not to say';
      if (opts.latent === null) return rng.pick(AGREE_LABELS);
      const k = YOUTH_STEM.constructs[block];
      const y = clip(
        (k?.location ?? 3) +
          (offsets.get(item.code) ?? 0) +
          0.75 * (opts.latent[block] ?? 0) +
          0.6 * rng.normal(),
      );
      return AGREE_LABELS[(item.reverse ? 6 - y : y) - 1] ?? '';
    });
    const progress = finished ? 100 : Math.round((100 * (opts.partialAt ?? 0)) / 4) + rng.int(2, 9);
    const end = start + duration;
    const meta = [
      qualtricsTime(opts.day, start),
      qualtricsTime(opts.day, end),
      opts.status,
      '',
      String(progress),
      String(duration),
      finished ? 'True' : 'False',
      qualtricsTime(opts.day, end),
      responseId(rng),
      '',
      '',
      '',
      '',
      '',
      '',
      opts.status === 'Survey Preview' ? 'preview' : 'anonymous',
      'EN',
    ];
    return { sort: qualtricsTime(opts.day, end), cells: [...meta, ...answers] };
  };

  const takers = years.filter((y) => (wave === 'pre' ? y.takesPre : y.takesPost));
  const opening = Math.min(...takers.map((y) => (wave === 'pre' ? y.preDay : y.postDay)));
  for (let i = 0; i < 2; i++) {
    rows.push(
      makeRow({
        day: opening - 3 + i,
        status: 'Survey Preview',
        id: i === 0 ? '' : 'test',
        latent: null,
        grade: null,
        partialAt: null,
      }),
    );
    expected.previews++;
  }
  for (const y of takers) {
    const day = wave === 'pre' ? y.preDay : y.postDay;
    const latent = wave === 'pre' ? y.pre : y.post;
    const grade = y.grade;
    // A few youth start, drop out, and start again from a fresh link: two rows for one ID.
    if (rng.chance(0.012)) {
      rows.push(
        makeRow({ day, status: 'IP Address', id: noisyKey(rng, y.youth.key), latent, grade, partialAt: 1 }),
      );
      expected.duplicate_submissions++;
      expected.partial++;
    }
    const partialAt = rng.chance(0.04) ? rng.int(2, 3) : null;
    if (partialAt !== null) expected.partial++;
    rows.push(
      makeRow({ day, status: 'IP Address', id: noisyKey(rng, y.youth.key), latent, grade, partialAt }),
    );
  }
  // Someone not on any roster, and a response whose link lost the embedded youth_id.
  const someone = rng.pick(takers);
  for (const id of ['Y0731', '']) {
    rows.push(
      makeRow({
        day: wave === 'pre' ? someone.preDay : someone.postDay,
        status: 'IP Address',
        id,
        latent: someone.pre,
        grade: someone.grade,
        partialAt: null,
      }),
    );
    expected.unknown_respondents++;
  }
  rows.sort((a, b) => a.sort.localeCompare(b.sort) || (a.cells[8] ?? '').localeCompare(b.cells[8] ?? ''));
  expected.data_rows = rows.length;

  const header = [
    [...META.map((m) => m[0]), ...cols.map((col) => col.tag)],
    [...META.map((m) => m[1]), ...cols.map((col) => col.text)],
    [...META.map((m) => m[2]), ...cols.map((col) => col.importId)],
  ];
  return {
    path: `youth-survey-${wave}-${c.code}.csv`,
    // Qualtrics: UTF-8 with BOM, LF line endings (as in the real sample).
    text: toCsv([...header, ...rows.map((r) => r.cells)], { eol: '\n', bom: true }),
    cohort: c.code,
    wave,
    instrument: YOUTH_STEM,
    columns: cols
      .filter((col) => col.item)
      .map((col) => ({
        item: (col.item as ItemSpec).code,
        column: col.tag,
        importId: JSON.parse(col.importId).ImportId as string,
      })),
    expected,
  };
}

// 3. Google Forms partner survey -----------------------------------------------------------------

const ROLES = ['Director or lead', 'Staff', 'Mentor or volunteer'];
const PARTNER_COMMENTS = [
  'More notice before schedule changes, please.',
  'We need a shared calendar, and one contact person per site.',
  'Keep the summer camp! It is the best part.',
  'Funding for substitutes so teachers can attend planning meetings',
  'Find more mentors from the Florence side of the valley.',
  'Great year.\nThe students’ final projects were impressive.',
  'Clearer roles for business partners',
  '',
];

function partnerSurvey(rng: Rng, world: World, ci: number): SurveyFile {
  const c = COHORTS[ci] as CohortSpec;
  const inst = PARTNER_COLLAB;
  const header = [
    'Timestamp',
    'Email Address',
    'Which organization do you represent?',
    'What is your role in the partnership?',
    ...inst.items.map((i) => `Collaboration [${i.text}]`),
    'Overall, how satisfied are you with the partnership? (1 = not at all, 5 = very satisfied)',
    'What should the partnership do differently next year?',
  ];
  const rows: { sort: number; cells: string[] }[] = [];
  const surveyDay = dayOf(`${c.year + 1}-05-01`);
  const active = PARTNERS.filter(
    (p) => p.joinedOn <= `${c.year + 1}-05-01` && (p.leftOn ?? '9999') >= `${c.year + 1}-05-01`,
  );
  const respondents: { partner: PartnerSpec; email: string; role: string }[] = [];
  for (const p of active) {
    for (const contact of p.contacts)
      if (rng.chance(0.8))
        respondents.push({ partner: p, email: contact.email, role: rng.pick(ROLES.slice(0, 2)) });
    for (const m of world.mentors.filter((m) => m.partner === p && m.since <= `${c.year + 1}-05-01`)) {
      if (rng.chance(0.3)) {
        const [first, ...rest] = m.name
          .normalize('NFD')
          .replace(/[^A-Za-z' ]/g, '')
          .replace(/'/g, '')
          .toLowerCase()
          .split(' ');
        respondents.push({
          partner: p,
          email: `${first}.${rest.join('')}@${p.contacts[0]?.email.split('@')[1] ?? 'mail.example'}`,
          role: 'Mentor or volunteer',
        });
      }
    }
  }
  for (const r of respondents) {
    const typeShift = (code: string) =>
      (r.partner.type === 'business' && code === 'mutual_benefit' ? -0.4 : 0) +
      (r.partner.type === 'school' && code === 'communication' ? 0.2 : 0) +
      (r.partner.type === 'funder' && code === 'resources' ? 0.4 : 0);
    const person = rng.normal() * 0.35;
    const answers = inst.items.map((item) => {
      const k = inst.constructs.find((x) => x.code === item.construct);
      if (!k) throw new Error(item.construct);
      if (rng.chance(0.01)) return '';
      if (rng.chance(item.construct === 'resources' && r.role === 'Mentor or volunteer' ? 0.15 : 0.03))
        return "Don't know";
      const y = clip(k.location + k.growth * ci + typeShift(k.code) + person + 0.55 * rng.normal());
      return AGREE_LABELS[(item.reverse ? 6 - y : y) - 1] ?? '';
    });
    const day = surveyDay + rng.int(0, 24);
    const secs = rng.int(7 * 3600, 21 * 3600);
    rows.push({
      sort: day * 86400 + secs,
      cells: [
        formsTime(day, secs),
        r.email,
        r.partner.name,
        r.role,
        ...answers,
        String(clip(3.3 + 0.3 * ci + person + 0.6 * rng.normal())),
        rng.pick(PARTNER_COMMENTS),
      ],
    });
  }
  rows.sort((a, b) => a.sort - b.sort);
  return {
    path: `Partner survey ${c.year + 1} (Responses) - Form Responses 1.csv`,
    // Google Sheets download: no BOM, CRLF between records, bare LF inside quoted cells.
    text: toCsv([header, ...rows.map((r) => r.cells)], { eol: '\r\n', bom: false }),
    cohort: c.code,
    wave: 'annual',
    instrument: inst,
    columns: inst.items.map((i) => ({ item: i.code, column: `Collaboration [${i.text}]` })),
    expected: { data_rows: rows.length },
  };
}

export function buildSurveys(rng: Rng, world: World): SurveyFile[] {
  const files: SurveyFile[] = [];
  COHORTS.forEach((c, ci) => {
    const years = youthYears(rng.fork(`youth-years-${c.code}`), world, ci);
    files.push(youthSurvey(rng.fork(`pre-${c.code}`), years, ci, 'pre'));
    files.push(youthSurvey(rng.fork(`post-${c.code}`), years, ci, 'post'));
  });
  COHORTS.forEach((c, ci) => files.push(partnerSurvey(rng.fork(`partners-${c.code}`), world, ci)));
  return files;
}
