import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/core/export/csv';
import { Mapping } from '../../../src/shared/import-mapping';
import type { Project } from '../../../src/main/db/open-project';
import { confirmMatch, matchReport } from '../../../src/main/import/history';
import { previewImport } from '../../../src/main/import/preview';
import { runImport } from '../../../src/main/import/run/run-import';
import { saveTemplate } from '../../../src/main/import/templates';
import { useTempDir } from '../../helpers/temp';
import { useTempProject } from '../../helpers/temp-project';

const LIKERT = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

function surveyMapping(over: { instrument?: string; cohort?: string; wave?: 'pre' | 'post' } = {}) {
  return Mapping.parse({
    kind: 'survey',
    cohort: over.cohort ?? '2024-25',
    wave: over.wave ?? 'pre',
    createMissing: true,
    fields: { response_id: 'ResponseId', participant_key: 'student_id' },
    survey: {
      instrument: {
        code: over.instrument ?? 'youth_stem',
        name: 'Youth STEM survey',
        respondentKind: 'youth',
      },
      scales: [
        {
          code: 'agree5',
          name: 'Agreement',
          min: 1,
          max: 5,
          options: LIKERT.map((label, i) => ({ label, value: i + 1 })),
        },
      ],
      items: [
        { column: 'Q1', code: 'Q1', scale: 'agree5' },
        { column: 'Q2', code: 'Q2', scale: 'agree5' },
      ],
      attributes: [{ column: 'comment', name: 'comment' }],
    },
  });
}

describe('import: files written by Trellis, near-miss matches, changed exports', () => {
  const temp = useTempDir();
  const project = useTempProject();
  const write = (name: string, text: string) => {
    const path = join(temp(), name);
    writeFileSync(path, text);
    return path;
  };
  const all = (p: Project, sql: string, ...a: unknown[]) =>
    p.db
      .prepare(sql)
      .pluck()
      .all(...a);

  it('a survey and an attendance log saved by Trellis’s CSV export read back as the original text, apostrophes gone', async () => {
    const p = project();
    const comments = ['=HYPERLINK("http://example.invalid","x")', '-2+3', '@SUM(A1:A2)', "'tis fine", '+1'];
    // Trellis's own export puts an apostrophe before each formula trigger.
    const survey = toCsv(
      ['ResponseId', 'student_id', 'Q1', 'Q2', 'comment'],
      comments.map((c, i) => [`R_${i + 1}`, `S00${i + 1}`, 'Agree', 'Strongly agree', c]),
    );
    expect(survey).toContain(`"'=HYPERLINK(""http://example.invalid"",""x"")"`);
    expect(survey).toContain("'-2+3");
    const report = await runImport(p.db, write('survey.csv', survey), {
      mapping: surveyMapping(),
      policy: 'refuse',
    });
    expect(report).toMatchObject({ status: 'imported', rowsImported: 5 });
    expect(
      all(p, "SELECT value FROM participant_attributes WHERE name = 'comment' ORDER BY source_row"),
    ).toEqual(comments);

    const sites = ['-North- campus', '@Home', '=Library'];
    const attendance = toCsv(
      ['youth_id', 'date', 'program', 'site', 'minutes'],
      sites.map((site, i) => [`Y${i + 1}`, '9/3/2024', '+Maker Club', site, 60]),
    );
    expect(attendance).toContain("'+Maker Club");
    const a = await runImport(p.db, write('attendance.csv', attendance), {
      mapping: Mapping.parse({
        kind: 'attendance',
        cohort: '2024-25',
        createMissing: true,
        settings: { dateOrder: 'mdy' },
        fields: {
          participant_key: 'youth_id',
          session_date: 'date',
          program: 'program',
          site: 'site',
          minutes_attended: 'minutes',
        },
      }),
      policy: 'refuse',
    });
    expect(a).toMatchObject({ status: 'imported', rowsImported: 3 });
    expect(all(p, 'SELECT name FROM programs')).toEqual(['+Maker Club']);
    expect(all(p, 'SELECT name FROM sites ORDER BY id')).toEqual(sites);
    expect(all(p, 'SELECT minutes_attended FROM attendance')).toEqual([60, 60, 60]);
  });

  it('confirming a near-miss moves only that instrument’s post answers in that cohort', async () => {
    const p = project();
    const file = (name: string, rows: string[][]) =>
      write(name, toCsv(['ResponseId', 'student_id', 'Q1', 'Q2', 'comment'], rows));
    const answers = ['Agree', 'Disagree', ''];
    // S002 answered pre; the post file has the typo S012. S012 also answered a pre wave, another
    // instrument's post wave and the next cohort's post wave: none of those may move.
    await runImport(p.db, file('pre.csv', [['R_1', 'S002', ...answers]]), {
      mapping: surveyMapping(),
      policy: 'refuse',
    });
    await runImport(p.db, file('pre-012.csv', [['R_2', 'S012', ...answers]]), {
      mapping: surveyMapping({ cohort: '2023-24' }),
      policy: 'refuse',
    });
    await runImport(p.db, file('post.csv', [['R_3', 'S012', ...answers]]), {
      mapping: surveyMapping({ wave: 'post' }),
      policy: 'refuse',
    });
    await runImport(p.db, file('other.csv', [['R_4', 'S012', ...answers]]), {
      mapping: surveyMapping({ wave: 'post', instrument: 'mentor_check_in' }),
      policy: 'refuse',
    });
    await runImport(p.db, file('next-year.csv', [['R_5', 'S012', ...answers]]), {
      mapping: surveyMapping({ wave: 'post', cohort: '2025-26' }),
      policy: 'refuse',
    });
    const whose = () =>
      p.db
        .prepare(
          `SELECT r.platform_response_id AS response, pt.key AS student, count(*) AS answers FROM responses r
           JOIN respondents rs ON rs.id = r.respondent_id JOIN participants pt ON pt.id = rs.participant_id
           GROUP BY r.platform_response_id, pt.key ORDER BY r.platform_response_id`,
        )
        .all();
    const before = whose();
    expect(before).toEqual([
      { response: 'R_1', student: 'S002', answers: 2 },
      { response: 'R_2', student: 'S012', answers: 2 },
      { response: 'R_3', student: 'S012', answers: 2 },
      { response: 'R_4', student: 'S012', answers: 2 },
      { response: 'R_5', student: 'S012', answers: 2 },
    ]);
    const [report] = matchReport(p.db, {
      instrument: 'youth_stem',
      cohort: '2024-25',
      preWave: 'pre',
      postWave: 'post',
    });
    expect(report!.nearMisses).toEqual([{ preKey: 'S002', postKey: 'S012', reason: 'one_character' }]);
    const confirm = { instrument: 'youth_stem', cohort: '2024-25', preKey: 'S002', postKey: 'S012' };
    expect(confirmMatch(p.db, { ...confirm, postWave: 'post' })).toEqual({ movedResponses: 2 });
    const after = whose();
    expect(after).toEqual([
      { response: 'R_1', student: 'S002', answers: 2 },
      { response: 'R_2', student: 'S012', answers: 2 },
      { response: 'R_3', student: 'S002', answers: 2 },
      { response: 'R_4', student: 'S012', answers: 2 },
      { response: 'R_5', student: 'S012', answers: 2 },
    ]);
    // Nothing left to move: said so, and nothing changes.
    expect(() => confirmMatch(p.db, { ...confirm, preKey: 'S004', postWave: 'post' })).toThrow();
    expect(() =>
      confirmMatch(p.db, { ...confirm, cohort: '2023-24', preKey: 'S002', postWave: 'post' }),
    ).toThrow(/S012 has no post answers to youth_stem in cohort 2023-24/);
    expect(whose()).toEqual(after);
  });

  it('a later export of a survey already imported is compared with that import’s columns, template or not', async () => {
    const p = project();
    const header = (...cols: string[]) => `ResponseId,student_id,${cols.join(',')}\n`;
    const rows = 'R_1,S001,Agree,Agree,Agree,Agree\nR_2,S002,Disagree,Agree,Agree,Agree\n';
    const first = write('pre.csv', header('Q1', 'Q2', 'Q3', 'Q4') + rows);
    const proposed = await previewImport(p.db, first, { cohort: '2024-25', wave: 'pre' });
    expect(proposed.issues.map((i) => i.code)).not.toContain('columns_changed');
    const mapping = structuredClone(proposed.mapping);
    mapping.survey!.instrument.code = 'youth_stem';
    // The template was saved for an older shape (Q1-Q3); the import that followed had Q1-Q4.
    saveTemplate(p.db, 'Youth survey', mapping, ['ResponseId', 'student_id', 'Q1', 'Q2', 'Q3']);
    const imported = await runImport(p.db, first, { mapping, policy: 'refuse' });
    expect(imported.status).toBe('imported');

    // The same columns as the last import: no warning, although the template's differ.
    const same = write('post.csv', header('Q1', 'Q2', 'Q3', 'Q4') + rows.replaceAll('R_', 'P_'));
    const withTemplate = await previewImport(p.db, same, { template: 'Youth survey', wave: 'post' });
    expect(withTemplate.issues.map((i) => i.code)).not.toContain('columns_changed');

    // Q4 renamed Q5: flagged against the last import, with or without the template.
    const changed = write('post-2.csv', header('Q1', 'Q2', 'Q3', 'Q5') + rows.replaceAll('R_', 'Z_'));
    for (const options of [
      { template: 'Youth survey', wave: 'post' as const },
      { cohort: '2024-25', wave: 'post' as const },
    ]) {
      const preview = await previewImport(p.db, changed, options);
      const issue = preview.issues.find((i) => i.code === 'columns_changed');
      expect(issue?.message).toContain(
        `the last import of this survey (pre.csv, import ${imported.importId})`,
      );
      expect(issue?.message).toContain('1 new (Q5), 1 gone (Q4)');
    }
  });
});
