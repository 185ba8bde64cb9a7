/**
 * A synthetic partnership written straight into a project database, at any size: the large project of
 * `npm run bench:metrics` and the story projects of tests/integration/metrics. It plants the demo's
 * story so tests can check that the metrics tell it:
 *   - gains on the youth scales grow with contact hours;
 *   - sense of belonging stays flat;
 *   - cohort 2023-24 gains much less than the other cohorts;
 *   - partner survey: communication improves year by year, resources stay a concern (< 3).
 * Deterministic (mulberry32 with a fixed seed).
 */
import type { Db } from '../src/main/db/open-project';

export interface SyntheticOptions {
  youthPerCohort: number;
  /** Weekly class and club sessions per site per year (camp: 10 days). */
  weeks?: number;
  seed?: number;
  /** Share of youth in each cohort that answer the surveys. */
  surveyShare?: number;
}

export interface SyntheticCounts {
  participants: number;
  sessions: number;
  attendance: number;
  responses: number;
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COHORTS = [
  { code: '2022-23', start: '2022-08-01', end: '2023-07-31', year: 2022, effect: 1 },
  { code: '2023-24', start: '2023-08-01', end: '2024-07-31', year: 2023, effect: 0.25 },
  { code: '2024-25', start: '2024-08-01', end: '2025-07-31', year: 2024, effect: 1 },
];
export const SYNTHETIC_SCALES = [
  { code: 'career_awareness', name: 'STEM career awareness', items: 5, minItems: 3, gain: 0.9 },
  { code: 'stem_interest', name: 'STEM interest', items: 6, minItems: 3, gain: 0.6 },
  { code: 'self_efficacy', name: 'STEM self-efficacy', items: 6, minItems: 3, gain: 0.5 },
  { code: 'belonging', name: 'Sense of belonging in STEM', items: 5, minItems: 3, gain: 0 },
];
const FACTORS = [
  { code: 'communication', name: 'Communication', base: 3.3, perYear: 0.45 },
  { code: 'resources', name: 'Resources', base: 2.5, perYear: 0.05 },
  { code: 'shared_vision', name: 'Shared vision', base: 3.9, perYear: 0.05 },
];

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export function buildSyntheticProject(db: Db, o: SyntheticOptions): SyntheticCounts {
  const rand = mulberry32(o.seed ?? 20220801);
  const normal = () => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const weeks = o.weeks ?? 30;
  const surveyShare = o.surveyShare ?? 0.85;
  const run = (sql: string, ...p: unknown[]) => Number(db.prepare(sql).run(...p).lastInsertRowid);
  const counts: SyntheticCounts = { participants: 0, sessions: 0, attendance: 0, responses: 0 };

  db.transaction(() => {
    const imp = run(
      `INSERT INTO imports (file_name, file_size, sha256, kind, format, encoding, rows_read, rows_imported, imported_at)
       VALUES ('synthetic.csv', 1, ?, 'synthetic', 'plain_csv', 'utf-8', 0, 0, '2025-01-01T00:00:00.000Z')`,
      'ab'.repeat(32),
    );
    const cohortIds = COHORTS.map((c) =>
      run('INSERT INTO cohorts (code, starts_on, ends_on) VALUES (?, ?, ?)', c.code, c.start, c.end),
    );
    const programs = [
      { code: 'CLASS', name: 'Technology & Design class', type: 'in_school_class', minutes: 55, share: 0.8 },
      { code: 'CLUB', name: 'Maker Club', type: 'after_school_club', minutes: 90, share: 0.4 },
      { code: 'CAMP', name: 'Summer STEM Camp', type: 'summer_camp', minutes: 360, share: 0.25 },
    ].map((p) => ({
      ...p,
      id: run('INSERT INTO programs (code, name, program_type) VALUES (?, ?, ?)', p.code, p.name, p.type),
    }));
    const sites = [
      ['WMS', 'Westcliffe Middle School'],
      ['FMS', 'Florence Middle School'],
      ['CCL', 'Cañon City Library'],
      ['WMR', 'Wet Mountain Ranch Camp'],
    ].map(([code, name]) => run('INSERT INTO sites (code, name) VALUES (?, ?)', code, name));
    const activities = ['sensor_lab', 'coding', '3d_printing', 'career_talk', 'mentor_project'].map((code) =>
      run('INSERT INTO activity_types (code, name) VALUES (?, ?)', code, code.replace('_', ' ')),
    );
    const partnerTypes = [
      'school',
      'school',
      'out_of_school_provider',
      'higher_education',
      'business',
      'business',
      'business',
      'government',
      'nonprofit',
      'funder',
      'business',
      'nonprofit',
    ];
    const partners = partnerTypes.map((type, i) =>
      run(
        'INSERT INTO partners (key, name, partner_type, joined_on) VALUES (?, ?, ?, ?)',
        `P${String(i + 1).padStart(2, '0')}`,
        i === 2 ? 'Cañon City Library' : `Partner ${i + 1}`,
        type,
        '2022-08-01',
      ),
    );
    const mentors = Array.from({ length: 24 }, (_, i) =>
      run(
        'INSERT INTO mentors (key, name, partner_id) VALUES (?, ?, ?)',
        `M${i + 1}`,
        `Mentor ${i + 1}`,
        partners[3 + (i % 8)],
      ),
    );

    // Sessions: class and club weekly at the two schools (club at the library too), camp 10 days.
    const insSession = db.prepare(
      `INSERT INTO sessions (external_id, session_date, program_id, cohort_id, site_id, activity_type_id, minutes_offered, partner_id, import_id, source_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insMentor = db.prepare(
      'INSERT INTO session_mentors (session_id, mentor_id, minutes, import_id, source_row) VALUES (?, ?, NULL, ?, 1)',
    );
    type S = { id: number; program: number; site: number };
    const sessionsOf = new Map<string, S[]>();
    let row = 0;
    COHORTS.forEach((c, ci) => {
      const add = (prog: (typeof programs)[number], site: number, date: string, k: number) => {
        row += 1;
        const partner = prog.code === 'CLASS' ? null : partners[3 + (k % 8)]!;
        const id = Number(
          insSession.run(
            `S${row}`,
            date,
            prog.id,
            cohortIds[ci],
            site,
            activities[k % activities.length],
            prog.minutes,
            partner,
            imp,
            row,
          ).lastInsertRowid,
        );
        if (prog.code !== 'CLASS' && k % 2 === 0) insMentor.run(id, mentors[k % mentors.length], imp);
        const key = `${ci}:${prog.code}:${site}`;
        sessionsOf.set(key, [...(sessionsOf.get(key) ?? []), { id, program: prog.id, site }]);
        counts.sessions += 1;
      };
      for (let w = 0; w < weeks; w += 1) {
        const date = addDays(`${c.year}-09-05`, w * 7);
        for (const s of [sites[0]!, sites[1]!]) add(programs[0]!, s, date, w);
        for (const s of [sites[0]!, sites[2]!]) add(programs[1]!, s, addDays(date, 2), w + 1);
      }
      for (let d = 0; d < 10; d += 1) add(programs[2]!, sites[3]!, addDays(`${c.year + 1}-06-10`, d), d);
    });

    // Youth, enrolments, attributes, attendance and surveys.
    const insP = db.prepare('INSERT INTO participants (key) VALUES (?)');
    const insAttr = db.prepare(
      'INSERT INTO participant_attributes (participant_id, name, value, cohort_id, import_id, source_row) VALUES (?, ?, ?, ?, ?, 1)',
    );
    const insEnrol = db.prepare(
      'INSERT INTO enrolments (participant_id, program_id, cohort_id, site_id, enrolled_on, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?, 1)',
    );
    const insAtt = db.prepare(
      'INSERT INTO attendance (participant_id, session_id, is_present, minutes_attended, import_id, source_row) VALUES (?, ?, 1, ?, ?, 1)',
    );

    // The youth instrument and its codebook.
    const inst = run(
      "INSERT INTO instruments (code, name, respondent_kind) VALUES ('youth_stem', 'Youth survey', 'youth')",
    );
    const agree = run(
      "INSERT INTO response_scales (code, name, min_value, max_value) VALUES ('agree5', 'Agreement', 1, 5)",
    );
    ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'].forEach(
      (label, i) =>
        db
          .prepare(
            'INSERT INTO scale_options (response_scale_id, label, value, position) VALUES (?, ?, ?, ?)',
          )
          .run(agree, label, i + 1, i + 1),
    );
    db.prepare(
      "INSERT INTO scale_options (response_scale_id, label, missing_reason, position) VALUES (?, 'Prefer not to say', 'prefer_not_to_say', 6)",
    ).run(agree);
    let position = 0;
    const scaleItems = SYNTHETIC_SCALES.map((s) => {
      const cid = run(
        'INSERT INTO constructs (instrument_id, code, name, min_items) VALUES (?, ?, ?, ?)',
        inst,
        s.code,
        s.name,
        s.minItems,
      );
      return Array.from({ length: s.items }, (_, j) => {
        position += 1;
        const reverse = j === s.items - 1;
        return {
          id: run(
            'INSERT INTO items (instrument_id, code, text, construct_id, response_scale_id, is_reverse_coded, position) VALUES (?, ?, ?, ?, ?, ?, ?)',
            inst,
            `${s.code.slice(0, 3).toUpperCase()}${j + 1}`,
            `${s.name} item ${j + 1}`,
            cid,
            agree,
            reverse ? 1 : 0,
            position,
          ),
          reverse,
        };
      });
    });
    const insResp = db.prepare(
      `INSERT INTO responses (administration_id, respondent_id, item_id, wave, value, missing_reason, import_id, source_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
    );
    const insRespondent = db.prepare(
      "INSERT INTO respondents (key, kind, participant_id) VALUES (?, 'youth', ?)",
    );

    let youthNo = 0;
    const returning: number[] = [];
    COHORTS.forEach((c, ci) => {
      const admPre = run(
        'INSERT INTO administrations (instrument_id, cohort_id, label, opened_on, closed_on, import_id) VALUES (?, ?, ?, ?, ?, ?)',
        inst,
        cohortIds[ci],
        `Pre ${c.code}`,
        `${c.year}-09-01`,
        `${c.year}-09-30`,
        imp,
      );
      const admPost = run(
        'INSERT INTO administrations (instrument_id, cohort_id, label, opened_on, closed_on, import_id) VALUES (?, ?, ?, ?, ?, ?)',
        inst,
        cohortIds[ci],
        `Post ${c.code}`,
        `${c.year + 1}-05-01`,
        `${c.year + 1}-06-30`,
        imp,
      );
      const roster: number[] = [];
      // About a fifth of last year's youth come back.
      for (const p of returning.splice(0)) if (rand() < 0.2) roster.push(p);
      while (roster.length < o.youthPerCohort) {
        youthNo += 1;
        const id = Number(insP.run(`Y${String(youthNo).padStart(6, '0')}`).lastInsertRowid);
        insAttr.run(id, 'gender', rand() < 0.5 ? 'Female' : 'Male', null, imp);
        counts.participants += 1;
        roster.push(id);
      }
      for (const p of roster) {
        insAttr.run(p, 'grade', String(6 + Math.floor(rand() * 3)), cohortIds[ci], imp);
        const school = rand() < 0.5 ? sites[0]! : sites[1]!;
        const propensity = 0.25 + 0.7 * rand();
        let minutes = 0;
        for (const prog of programs) {
          if (rand() >= prog.share) continue;
          const site =
            prog.code === 'CLASS'
              ? school
              : prog.code === 'CLUB'
                ? school === sites[0]
                  ? sites[0]!
                  : sites[2]!
                : sites[3]!;
          insEnrol.run(p, prog.id, cohortIds[ci], site, `${c.year}-08-25`, imp);
          for (const s of sessionsOf.get(`${ci}:${prog.code}:${site}`) ?? []) {
            if (rand() >= propensity) continue;
            const m = rand() < 0.1 ? Math.round(prog.minutes * 0.6) : null;
            insAtt.run(p, s.id, m, imp);
            minutes += m ?? prog.minutes;
            counts.attendance += 1;
          }
        }
        returning.push(p);
        if (rand() >= surveyShare) continue;
        const respondent = Number(insRespondent.run(`youth:${p}:${ci}`, p).lastInsertRowid);
        const hours = minutes / 60;
        const dose = Math.min(1, hours / 60);
        const postToo = rand() < 0.85;
        SYNTHETIC_SCALES.forEach((s, si) => {
          const pre = 2.7 + 0.5 * normal();
          const gain = s.gain * c.effect * (0.1 + dose) + 0.25 * normal() * (s.gain > 0 ? 1 : 0.4);
          for (const [wave, adm, theta] of [
            ['pre', admPre, pre],
            ['post', admPost, pre + gain],
          ] as const) {
            if (wave === 'post' && !postToo) continue;
            for (const item of scaleItems[si]!) {
              const u = rand();
              let value: number | null = Math.min(5, Math.max(1, Math.round(theta + 0.6 * normal())));
              if (item.reverse) value = 6 - value;
              const missing = u < 0.03 ? 'prefer_not_to_say' : null;
              if (missing) value = null;
              insResp.run(adm, respondent, item.id, wave, value, missing, imp);
              counts.responses += 1;
            }
          }
        });
      }
    });

    // Partner survey: three factors, four items each, about 30 respondents a year.
    const pinst = run(
      "INSERT INTO instruments (code, name, respondent_kind) VALUES ('partner_collab', 'Partner survey', 'partner')",
    );
    const pitems = FACTORS.map((f) => {
      const cid = run(
        'INSERT INTO constructs (instrument_id, code, name, min_items) VALUES (?, ?, ?, 2)',
        pinst,
        f.code,
        f.name,
      );
      return Array.from({ length: 4 }, (_, j) =>
        run(
          'INSERT INTO items (instrument_id, code, text, construct_id, response_scale_id, position) VALUES (?, ?, ?, ?, ?, ?)',
          pinst,
          `${f.code.slice(0, 3).toUpperCase()}${j + 1}`,
          `${f.name} ${j + 1}`,
          cid,
          agree,
          j + 1,
        ),
      );
    });
    const insPR = db.prepare("INSERT INTO respondents (key, kind, partner_id) VALUES (?, 'partner', ?)");
    COHORTS.forEach((c, ci) => {
      const adm = run(
        'INSERT INTO administrations (instrument_id, cohort_id, label, opened_on, closed_on, import_id) VALUES (?, ?, ?, ?, ?, ?)',
        pinst,
        cohortIds[ci],
        `Partner survey ${c.code}`,
        `${c.year + 1}-05-01`,
        `${c.year + 1}-05-31`,
        imp,
      );
      for (let r = 0; r < 30; r += 1) {
        const partner = partners[r % partners.length]!;
        const respondent = Number(insPR.run(`partner:${c.code}:${r}`, partner).lastInsertRowid);
        FACTORS.forEach((f, fi) => {
          const theta = f.base + f.perYear * ci + 0.4 * normal();
          for (const item of pitems[fi]!) {
            insResp.run(
              adm,
              respondent,
              item,
              'annual',
              Math.min(5, Math.max(1, Math.round(theta + 0.5 * normal()))),
              null,
              imp,
            );
            counts.responses += 1;
          }
        });
      }
    });

    // Contributions and goals.
    const insC = db.prepare(
      'INSERT INTO contributions (partner_id, kind, amount, unit, contributed_on, cohort_id, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?, ?, 1)',
    );
    COHORTS.forEach((c, ci) => {
      partners.forEach((p, i) => {
        if (i >= 3 && i < 11)
          insC.run(p, 'mentor_hours', 10 + i * 3, 'hours', `${c.year}-10-28`, cohortIds[ci], imp);
        if (i === 9) insC.run(p, 'funding', 25000, 'usd', `${c.year}-09-01`, cohortIds[ci], imp);
        if (i === 4) insC.run(p, 'in_kind', 1200, 'usd', `${c.year}-11-01`, cohortIds[ci], imp);
        if (i === 5) insC.run(p, 'equipment', 6, 'items', `${c.year}-09-15`, cohortIds[ci], imp);
        if (i >= 4 && i < 8)
          insC.run(p, 'sessions_led', 4, 'sessions', `${c.year + 1}-03-01`, cohortIds[ci], imp);
      });
      const goal = db.prepare(
        'INSERT INTO goals (metric_key, description, target_value, direction, unit, cohort_id, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?, ?, 1)',
      );
      goal.run(
        'youth_reached',
        'Youth who attend at least one session',
        Math.round(o.youthPerCohort * 0.8),
        'at_least',
        'youth',
        cohortIds[ci],
        imp,
      );
      goal.run(
        'mean_contact_hours',
        'Mean contact hours per youth',
        20,
        'at_least',
        'hours',
        cohortIds[ci],
        imp,
      );
      goal.run(
        'scale_gain_career_awareness',
        'Mean gain in career awareness',
        0.3,
        'at_least',
        'scale points (1-5)',
        cohortIds[ci],
        imp,
      );
      goal.run(
        'partner_factor_resources',
        'Partner survey resources factor',
        3.5,
        'at_least',
        'mean (1-5)',
        cohortIds[ci],
        imp,
      );
      goal.run(
        'post_survey_response_rate',
        'Enrolled youth who answer the post survey',
        70,
        'at_least',
        'percent',
        cohortIds[ci],
        imp,
      );
    });
  })();
  return counts;
}
