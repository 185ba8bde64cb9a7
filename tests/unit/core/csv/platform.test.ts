import { describe, expect, it } from 'vitest';
import {
  applyRowDrops,
  detectPlatform,
  inferMultiSelectOptions,
  parseRows,
  splitMultiSelect,
  type PlatformDetection,
} from '../../../../src/core/csv';

const rowsOf = (text: string): string[][] => parseRows(text, { delimiter: ',', lineEnding: 'auto' }).rows;
const pick = (d: PlatformDetection) =>
  d.columns.map((c) => [c.key, c.platformRole, c.question, c.subLabel ?? null]);

describe('Qualtrics', () => {
  const current = [
    'StartDate,Status,ResponseId,ExternalReference,Q1_1,Q1_2,Q2,Q2_4_TEXT,Score',
    'Start Date,Response Type,Response ID,External Data Reference,How much do you agree? - I like science,How much do you agree? - I like math,Grade - Selected Choice,Grade - Other - Text,Score',
    '"{""ImportId"":""startDate"",""timeZone"":""America/Denver""}","{""ImportId"":""status""}","{""ImportId"":""_recordId""}","{""ImportId"":""externalDataReference""}","{""ImportId"":""QID1_1""}","{""ImportId"":""QID1_2""}","{""ImportId"":""QID2""}","{""ImportId"":""QID2_4_TEXT""}","{""ImportId"":""SC_0""}"',
    '2026-01-01 10:00:00,0,R_1,S001,Agree,Disagree,6,,3',
    '2026-01-01 10:05:00,1,R_2,S002,Agree,Agree,7,,2',
    '2026-01-01 10:06:00,4,R_3,S003,Agree,Agree,7,,2',
    '2026-01-01 10:07:00,Survey Test,R_4,S004,Agree,Agree,7,,2',
    '2026-01-01 10:08:00,Weird,R_5,S005,Agree,Agree,7,,2',
  ].join('\n');

  it('keys columns on ImportId and splits matrix rows', () => {
    const d = detectPlatform(rowsOf(current));
    expect(d.platform).toBe('qualtrics');
    expect(d.headerRowCount).toBe(3);
    expect(pick(d)).toEqual([
      ['startDate', 'timestamp', 'Start Date', null],
      ['status', 'status', 'Response Type', null],
      ['_recordId', 'response_id', 'Response ID', null],
      ['externalDataReference', 'participant_id', 'External Data Reference', null],
      ['QID1_1', 'item', 'How much do you agree?', 'I like science'],
      ['QID1_2', 'item', 'How much do you agree?', 'I like math'],
      ['QID2', 'item', 'Grade', 'Selected Choice'],
      ['QID2_4_TEXT', 'text', 'Grade - Other', 'Text'],
      ['SC_0', 'metadata', 'Score', null],
    ]);
  });

  it('reads the 2016 single-quoted dict variant', () => {
    const text =
      "ResponseID,Q1\nResponse ID,Question one\n{'ImportId': '_recordId'},{'ImportId': 'QID1'}\nR_1,3\n";
    const d = detectPlatform(rowsOf(text));
    expect(d.platform).toBe('qualtrics');
    expect(d.columns.map((c) => c.key)).toEqual(['_recordId', 'QID1']);
  });

  it('drops previews, tests and spam by default; keeps 0, 4 and unknown values (reported)', () => {
    const d = detectPlatform(rowsOf(current));
    const data = rowsOf(current).slice(3);
    const result = applyRowDrops(d.dropRules, data, 4);
    expect(result.kept.map((r) => r[2])).toEqual(['R_1', 'R_3', 'R_5']);
    expect(result.dropped).toEqual([
      { row: 5, reason: 'qualtrics_status', value: '1' },
      { row: 7, reason: 'qualtrics_status', value: 'Survey Test' },
    ]);
    expect(result.issues).toMatchObject([{ code: 'qualtrics_status_unknown', row: 8, column: 1 }]);
  });

  it('recognises the legacy V1..V10 layout with its trailing comma', () => {
    const text =
      'V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,Q1,\nResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,StartDate,EndDate,Finished,Question,\nR_1,Default,Anon,,,1.2.3.4,0,2017-01-01,2017-01-01,1,2,\n';
    const d = detectPlatform(rowsOf(text));
    expect(d.platform).toBe('qualtrics_legacy');
    expect(d.columns.map((c) => c.platformRole)).toEqual([
      'response_id',
      'metadata',
      'metadata',
      'participant_id',
      'metadata',
      'metadata',
      'status',
      'timestamp',
      'timestamp',
      'metadata',
      'item',
      'empty',
    ]);
    expect(d.dropRules).toMatchObject([{ column: 6 }]);
  });
});

describe('SurveyMonkey', () => {
  it('carries question text to the right and tells option columns from matrix rows', () => {
    const text = [
      'Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,Which clubs?,,Rate these,,Comments',
      ',,,,,,,,,Robotics,Coding,Mentors,Labs,Open-Ended Response',
      '1,9,01/02/2026 10:00:00 AM,01/02/2026 10:05:00 AM,1.1.1.1,,,,,Robotics,,Agree,Disagree,great',
      '2,9,01/03/2026 10:00:00 AM,01/03/2026 10:05:00 AM,1.1.1.2,,,,,,Coding,Agree,Agree,',
    ].join('\n');
    const d = detectPlatform(rowsOf(text));
    expect(d.platform).toBe('surveymonkey');
    expect(d.headerRowCount).toBe(2);
    expect(pick(d).slice(0, 4)).toEqual([
      ['Respondent ID', 'response_id', 'Respondent ID', null],
      ['Collector ID', 'metadata', 'Collector ID', null],
      ['Start Date', 'timestamp', 'Start Date', null],
      ['End Date', 'timestamp', 'End Date', null],
    ]);
    expect(pick(d).slice(8)).toEqual([
      ['Custom Data 1', 'metadata', 'Custom Data 1', null],
      ['Which clubs? [Robotics]', 'checkbox_option', 'Which clubs?', 'Robotics'],
      ['Which clubs? [Coding]', 'checkbox_option', 'Which clubs?', 'Coding'],
      ['Rate these [Mentors]', 'item', 'Rate these', 'Mentors'],
      ['Rate these [Labs]', 'item', 'Rate these', 'Labs'],
      ['Comments', 'text', 'Comments', null],
    ]);
  });
});

describe('Google Forms', () => {
  const text = [
    'Timestamp,Email Address,Which activities? ,Rate [Mentors],Rate [Labs],Score',
    '9/8/2026 14:28:27,a@x.org,"Robotics, Coding",Agree,Disagree,3',
    '9/8/2026 14:29:00,b@x.org,Robotics,Agree,Agree,2',
    '9/9/2026 9:00:00,c@x.org,"Coding, Art, crafts",Agree,Agree,1',
    '9/9/2026 9:10:00,d@x.org,"Art, crafts",Agree,Agree,1',
    '9/9/2026 9:20:00,e@x.org,Coding,Agree,Agree,1',
  ].join('\r\n');

  it('reads grid titles and checkbox columns', () => {
    const d = detectPlatform(rowsOf(text));
    expect(d.platform).toBe('google_forms');
    expect(pick(d)).toEqual([
      ['Timestamp', 'timestamp', 'Timestamp', null],
      ['Email Address', 'participant_id', 'Email Address', null],
      ['Which activities?', 'multi_select', 'Which activities?', null],
      ['Rate [Mentors]', 'item', 'Rate', 'Mentors'],
      ['Rate [Labs]', 'item', 'Rate', 'Labs'],
      ['Score', 'metadata', 'Score', null],
    ]);
  });

  it.each([
    ['Robotics, Coding', ['Robotics', 'Coding', 'Art, crafts'], ['Robotics', 'Coding'], []],
    ['Coding, Art, crafts', ['Robotics', 'Coding', 'Art, crafts'], ['Coding', 'Art, crafts'], []],
    ['Art, crafts, Other thing', ['Art, crafts', 'Art'], ['Art, crafts'], ['Other thing']],
    ['', ['A'], [], []],
  ])('splits %j against known options', (cell, known, options, unknown) => {
    expect(splitMultiSelect(cell, known)).toEqual({ options, unknown });
  });

  it('infers options from single answers first', () => {
    expect(
      inferMultiSelectOptions(['Robotics', 'Art, crafts', 'Robotics, Art, crafts', 'Coding']).sort(),
    ).toEqual(['Art', 'Coding', 'Robotics', 'crafts'].sort());
  });
});

describe('REDCap', () => {
  it('recognises events, repeating instruments, checkboxes and completion status', () => {
    const text =
      'record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,age,clubs___1,clubs___2,survey_timestamp,survey_complete\n1,baseline_arm_1,,,12,1,0,2026-01-01 10:00,2\n1,followup_arm_1,visits,1,,0,0,,0\n';
    const d = detectPlatform(rowsOf(text));
    expect(d.platform).toBe('redcap');
    expect(pick(d)).toEqual([
      ['record_id', 'participant_id', 'record_id', null],
      ['redcap_event_name', 'event', 'redcap_event_name', null],
      ['redcap_repeat_instrument', 'repeat_instrument', 'redcap_repeat_instrument', null],
      ['redcap_repeat_instance', 'repeat_instance', 'redcap_repeat_instance', null],
      ['age', 'item', 'age', null],
      ['clubs___1', 'checkbox_option', 'clubs', '1'],
      ['clubs___2', 'checkbox_option', 'clubs', '2'],
      ['survey_timestamp', 'timestamp', 'survey_timestamp', null],
      ['survey_complete', 'status', 'survey_complete', null],
    ]);
  });

  it('needs a REDCap marker: a plain file with an id column stays plain', () => {
    const d = detectPlatform(rowsOf('student_id,score\n1,2\n'));
    expect(d.platform).toBe('plain');
    expect(d.columns[0]?.platformRole).toBe('participant_id');
  });
});

describe('plain CSV', () => {
  it('dedupes repeated headers and reports them', () => {
    const d = detectPlatform(rowsOf('q,q,\n1,2,3\n'));
    expect(d.columns.map((c) => c.key)).toEqual(['q', 'q__2', 'column_3']);
    expect(d.issues).toMatchObject([{ code: 'duplicate_header', column: 1 }]);
  });

  it('can be forced', () => {
    expect(detectPlatform(rowsOf('Timestamp,a\n1,2\n'), { platform: 'plain' }).platform).toBe('plain');
  });
});
