import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Mapping } from '../../../src/shared/import-mapping';
import { previewImport } from '../../../src/main/import/preview';
import { runImport } from '../../../src/main/import/run/run-import';
import type { Project } from '../../../src/main/db/open-project';
import { useTempProject } from '../../helpers/temp-project';

const DIR = join(import.meta.dirname, '../../fixtures/real-exports');

/** Preview a real export, optionally edit the proposed mapping as a user would, and import it. */
async function importFixture(
  project: Project,
  name: string,
  options: { edit?: (m: Mapping) => void; policy?: 'refuse' | 'skip_invalid' } = {},
) {
  const path = join(DIR, name);
  const preview = await previewImport(project.db, path, { cohort: '2024-25', wave: 'post' });
  const mapping = structuredClone(preview.mapping);
  options.edit?.(mapping);
  const report = await runImport(project.db, path, { mapping, policy: options.policy ?? 'refuse' });
  return { preview, report, mapping };
}

const one = (p: Project, sql: string, ...params: unknown[]) =>
  p.db
    .prepare(sql)
    .pluck()
    .get(...params);
const all = (p: Project, sql: string, ...params: unknown[]) =>
  p.db
    .prepare(sql)
    .pluck()
    .all(...params);
const attribute = (name: string) => (m: Mapping) => m.survey!.attributes.push({ column: name, name });

describe('every real export in tests/fixtures/real-exports imports through the pipeline, or is refused with a reason', () => {
  const project = useTempProject();

  it('Qualtrics, current format: 3 header rows, items keyed on ImportId, the response id kept', async () => {
    const p = project();
    const { preview, report } = await importFixture(p, 'qualtrics-qualtRics/sample.csv');
    expect(preview.settings).toMatchObject({ platform: 'qualtrics', encoding: 'utf-8', headerRowCount: 3 });
    expect(preview.headerRows[1]).toContain('Nachname des Empfängers');
    expect(report).toMatchObject({ status: 'imported', rowsRead: 1, rowsImported: 1, format: 'qualtrics' });
    expect(one(p, 'SELECT platform_id FROM item_versions')).toBe('QID1');
    expect(p.db.prepare('SELECT value, raw_text, platform_response_id FROM responses').get()).toEqual({
      value: 2,
      raw_text: '2',
      platform_response_id: 'R_2YPOQ602ER1jkf1',
    });
  });

  it('Qualtrics legacy V1.. format with a BOM and a trailing empty column', async () => {
    const p = project();
    const { report } = await importFixture(p, 'qualtrics-qualtRics/sample_legacy.csv');
    expect(report).toMatchObject({ status: 'imported', format: 'qualtrics_legacy', rowsImported: 1 });
    expect(one(p, 'SELECT platform_response_id FROM responses')).toBe('R_2YPOQ602ER1jkf1');
  });

  it('SurveyMonkey StarWars: not valid UTF-8, read as Windows-1252 with the stray bytes decoded, 1186 respondents', async () => {
    const p = project();
    const { preview, report } = await importFixture(p, 'surveymonkey-fivethirtyeight/StarWars.csv');
    expect(preview.settings).toMatchObject({
      platform: 'surveymonkey',
      encoding: 'windows-1252',
      headerRowCount: 2,
    });
    expect(preview.columns.some((c) => c.question.endsWith('Expanded Universe?Œæ'))).toBe(true);
    expect(report.issues.map((i) => i.code)).toContain('encoding_fallback');
    expect(report).toMatchObject({ status: 'imported', rowsRead: 1186, rowsImported: 1186 });
    expect(one(p, 'SELECT count(DISTINCT respondent_id) FROM responses')).toBe(1186);
  });

  it('SurveyMonkey MIDWEST: checkbox columns per state, no final newline', async () => {
    const p = project();
    const { report } = await importFixture(p, 'surveymonkey-fivethirtyeight/MIDWEST.csv');
    expect(report).toMatchObject({
      status: 'imported',
      format: 'surveymonkey',
      rowsRead: 2778,
      rowsImported: 2778,
    });
    expect(all(p, "SELECT DISTINCT value FROM participant_attributes WHERE name = 'illinois'")).toEqual([
      'Illinois',
    ]);
  });

  it('Google Forms with a BOM: Timestamp M/D/Y H:M:S becomes ISO, answers kept as items and attributes', async () => {
    const p = project();
    const { preview, report } = await importFixture(p, 'forms-DS4002/Is hotdog a sandwich_ (Responses).csv');
    expect(preview.settings).toMatchObject({ platform: 'google_forms', encoding: 'utf-8' });
    expect(preview.issues.map((i) => i.code)).toContain('anonymous_responses');
    expect(report).toMatchObject({ status: 'imported', rowsRead: 207, rowsImported: 207 });
    expect(one(p, 'SELECT responded_at FROM responses ORDER BY source_row LIMIT 1')).toBe(
      '2025-08-29T18:33:41',
    );
    expect(new Set(all(p, 'SELECT value FROM participant_attributes'))).toEqual(new Set(['No', 'Yes']));
  });

  it('Google Sheets download of a Forms sheet (CRLF records, LF inside cells, curly quotes): refused, it has no scale items', async () => {
    const p = project();
    const path = 'forms-DS4002/hot_dog_survey_spring25.xlsx - Form Responses 1.csv';
    const preview = await previewImport(p.db, join(DIR, path), { cohort: '2024-25', wave: 'post' });
    expect(preview.settings.platform).toBe('google_forms');
    expect(preview.columns.flatMap((c) => c.distinctValues).some((v) => v.includes('\u2019'))).toBe(true);
    expect(preview.columns.flatMap((c) => c.distinctValues).some((v) => v.includes('\n'))).toBe(true);
    await expect(
      runImport(p.db, join(DIR, path), { mapping: preview.mapping, policy: 'refuse' }),
    ).rejects.toMatchObject({
      code: 'import_failed',
      message: expect.stringContaining('no column is mapped to a survey item'),
    });
    expect(one(p, 'SELECT count(*) FROM imports')).toBe(0);
  });

  it('REDCap simple project: multiline cells, record_id as the participant, names never proposed as attributes', async () => {
    const p = project();
    const { preview, report } = await importFixture(p, 'redcap-REDCapR/simple-data.csv');
    expect(preview.mapping.fields.participant_key).toBe('record_id');
    const attrs = preview.mapping.survey!.attributes.map((a) => a.name);
    expect(attrs).toContain('sex');
    expect(attrs.filter((a) => /name|address|email|telephone|dob/.test(a))).toEqual([]);
    expect(report).toMatchObject({ status: 'imported', format: 'redcap', rowsRead: 5, rowsImported: 5 });
    expect(all(p, 'SELECT key FROM participants ORDER BY id')).toEqual(['1', '2', '3', '4', '5']);
  });

  it('REDCap longitudinal: events map to waves; two events of one record on the same wave are refused as duplicates', async () => {
    const p = project();
    const { preview, report } = await importFixture(p, 'redcap-REDCapR/longitudinal-data.csv');
    expect(preview.mapping.fields.wave).toBe('redcap_event_name');
    expect(preview.mapping.valueMaps.wave).toMatchObject({
      enrollment_arm_1: 'pre',
      final_visit_arm_1: 'post',
    });
    expect(report.status).toBe('refused');
    const dup = report.issues.find((i) => i.code === 'duplicate_respondent');
    expect(dup).toMatchObject({ row: expect.any(Number), columnName: 'study_id' });
    expect(one(p, 'SELECT count(*) FROM responses')).toBe(0);
  });

  it.each([
    ['csvkit/test_utf16_little.csv', 'utf-16le', 'c', '\u02a4'],
    ['csvkit/test_latin1.csv', 'windows-1252', 'c', '©'],
    ['csvkit/test_utf8_bom.csv', 'utf-8', 'baz', '\u02a4'],
    ['csvkit/mac_newlines.csv', 'utf-8', 'a', 'Once upon\ra time'],
  ])('%s (%s): the non-ASCII or multi-line value arrives intact', async (name, encoding, column, value) => {
    const p = project();
    const { preview, report } = await importFixture(p, name, {
      edit: (m) => {
        m.survey!.items = m.survey!.items.filter((i) => i.column !== column);
        attribute(column)(m);
      },
    });
    expect(preview.settings.encoding).toBe(encoding);
    expect(preview.columns[0]!.key).not.toContain('\uFEFF');
    expect(report).toMatchObject({ status: 'imported', rowsRead: 2, rowsImported: 2 });
    expect(all(p, 'SELECT value FROM participant_attributes WHERE name = ?', column)).toContain(value);
  });
});
