import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable, sniffFile } from '../../../src/main/import/read';
import type { Platform, PlatformRole, TextEncoding } from '../../../src/core/csv';

const DIR = join(import.meta.dirname, '../../fixtures/real-exports');
const file = (name: string): string => join(DIR, name);

interface Expectation {
  name: string;
  platform: Platform;
  encoding: TextEncoding;
  headerRows: number;
  dataRows: number;
  columns: number;
  /** [data row index, column index, exact value] */
  values: [number, number, string][];
  /** [column index, key, role] */
  roles?: [number, string, PlatformRole][];
  headerValues?: [number, number, string][];
  issueCodes?: string[];
}

async function readAll(path: string) {
  const rows: string[][] = [];
  const numbers: number[] = [];
  const result = await readTable(path, undefined, (batch, progress) => {
    rows.push(...batch);
    numbers.push(...progress.rowNumbers);
  });
  return { rows, numbers, result };
}

const CASES: Expectation[] = [
  {
    name: 'qualtrics-qualtRics/sample.csv',
    platform: 'qualtrics',
    encoding: 'utf-8',
    headerRows: 3,
    dataRows: 1,
    columns: 20,
    values: [
      [0, 8, 'R_2YPOQ602ER1jkf1'],
      [0, 17, '2'],
      [0, 18, 'Hello World!'],
    ],
    headerValues: [[1, 9, 'Nachname des Empfängers']],
    roles: [
      [8, '_recordId', 'response_id'],
      [2, 'status', 'status'],
      [17, 'QID1', 'item'],
      [18, 'QID2_TEXT', 'text'],
      [12, 'externalDataReference', 'participant_id'],
    ],
  },
  {
    name: 'qualtrics-qualtRics/sample_legacy.csv',
    platform: 'qualtrics_legacy',
    encoding: 'utf-8',
    headerRows: 2,
    dataRows: 1,
    columns: 16,
    values: [
      [0, 0, 'R_2YPOQ602ER1jkf1'],
      [0, 11, 'Hello World!'],
      [0, 15, ''],
    ],
    headerValues: [[0, 0, 'V1']], // the BOM is gone
    roles: [
      [0, 'V1', 'response_id'],
      [6, 'V7', 'status'],
      [10, 'Q1', 'item'],
      [15, 'column_16', 'empty'],
    ],
  },
  {
    name: 'surveymonkey-fivethirtyeight/StarWars.csv',
    platform: 'surveymonkey',
    encoding: 'windows-1252',
    headerRows: 2,
    dataRows: 1186,
    columns: 38,
    values: [
      [0, 0, '3292879998'],
      [0, 3, 'Star Wars: Episode I  The Phantom Menace'],
      [1185, 37, 'Pacific'],
    ],
    headerValues: [[0, 31, 'Do you consider yourself to be a fan of the Expanded Universe?Œæ']],
    roles: [
      [0, 'RespondentID', 'response_id'],
      [
        3,
        'Which of the following Star Wars films have you seen? Please select all that apply. [Star Wars: Episode I The Phantom Menace]',
        'checkbox_option',
      ],
      [
        9,
        'Please rank the Star Wars films in order of preference with 1 being your favorite film in the franchise and 6 being your least favorite film. [Star Wars: Episode I The Phantom Menace]',
        'item',
      ],
    ],
    issueCodes: ['encoding_fallback'],
  },
  {
    name: 'surveymonkey-fivethirtyeight/MIDWEST.csv',
    platform: 'surveymonkey',
    encoding: 'utf-8',
    headerRows: 2,
    dataRows: 2778,
    columns: 53,
    values: [
      [0, 0, '3126807211'],
      [0, 1, 'Southern'],
      [0, 36, '$50,000 - $99,999'],
    ],
    roles: [
      [1, 'In your own words, what would you call the part of the country you live in now?', 'text'],
      [
        6,
        'Which of the following states do you consider part of the Midwest? Please select all that apply. [Illinois]',
        'checkbox_option',
      ],
    ],
  },
  {
    name: 'forms-DS4002/hot_dog_survey_spring25.xlsx - Form Responses 1.csv',
    platform: 'google_forms',
    encoding: 'utf-8',
    headerRows: 1,
    dataRows: 64,
    columns: 9,
    values: [
      [0, 0, '1/15/2025 21:53:05'],
      [0, 2, 'The content inside isn’t covered u can see the sausage '],
    ],
    roles: [
      [0, 'Timestamp', 'timestamp'],
      [2, 'What is the rationale behind your opinion?', 'text'],
    ],
  },
  {
    name: 'forms-DS4002/Is hotdog a sandwich_ (Responses).csv',
    platform: 'google_forms',
    encoding: 'utf-8',
    headerRows: 1,
    dataRows: 207,
    columns: 3,
    values: [
      [0, 0, '8/29/2025 18:33:41'],
      [0, 2, 'No'],
    ],
    headerValues: [[0, 0, 'Timestamp']],
  },
  {
    name: 'redcap-REDCapR/longitudinal-data.csv',
    platform: 'redcap',
    encoding: 'utf-8',
    headerRows: 1,
    dataRows: 18,
    columns: 125,
    values: [
      [0, 0, '100'],
      [0, 1, 'enrollment_arm_1'],
    ],
    roles: [
      [0, 'study_id', 'participant_id'],
      [1, 'redcap_event_name', 'event'],
      [15, 'gym___0', 'checkbox_option'],
      [45, 'demographics_complete', 'status'],
    ],
  },
  {
    name: 'redcap-REDCapR/simple-data.csv',
    platform: 'redcap',
    encoding: 'utf-8',
    headerRows: 1,
    dataRows: 5,
    columns: 24,
    values: [
      [0, 3, '14 Rose Cottage St.\nKenning UK, 323232'],
      [
        3,
        13,
        "This record doesn't have a DAG assigned\n\nSo call up Trudy on the telephone\nSend her a letter in the mail",
      ],
      [4, 23, '2'],
    ],
    roles: [
      [0, 'record_id', 'participant_id'],
      [16, 'race___1', 'checkbox_option'],
    ],
  },
  {
    name: 'csvkit/test_utf16_little.csv',
    platform: 'plain',
    encoding: 'utf-16le',
    headerRows: 1,
    dataRows: 2,
    columns: 3,
    values: [[1, 2, '\u02A4']],
    headerValues: [[0, 0, 'a']],
  },
  {
    name: 'csvkit/test_latin1.csv',
    platform: 'plain',
    encoding: 'windows-1252',
    headerRows: 1,
    dataRows: 2,
    columns: 3,
    values: [[1, 2, '©']],
    issueCodes: ['encoding_fallback'],
  },
  {
    name: 'csvkit/test_utf8_bom.csv',
    platform: 'plain',
    encoding: 'utf-8',
    headerRows: 1,
    dataRows: 2,
    columns: 3,
    values: [[1, 2, '\u02A4']],
    headerValues: [[0, 0, 'foo']],
  },
  {
    name: 'csvkit/mac_newlines.csv',
    platform: 'plain',
    encoding: 'utf-8',
    headerRows: 1,
    dataRows: 2,
    columns: 3,
    values: [[1, 0, 'Once upon\ra time']],
  },
];

describe('every real export', () => {
  it('has a case here (or is a papaparse JSON case)', () => {
    const files = readdirSync(DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.csv'));
    expect(files.sort()).toEqual(CASES.map((c) => c.name).sort());
  });

  it.each(CASES)('$name is sniffed and read', async (c) => {
    const sniff = await sniffFile(file(c.name));
    expect(sniff.ok).toBe(true);
    if (!sniff.ok) return;
    expect(sniff.settings.platform).toBe(c.platform);
    expect(sniff.settings.encoding).toBe(c.encoding);
    expect(sniff.settings.headerRowCount).toBe(c.headerRows);
    expect(sniff.columns).toHaveLength(c.columns);
    for (const [index, key, role] of c.roles ?? []) {
      expect(sniff.columns[index]).toMatchObject({ index, key, platformRole: role });
    }

    const { rows, result } = await readAll(file(c.name));
    expect(result.ok).toBe(true);
    expect(result.rowCount).toBe(c.dataRows);
    expect(rows).toHaveLength(c.dataRows);
    expect(result.headerRows).toHaveLength(c.headerRows);
    for (const row of rows) expect(row).toHaveLength(c.columns);
    for (const [r, col, value] of c.values) expect(rows[r]?.[col]).toBe(value);
    for (const [r, col, value] of c.headerValues ?? []) expect(result.headerRows[r]?.[col]).toBe(value);
    const codes = result.issues.map((i) => i.code);
    expect(codes.filter((code) => code !== 'date_order_ambiguous').sort()).toEqual(
      (c.issueCodes ?? []).sort(),
    );
    // Never a silent replacement character.
    expect(rows.flat().some((cell) => cell.includes('\uFFFD'))).toBe(false);
  });

  it('the first preview rows match the streamed rows', async () => {
    const sniff = await sniffFile(file('surveymonkey-fivethirtyeight/StarWars.csv'));
    const { rows } = await readAll(file('surveymonkey-fivethirtyeight/StarWars.csv'));
    expect(sniff.ok && sniff.previewRows).toEqual(rows.slice(0, 20));
  });

  it('counts Google Forms CRLF records with bare-LF line breaks inside cells', async () => {
    const sniff = await sniffFile(file('forms-DS4002/hot_dog_survey_spring25.xlsx - Form Responses 1.csv'));
    expect(sniff.ok && sniff.dialect).toMatchObject({ lineEnding: 'crlf', hasQuotedLineBreaks: true });
    expect(sniff.ok && sniff.dialect.lineEndingCounts.quoted.lf).toBe(4);
    const { rows } = await readAll(file('forms-DS4002/hot_dog_survey_spring25.xlsx - Form Responses 1.csv'));
    const multiline = rows.flat().filter((cell) => cell.includes('\n'));
    expect(multiline).toHaveLength(3);
    expect(multiline.every((cell) => !cell.includes('\r'))).toBe(true);
  });

  it('numbers REDCap records, not lines, across multiline cells', async () => {
    const { numbers } = await readAll(file('redcap-REDCapR/simple-data.csv'));
    expect(numbers).toEqual([2, 3, 4, 5, 6]);
  });

  it('reads the mac CR-only file with its quoted CR', async () => {
    const sniff = await sniffFile(file('csvkit/mac_newlines.csv'));
    expect(sniff.ok && sniff.dialect.lineEnding).toBe('cr');
  });

  it('detects ISO dates in Qualtrics and M/D/Y in Google Forms', async () => {
    const q = await sniffFile(file('qualtrics-qualtRics/sample.csv'));
    expect(q.ok && q.columnFormats[0]).toMatchObject({
      kind: 'date',
      dateFormat: { order: 'ymd', hasTime: true },
    });
    const g = await sniffFile(file('forms-DS4002/hot_dog_survey_spring25.xlsx - Form Responses 1.csv'));
    expect(g.ok && g.columnFormats[0]).toMatchObject({
      kind: 'date',
      dateFormat: { order: 'mdy', hasSeconds: true },
    });
    expect(g.ok && g.dateOrderAmbiguous).toBe(false);
  });

  it('keeps the fixture bytes untouched (UTF-16 starts with its BOM)', () => {
    const bytes = readFileSync(file('csvkit/test_utf16_little.csv'));
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
  });
});
