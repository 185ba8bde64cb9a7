import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Mapping } from '../../../src/shared/import-mapping';
import type { Project } from '../../../src/main/db/open-project';
import {
  confirmMatch,
  issuesCsv,
  listImports,
  matchReport,
  undoImport,
} from '../../../src/main/import/history';
import { previewImport } from '../../../src/main/import/preview';
import { runImport } from '../../../src/main/import/run/run-import';
import { saveTemplate } from '../../../src/main/import/templates';
import { useTempDir } from '../../helpers/temp';
import { useTempProject } from '../../helpers/temp-project';

const HEADER = 'ResponseId,student_id,Q1,Q2,Q3,Q4';
const QUESTIONS = ['I like science', 'I am good at math', 'Science is boring to me', 'I want a STEM job'];

function surveyCsv(rows: string[][]): string {
  return [HEADER, ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

describe('the import pipeline', () => {
  const temp = useTempDir();
  const project = useTempProject();
  const write = (name: string, text: string) => {
    const path = join(temp(), name);
    writeFileSync(path, text);
    return path;
  };
  const one = (p: Project, sql: string, ...a: unknown[]) =>
    p.db
      .prepare(sql)
      .pluck()
      .get(...a);

  async function proposed(p: Project, path: string, opts: { cohort?: string; wave?: 'pre' | 'post' } = {}) {
    const preview = await previewImport(p.db, path, {
      cohort: opts.cohort ?? '2024-25',
      wave: opts.wave ?? 'pre',
    });
    return { preview, mapping: structuredClone(preview.mapping) };
  }

  const pre = [
    ['R_1', 'S001', 'Agree', 'Strongly agree', 'Disagree', 'Agree'],
    ['R_2', 'S002', 'Strongly disagree', "Don't know", 'Agree', 'Prefer not to say'],
    ['R_3', 's-003', 'Neither agree nor disagree', 'Agree', '', 'Strongly agree'],
    ['R_4', 'S004', 'Agree', 'Agree', 'Agree', 'Agree'],
  ];

  it('proposes roles, one Likert codebook with typed missing answers, and marks negatively worded items reverse-coded', async () => {
    const p = project();
    const path = write(
      'pre.csv',
      surveyCsv(pre).replace(HEADER, `ResponseId,student_id,${QUESTIONS.join(',')}`),
    );
    const { preview } = await proposed(p, path);
    expect(preview.mapping.kind).toBe('survey');
    expect(preview.mapping.fields).toMatchObject({
      response_id: 'ResponseId',
      participant_key: 'student_id',
    });
    const roles = Object.fromEntries(preview.columns.map((c) => [c.label, c.role]));
    expect(roles).toMatchObject({
      ResponseId: 'response_id',
      student_id: 'participant_id',
      'I like science': 'item',
    });
    const scales = preview.mapping.survey!.scales;
    expect(scales).toHaveLength(1);
    expect(scales[0]).toMatchObject({ min: 1, max: 5 });
    expect(scales[0]!.options).toEqual(
      expect.arrayContaining([
        { label: 'Strongly disagree', value: 1 },
        { label: 'Strongly agree', value: 5 },
        { label: "Don't know", missing: 'dont_know' },
        { label: 'Prefer not to say', missing: 'prefer_not_to_say' },
      ]),
    );
    const reverse = preview.mapping.survey!.items.filter((i) => i.reverse).map((i) => i.text);
    expect(reverse).toEqual(['Science is boring to me']);
    expect(preview.issues.map((i) => i.code)).toContain('reverse_suggested');
  });

  it('codes answers: values as given, missing answers typed (never a number), blank cells skipped', async () => {
    const p = project();
    const path = write('pre.csv', surveyCsv(pre));
    const { mapping } = await proposed(p, path);
    const report = await runImport(p.db, path, { mapping, policy: 'refuse' });
    expect(report).toMatchObject({
      status: 'imported',
      rowsRead: 4,
      rowsImported: 4,
      counts: { responses: 16 },
    });
    const rows = p.db
      .prepare(
        `SELECT i.code, r.value, r.missing_reason AS missing, r.raw_text AS raw FROM responses r JOIN items i ON i.id = r.item_id
         WHERE r.platform_response_id = ? ORDER BY i.position`,
      )
      .all('R_2');
    expect(rows).toEqual([
      { code: 'Q1', value: 1, missing: null, raw: 'Strongly disagree' },
      { code: 'Q2', value: null, missing: 'dont_know', raw: "Don't know" },
      { code: 'Q3', value: 4, missing: null, raw: 'Agree' },
      { code: 'Q4', value: null, missing: 'prefer_not_to_say', raw: 'Prefer not to say' },
    ]);
    expect(
      one(p, `SELECT missing_reason FROM responses WHERE platform_response_id = 'R_3' AND raw_text IS NULL`),
    ).toBe('skipped');
    // IDs keep their typed form; s-003 is a participant like any other.
    expect(one(p, "SELECT count(*) FROM participants WHERE key IN ('S001', 's-003')")).toBe(2);
  });

  it('refuses a file with an unknown answer (row, column, code), or imports the valid rows and lists the skipped one', async () => {
    const p = project();
    const bad = [...pre, ['R_5', 'S005', 'Agree', 'Sometimes maybe', 'Agree', 'Agree']];
    const path = write('pre.csv', surveyCsv(bad));
    const { mapping } = await proposed(p, write('sample.csv', surveyCsv(pre)));
    const refused = await runImport(p.db, path, { mapping, policy: 'refuse' });
    expect(refused).toMatchObject({
      status: 'refused',
      importId: null,
      rowsRead: 5,
      rowsImported: 0,
      rowsSkipped: 1,
    });
    expect(refused.issues).toContainEqual(
      expect.objectContaining({
        code: 'unknown_answer',
        row: 6,
        column: 4,
        columnName: 'Q2',
        value: 'Sometimes maybe',
      }),
    );
    expect(one(p, 'SELECT count(*) FROM imports')).toBe(0);
    expect(one(p, 'SELECT count(*) FROM responses')).toBe(0);

    const skipped = await runImport(p.db, path, { mapping, policy: 'skip_invalid' });
    expect(skipped).toMatchObject({ status: 'imported', rowsImported: 4, rowsSkipped: 1 });
    expect(one(p, 'SELECT count(DISTINCT platform_response_id) FROM responses')).toBe(4);
    const csv = issuesCsv(p.db, skipped.importId!);
    expect(csv.rows).toBe(1);
    expect(csv.csv).toContain('6,4,Q2,error,unknown_answer,yes');
    expect(listImports(p.db)[0]).toMatchObject({ rowsSkipped: 1, issueCount: 1 });
  });

  it('a dry run reports what would be imported and leaves the project unchanged', async () => {
    const p = project();
    const path = write('pre.csv', surveyCsv(pre));
    const { mapping } = await proposed(p, path);
    const report = await runImport(p.db, path, { mapping, policy: 'refuse', dryRun: true });
    expect(report).toMatchObject({ status: 'dry_run', rowsImported: 4, counts: { responses: 16 } });
    expect(one(p, 'SELECT count(*) FROM imports')).toBe(0);
    expect(one(p, 'SELECT count(*) FROM participants')).toBe(0);
  });

  it('re-importing the same bytes adds nothing; a newer export adds only its new responses', async () => {
    const p = project();
    const path = write('pre.csv', surveyCsv(pre));
    const { mapping } = await proposed(p, path);
    const first = await runImport(p.db, path, { mapping, policy: 'refuse' });
    const again = await runImport(p.db, path, { mapping, policy: 'refuse' });
    expect(again).toMatchObject({
      status: 'already_imported',
      previousImportId: first.importId,
      rowsImported: 0,
    });
    expect((await previewImport(p.db, path, {})).alreadyImported).toMatchObject({ importId: first.importId });

    const newer = write(
      'pre (2).csv',
      surveyCsv([...pre, ['R_9', 'S009', 'Agree', 'Agree', 'Agree', 'Agree']]),
    );
    const second = await runImport(p.db, newer, { mapping, policy: 'refuse' });
    expect(second).toMatchObject({ status: 'imported', rowsRead: 5, rowsImported: 1, rowsAlreadyPresent: 4 });
    expect(one(p, 'SELECT count(*) FROM responses')).toBe(20);
    expect(one(p, 'SELECT count(*) FROM responses WHERE import_id = ?', second.importId)).toBe(4);
  });

  it('a person answering the same wave twice is a duplicate, even across imports (new response id, same student)', async () => {
    const p = project();
    const { mapping } = await proposed(p, write('a.csv', surveyCsv(pre)));
    await runImport(p.db, write('a.csv', surveyCsv(pre)), { mapping, policy: 'refuse' });
    const report = await runImport(
      p.db,
      write('b.csv', surveyCsv([['R_77', ' s001 ', 'Agree', 'Agree', 'Agree', 'Agree']])),
      {
        mapping,
        policy: 'refuse',
      },
    );
    expect(report.status).toBe('refused');
    expect(report.issues[0]).toMatchObject({
      code: 'duplicate_respondent',
      row: 2,
      columnName: 'student_id',
      value: ' s001 ',
    });
  });

  it('undo removes exactly the rows of an import; entities it created stay', async () => {
    const p = project();
    const path = write('pre.csv', surveyCsv(pre));
    const { mapping } = await proposed(p, path);
    const r = await runImport(p.db, path, { mapping, policy: 'refuse' });
    const undone = undoImport(p.db, r.importId!);
    expect(undone.removedRows).toBeGreaterThanOrEqual(16 + 1);
    expect(one(p, 'SELECT count(*) FROM responses')).toBe(0);
    expect(one(p, 'SELECT count(*) FROM imports')).toBe(0);
    expect(one(p, 'SELECT count(*) FROM participants')).toBe(4);
    expect(() => undoImport(p.db, r.importId!)).toThrow(/no import/);
    // Undone, the same file imports again.
    expect((await runImport(p.db, path, { mapping, policy: 'refuse' })).status).toBe('imported');
  });

  it('undo is refused while a later import uses the rows (sessions with attendance), and nothing changes', async () => {
    const p = project();
    const sessions = write(
      'sessions.csv',
      'session_id,date,program,minutes_offered,cohort\nS1,2024-09-03,Club,90,2024-25\nS2,2024-09-10,Club,90,2024-25\n',
    );
    const sm: Mapping = { ...(await proposed(p, sessions)).mapping, createMissing: true };
    expect(sm.kind).toBe('sessions');
    const s = await runImport(p.db, sessions, { mapping: sm, policy: 'refuse' });
    expect(s).toMatchObject({ status: 'imported', rowsImported: 2 });
    const att = write('attendance.csv', 'youth_id,session_id,minutes\nY1,S1,90\nY2,S1,45\nY1,S2,\n');
    const am = (await proposed(p, att)).mapping;
    expect(am.kind).toBe('attendance');
    const a = await runImport(p.db, att, { mapping: am, policy: 'refuse' });
    expect(a).toMatchObject({
      status: 'imported',
      rowsImported: 3,
      counts: { attendance: 3, participants: 2 },
    });
    expect(() => undoImport(p.db, s.importId!)).toThrow(/undo the later import first/);
    expect(one(p, 'SELECT count(*) FROM sessions')).toBe(2);
    undoImport(p.db, a.importId!);
    undoImport(p.db, s.importId!);
    expect(one(p, 'SELECT count(*) FROM sessions')).toBe(0);
  });

  it('attendance: a youth twice at one session is a duplicate row; absent rows carry no minutes', async () => {
    const p = project();
    const att = write(
      'att.csv',
      'youth_id,date,program,minutes,present\nY1,9/3/2024,Club,90,yes\nY1,9/3/2024,Club,90,yes\nY2,9/3/2024,Club,,no\n',
    );
    const m = (await proposed(p, att)).mapping;
    m.cohort = '2024-25';
    m.fields.is_present = 'present';
    const refused = await runImport(p.db, att, { mapping: m, policy: 'refuse' });
    expect(refused.status).toBe('refused');
    expect(refused.issues).toContainEqual(expect.objectContaining({ code: 'duplicate_row', row: 3 }));
    const ok = await runImport(p.db, att, { mapping: m, policy: 'skip_invalid' });
    expect(ok).toMatchObject({ status: 'imported', rowsImported: 2, rowsSkipped: 1 });
    expect(
      p.db.prepare('SELECT is_present, minutes_attended FROM attendance ORDER BY source_row').all(),
    ).toEqual([
      { is_present: 1, minutes_attended: 90 },
      { is_present: 0, minutes_attended: null },
    ]);
    expect(one(p, 'SELECT session_date FROM sessions')).toBe('2024-09-03');
  });

  it('a saved template is offered for the next wave, and a changed export is flagged', async () => {
    const p = project();
    const path = write('pre.csv', surveyCsv(pre));
    const { preview, mapping } = await proposed(p, path);
    mapping.survey!.instrument.code = 'youth_stem';
    saveTemplate(
      p.db,
      'Youth survey',
      mapping,
      preview.columns.map((c) => c.key),
    );
    const post = write('post.csv', surveyCsv(pre).replace(HEADER, 'ResponseId,student_id,Q1,Q2,Q3,Q5'));
    const next = await previewImport(p.db, post, { template: 'youth survey', wave: 'post' });
    expect(next.templateUsed).toBe('Youth survey');
    expect(next.mapping.survey!.instrument.code).toBe('youth_stem');
    expect(next.mapping.wave).toBe('post');
    expect(next.issues).toContainEqual(
      expect.objectContaining({ code: 'columns_changed', message: expect.stringContaining('Q5') }),
    );
    expect(next.templates).toEqual([{ name: 'Youth survey', kind: 'survey', fits: true }]);
    await expect(runImport(p.db, post, { mapping: next.mapping, policy: 'refuse' })).rejects.toMatchObject({
      code: 'import_failed',
      message: expect.stringContaining('column "Q4" is not in the file'),
    });
  });

  it('the match report pairs pre and post by normalised ID, never by row order, and lists near-misses', async () => {
    const p = project();
    const { mapping } = await proposed(p, write('pre.csv', surveyCsv(pre)));
    await runImport(p.db, write('pre.csv', surveyCsv(pre)), { mapping, policy: 'refuse' });
    const post = [
      ['P_1', 'S004', 'Agree', 'Agree', 'Agree', 'Agree'],
      ['P_2', ' s001', 'Agree', 'Agree', 'Agree', 'Agree'],
      ['P_3', 'S0003', 'Agree', 'Agree', 'Agree', 'Agree'],
      ['P_4', 'S012', 'Agree', 'Agree', 'Agree', 'Agree'],
    ];
    await runImport(p.db, write('post.csv', surveyCsv(post)), {
      mapping: { ...mapping, wave: 'post' },
      policy: 'refuse',
    });
    const [report] = matchReport(p.db, { preWave: 'pre', postWave: 'post' });
    expect(report).toMatchObject({ cohort: '2024-25', preCount: 4, postCount: 4, matched: 3 });
    expect(report!.onlyPre).toEqual(['S002']);
    expect(report!.onlyPost).toEqual(['S012']);
    expect(report!.nearMisses).toEqual([{ preKey: 'S002', postKey: 'S012', reason: 'one_character' }]);
    // The user confirms the near-miss: S012's post answers become S002's, and the pair matches.
    const instrument = report!.instrument;
    expect(
      confirmMatch(p.db, {
        instrument,
        cohort: '2024-25',
        preKey: 'S002',
        postKey: 'S012',
        postWave: 'post',
      }),
    ).toEqual({
      movedResponses: 4,
    });
    const [after] = matchReport(p.db, { preWave: 'pre', postWave: 'post' });
    expect(after).toMatchObject({ matched: 4, onlyPre: [], onlyPost: [], nearMisses: [] });
    expect(() =>
      confirmMatch(p.db, {
        instrument,
        cohort: '2024-25',
        preKey: 'S004',
        postKey: 'S001',
        postWave: 'post',
      }),
    ).toThrow(/already answered the post wave/);
  });
});
