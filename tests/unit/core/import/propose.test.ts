import { describe, expect, it } from 'vitest';
import type { Column, ColumnFormat } from '../../../../src/core/csv';
import {
  eventWave,
  guessFromFileName,
  guessKind,
  suggestsReverse,
  proposeMapping,
  slug,
  type ColumnSample,
} from '../../../../src/core/import/propose';
import { checkMappingFields } from '../../../../src/core/import/fields';

const col = (
  index: number,
  label: string,
  platformRole: Column['platformRole'] = 'item',
  extra: Partial<Column> = {},
): Column => ({
  index,
  key: label,
  label,
  question: label,
  platformRole,
  ...extra,
});

function sample(column: Column, values: string[], format: ColumnFormat = { kind: 'text' }): ColumnSample {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return { column, format, values: [...counts].map(([value, count]) => ({ value, count })), blankCount: 0 };
}

describe('negatively worded items', () => {
  it.each([
    'I give up when a technology task gets hard',
    'I feel like an outsider in STEM activities',
    'Science and technology are boring to me',
    'I have no idea what STEM workers do all day',
    'Partners have unrealistic expectations of each other',
  ])('"%s" is suggested as reverse-coded', (text) => {
    expect(suggestsReverse(text)).toBe(true);
  });
  it.each([
    'I can learn to use new technology',
    'I feel like I belong in STEM activities',
    // the scale's anchors in parentheses are not the statement's wording
    'Overall, how satisfied are you with the partnership? (1 = not at all, 5 = very satisfied)',
  ])('"%s" is not', (text) => expect(suggestsReverse(text)).toBe(false));
});

describe('guessKind', () => {
  it.each([
    [['youth_id', 'date', 'program', 'minutes'], 'attendance'],
    // an attendance log that repeats each session's fields is still a row per youth and session
    [['youth_id', 'session_date', 'program', 'minutes_offered', 'minutes_attended'], 'attendance'],
    [['session_id', 'date', 'program', 'minutes_offered'], 'sessions'],
    [['youth_id', 'grade', 'gender', 'school', 'program'], 'roster'],
    [['partner_id', 'name', 'type', 'town'], 'partners'],
    [['mentor_id', 'name', 'organization'], 'mentors'],
    [['partner', 'date', 'kind', 'amount', 'unit'], 'contributions'],
    [['metric', 'target', 'direction'], 'goals'],
    [['partner_id', 'role', 'commitment', 'from', 'to'], 'commitments'],
    [['student_id', 'Q1', 'Q2', 'Q3'], 'survey'],
    [['How do you feel about science?', 'Grade'], 'survey'],
  ] as const)('%j is a %s file', (labels, kind) => {
    expect(
      guessKind(
        'plain',
        labels.map((l, i) => col(i, l)),
      ),
    ).toBe(kind);
  });
  it('any survey platform means a survey', () => {
    expect(guessKind('qualtrics', [col(0, 'youth_id')])).toBe('survey');
  });
});

describe('guessFromFileName', () => {
  it.each([
    ['youth-survey-pre-2024-25.csv', 'pre', '2024-25', 'youth_survey'],
    ['Youth Survey POST 2023_24.csv', 'post', '2023-24', 'youth_survey'],
    ['Partner survey 2024 (Responses) - Form Responses 1.csv', undefined, undefined, 'partner_survey'],
    ['retrospective 2022-23.csv', 'retrospective_pre', '2022-23', 'survey'],
    ['baseline.csv', 'pre', undefined, 'survey'],
  ])('%s -> wave %s, cohort %s, instrument %s', (name, wave, cohort, instrument) => {
    const g = guessFromFileName(name);
    expect(g.wave).toBe(wave);
    expect(g.cohort).toBe(cohort);
    expect(g.instrument).toBe(instrument);
  });
});

it.each([
  ['enrollment_arm_1', 'pre'],
  ['baseline_arm_1', 'pre'],
  ['final_visit_arm_1', 'post'],
  ['visit_2_arm_1', 'follow_up'],
] as const)('REDCap event %s is the %s wave', (event, wave) => {
  expect(eventWave(event)).toBe(wave);
});

it.each([
  ['Cañon City Library', 'canon_city_library'],
  ["I don't like math!", 'i_don_t_like_math'],
  ['   ', 'x'],
])('slug(%j) = %j', (text, code) => expect(slug(text)).toBe(code));

describe('proposeMapping for surveys', () => {
  const agree = ['Strongly disagree', 'Disagree', 'Agree', 'Strongly agree', 'Neither agree nor disagree'];
  const proposal = proposeMapping({
    kind: 'survey',
    platform: 'plain',
    fileName: 'club-post-2024-25.csv',
    samples: [
      sample(col(0, 'ResponseId', 'item'), ['R1', 'R2', 'R3']),
      sample(col(1, 'student_id', 'participant_id'), ['S1', 'S2', 'S3']),
      sample(col(2, 'I enjoy coding'), [...agree, 'N/A']),
      sample(col(3, 'Math is not for me'), [...agree, "Don't know"]),
      sample(col(4, 'Confidence 1-5'), ['1', '3', '5', '-99', '4']),
      sample(col(5, 'Grade'), ['6', '7', '7', '8'], { kind: 'integer' }),
      sample(col(6, 'Favourite part'), ['The robots were great', 'Meeting engineers', 'Lunch']),
      sample(col(7, 'Parent email'), ['a@x.org', 'a@x.org']),
      sample(col(8, 'Gender'), ['Female', 'Male', 'Female']),
    ],
  });
  const m = proposal.mapping;

  it('finds identity columns and the wave and cohort in the file name', () => {
    expect(m).toMatchObject({ kind: 'survey', cohort: '2024-25', wave: 'post' });
    expect(m.fields).toEqual({ response_id: 'ResponseId', participant_key: 'student_id' });
  });

  it('shares one agreement codebook across items, with typed missing labels from every column', () => {
    const agreeScale = m.survey!.scales.find((s) => s.code === 'agreement-5')!;
    expect(agreeScale).toMatchObject({ min: 1, max: 5 });
    expect(agreeScale.options).toEqual(
      expect.arrayContaining([
        { label: 'Strongly disagree', value: 1 },
        { label: 'Neither agree nor disagree', value: 3 },
        { label: 'N/A', missing: 'not_applicable' },
        { label: "Don't know", missing: 'dont_know' },
      ]),
    );
    const items = Object.fromEntries(m.survey!.items.map((i) => [i.column, i]));
    expect(items['I enjoy coding']).toMatchObject({ scale: 'agreement-5', reverse: false });
    expect(items['Math is not for me']).toMatchObject({
      scale: 'agreement-5',
      reverse: true,
      reverseSuggested: true,
    });
  });

  it('a small numeric scale keeps -99 as a missing code, never a value', () => {
    const item = m.survey!.items.find((i) => i.column === 'Confidence 1-5')!;
    const scale = m.survey!.scales.find((s) => s.code === item.scale)!;
    expect(scale).toMatchObject({ min: 1, max: 5, missingCodes: [-99] });
  });

  it('few-valued answers become attributes; free text and contact details are left out', () => {
    expect(m.survey!.attributes.map((a) => a.name).sort()).toEqual(['gender']);
    const roles = Object.fromEntries(proposal.columns.map((c) => [c.key, c.role]));
    expect(roles).toMatchObject({
      'Favourite part': 'ignore',
      'Parent email': 'ignore',
      Gender: 'attribute',
    });
    expect(proposal.columns.find((c) => c.key === 'Grade')!.role).toBe('item');
  });
});

describe('checkMappingFields', () => {
  it.each([
    ['attendance', { participant_key: 'id' }, ['one of session_external_id, session_date needs a column']],
    [
      'partners',
      { partner_key: 'id', name: 'n' },
      [
        'the partner_type field (school, out_of_school_provider, higher_education, business, government, nonprofit, funder) has no column',
      ],
    ],
    ['roster', { participant_key: 'id', 'attribute:grade': 'g' }, []],
    [
      'goals',
      { metric_key: 'm', target_value: 't', colour: 'c' },
      ['"colour" is not a field of a goals file'],
    ],
  ] as const)('%s %j', (kind, fields, problems) => {
    expect(checkMappingFields(kind, fields, {})).toEqual(problems);
  });
});
