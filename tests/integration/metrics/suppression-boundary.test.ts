import { describe, expect, it } from 'vitest';
import { buildSyntheticProject } from '../../../bench/synthetic-project';
import { runCli } from '../../../src/main/cli/run-cli';
import type { Db } from '../../../src/main/db/open-project';
import { METRIC_SECTIONS, MetricsResult } from '../../../src/shared/metrics';
import { realCore } from '../../helpers/session';
import { useTempDir } from '../../helpers/temp';

/**
 * Privacy at the contract boundary: a program, a site and an attribute value that each hold exactly 9
 * youth (with attendance and matched pre/post surveys) never show a figure, whatever the split or
 * filter, through dispatch (the door of IPC, HTTP) and through the CLI's CSV export.
 */

const NINE = 9;

/** Adds program TINY at site TINYSITE with 9 youth, each with attribute club = 'robotics-9'. */
function addGroupOfNine(db: Db) {
  const one = <T>(sql: string, ...p: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...p) as T;
  const run = (sql: string, ...p: unknown[]) => Number(db.prepare(sql).run(...p).lastInsertRowid);
  db.transaction(() => {
    const imp = one<number>('SELECT min(id) FROM imports');
    const cohort = one<number>("SELECT id FROM cohorts WHERE code = '2024-25'");
    const program = run(
      "INSERT INTO programs (code, name, program_type) VALUES ('TINY', 'Tiny robotics', 'workshop')",
    );
    const site = run("INSERT INTO sites (code, name) VALUES ('TINYSITE', 'Tiny site')");
    const partner = one<number>("SELECT id FROM partners WHERE key = 'P05'");
    const sessions = [0, 1, 2, 3].map((i) =>
      run(
        `INSERT INTO sessions (session_date, program_id, cohort_id, site_id, minutes_offered, partner_id, import_id, source_row)
         VALUES (?, ?, ?, ?, 120, ?, ?, 1)`,
        `2024-10-0${i + 1}`,
        program,
        cohort,
        site,
        partner,
        imp,
      ),
    );
    const adm = one<number>("SELECT id FROM administrations WHERE label = 'Pre 2024-25'");
    const admPost = one<number>("SELECT id FROM administrations WHERE label = 'Post 2024-25'");
    const items = db
      .prepare(
        "SELECT i.id FROM items i JOIN instruments n ON n.id = i.instrument_id WHERE n.code = 'youth_stem'",
      )
      .pluck()
      .all() as number[];
    for (let k = 0; k < NINE; k += 1) {
      const p = run('INSERT INTO participants (key) VALUES (?)', `TINY${k}`);
      run(
        "INSERT INTO participant_attributes (participant_id, name, value, import_id, source_row) VALUES (?, 'club', 'robotics-9', ?, 1)",
        p,
        imp,
      );
      run(
        'INSERT INTO enrolments (participant_id, program_id, cohort_id, site_id, enrolled_on, import_id, source_row) VALUES (?, ?, ?, ?, ?, ?, 1)',
        p,
        program,
        cohort,
        site,
        '2024-09-01',
        imp,
      );
      for (const s of sessions)
        run(
          'INSERT INTO attendance (participant_id, session_id, is_present, import_id, source_row) VALUES (?, ?, 1, ?, 1)',
          p,
          s,
          imp,
        );
      const r = run(
        "INSERT INTO respondents (key, kind, participant_id) VALUES (?, 'youth', ?)",
        `youth:TINY${k}`,
        p,
      );
      items.forEach((item, j) => {
        run(
          "INSERT INTO responses (administration_id, respondent_id, item_id, wave, value, import_id, source_row) VALUES (?, ?, ?, 'pre', ?, ?, 1)",
          adm,
          r,
          item,
          1 + ((k + j) % 3),
          imp,
        );
        run(
          "INSERT INTO responses (administration_id, respondent_id, item_id, wave, value, import_id, source_row) VALUES (?, ?, ?, 'post', ?, ?, 1)",
          admPost,
          r,
          item,
          3 + ((k + j) % 3),
          imp,
        );
      });
    }
  })();
}

/** Numbers a suppressed row may still carry: adults and sessions, positions, category values. */
const STRUCTURAL = new Set([
  'mentorsEngaged',
  'partnersActive',
  'sessionsOffered',
  'bandIndex',
  'k',
  'value',
]);

function numbersIn(row: unknown, path = ''): string[] {
  if (row === null || typeof row !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(row)) {
    if (k === 'group') continue;
    if (typeof v === 'number' && !STRUCTURAL.has(k)) out.push(`${path}${k}=${v}`);
    else if (typeof v === 'object') out.push(...numbersIn(v, `${path}${k}.`));
  }
  return out;
}

const TINY_CODES = new Set(['TINY', 'TINYSITE', 'robotics-9']);
const youthSections = (r: MetricsResult) =>
  (
    [
      'reach',
      'dosage',
      'dosageBands',
      'retention',
      'scales',
      'items',
      'prePost',
      'prePostByDosage',
      'matchReport',
    ] as const
  ).flatMap((s) =>
    (r[s] as { group: Record<string, { code: string }>; suppressed: boolean }[]).map((row) => ({ s, row })),
  );

describe('suppression at the contract boundary (a group of 9)', () => {
  const temp = useTempDir();

  it('never returns a figure about the 9 through dispatch, whatever the split or filter', async () => {
    const { session, dispatch } = realCore(temp());
    buildSyntheticProject(session.project.db, { youthPerCohort: 120, weeks: 12 });
    addGroupOfNine(session.project.db);

    let tinyRows = 0;
    for (const by of [
      ['program'],
      ['site'],
      ['attribute:club'],
      ['program', 'cohort'],
      ['cohort', 'attribute:club'],
      ['partner'],
    ]) {
      const res = await dispatch('metrics.compute', { by });
      expect(res.ok, JSON.stringify(res)).toBe(true);
      if (!res.ok) continue;
      const result = MetricsResult.parse(res.value);
      expect(result.threshold).toBe(10);
      for (const { s, row } of youthSections(result)) {
        const isTiny = Object.values(row.group).some((g) => TINY_CODES.has(g.code));
        if (!isTiny) continue;
        tinyRows += 1;
        expect(row.suppressed, `${s} ${JSON.stringify(row.group)}`).toBe(true);
        expect(numbersIn(row), `${s} ${JSON.stringify(row.group)}`).toEqual([]);
      }
      // Complementary suppression: the 9 cannot be had back from the overall total minus the others.
      if (by.length === 1 && by[0] === 'program') {
        expect(result.reach.filter((r) => r.suppressed).length).toBeGreaterThanOrEqual(2);
      }
    }
    expect(tinyRows).toBeGreaterThan(20);

    // Filtered to the 9 alone: every youth figure of every section is suppressed.
    for (const filters of [
      { programs: ['TINY'] },
      { sites: ['TINYSITE'] },
      { attributes: { club: ['robotics-9'] } },
    ]) {
      const res = await dispatch('metrics.compute', { filters, sections: [...METRIC_SECTIONS] });
      expect(res.ok).toBe(true);
      if (!res.ok) continue;
      const result = MetricsResult.parse(res.value);
      for (const { s, row } of youthSections(result)) {
        expect(row.suppressed, `${s} with ${JSON.stringify(filters)}`).toBe(true);
        expect(numbersIn(row)).toEqual([]);
      }
      for (const r of result.reliability) expect(r.alpha === null || (r.nComplete ?? 0) >= 10).toBe(true);
      expect(JSON.stringify(result)).not.toMatch(/"(n|youthServed|nMatched|nPre|nPost|matched|count)":9\b/);
    }
    session.close();
  });

  it('keeps them out of the CLI CSV export too', async () => {
    const dir = temp();
    const { session } = realCore(dir);
    buildSyntheticProject(session.project.db, { youthPerCohort: 120, weeks: 12 });
    addGroupOfNine(session.project.db);
    const path = session.project.path;
    session.close();
    const out: string[] = [];
    const code = await runCli(
      ['metrics', '--project', path, '--by', 'program', '--csv'],
      { out: (t) => out.push(t), err: () => {} },
      '0',
    );
    expect(code).toBe(0);
    const lines = out.join('').split('\r\n').filter(Boolean);
    const header = lines[0]!.split(',');
    const tiny = lines.filter((l) => l.includes('program=TINY'));
    expect(tiny.length).toBeGreaterThan(10);
    const nCol = header.indexOf('n');
    for (const l of tiny) {
      expect(l).toContain('n < 10');
      // Simple split is enough: no TINY row has a quoted comma before the n column.
      expect(l.split(',')[nCol]).toBe('');
    }
  });
});
