import { describe, expect, it } from 'vitest';
import { classifyMissing, codeValue, normaliseLabel, proposeCodebook } from '../../../../src/core/csv';

const codes = (values: string[]) =>
  Object.fromEntries(proposeCodebook(values).entries.map((e) => [e.value, e.missing ?? e.code]));

describe('proposeCodebook', () => {
  it.each([
    [
      'agreement, 5 points',
      ['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree'],
      'agreement-5',
      { 'Strongly disagree': 1, Disagree: 2, 'Neither agree nor disagree': 3, Agree: 4, 'Strongly agree': 5 },
    ],
    [
      'agreement, 7 points',
      ['Somewhat agree', 'Strongly agree', 'Somewhat disagree', 'Neutral'],
      'agreement-7',
      { 'Somewhat disagree': 3, Neutral: 4, 'Somewhat agree': 5, 'Strongly agree': 7 },
    ],
    [
      'frequency',
      ['Never', 'Rarely', 'Sometimes', 'Often', 'Always'],
      'frequency-5',
      { Never: 1, Rarely: 2, Sometimes: 3, Often: 4, Always: 5 },
    ],
    [
      'informedness',
      ['Not at all informed', 'Very informed', 'Extremely informed'],
      'informedness-5',
      { 'Not at all informed': 1, 'Very informed': 4, 'Extremely informed': 5 },
    ],
    [
      'case, spaces and curly apostrophes, typed missing',
      ['  STRONGLY   agree ', 'disagree', 'Don’t know', 'Prefer not to say', 'N/A', 'Not applicable', ''],
      'agreement-5',
      {
        '  STRONGLY   agree ': 5,
        disagree: 2,
        'Don’t know': 'dont_know',
        'Prefer not to say': 'prefer_not_to_say',
        'N/A': 'not_applicable',
        'Not applicable': 'not_applicable',
        '': 'skipped',
      },
    ],
    [
      'numbered labels',
      ['1 - Strongly disagree', '5 - Strongly agree'],
      'agreement-5',
      { '1 - Strongly disagree': 1, '5 - Strongly agree': 5 },
    ],
  ])('%s', (_name, values, scaleId, expected) => {
    expect(proposeCodebook(values).scaleId).toBe(scaleId);
    expect(codes(values)).toEqual(expected);
  });

  it('says when four agreement labels fit the 4-, 5- and 7-point scales', () => {
    const p = proposeCodebook(['Strongly disagree', 'Disagree', 'Agree', 'Strongly agree']);
    expect(p.scaleId).toBe('agreement-5');
    expect(p.alternatives).toEqual(['agreement-4', 'agreement-7']);
    expect(p.issues.map((i) => i.code)).toEqual(['likert_points_ambiguous']);
  });

  it('lists values outside the scale', () => {
    const p = proposeCodebook(['Agree', 'Strongly agree', 'Banana']);
    expect(p.unmatched).toEqual(['Banana']);
    expect(p.issues.map((i) => i.code)).toContain('likert_unmatched_value');
  });

  it.each([
    ['-99 below a 1-5 scale', ['1', '2', '5', '-99'], { '1': 1, '2': 2, '5': 5, '-99': 'missing_code' }],
    [
      '99 and 999 above it',
      ['1', '4', '99', '999'],
      { '1': 1, '4': 4, '99': 'missing_code', '999': 'missing_code' },
    ],
    ['-1 below 0-4', ['0', '4', '-1'], { '0': 0, '4': 4, '-1': 'missing_code' }],
    ['-1 inside a -3..3 scale stays a value', ['-3', '-1', '3'], { '-3': -3, '-1': -1, '3': 3 }],
    ['99 inside 0..100 stays a value', ['0', '50', '99', '100'], { '0': 0, '50': 50, '99': 99, '100': 100 }],
  ])('numeric: %s', (_name, values, expected) => {
    const p = proposeCodebook(values);
    expect(p.family).toBe('numeric');
    expect(codes(values)).toEqual(expected);
  });

  it('honours custom missing codes', () => {
    expect(codes(['1', '2', '8'])).toEqual({ '1': 1, '2': 2, '8': 8 });
    expect(
      Object.fromEntries(
        proposeCodebook(['1', '2', '8'], { missingCodes: [8] }).entries.map((e) => [
          e.value,
          e.missing ?? e.code,
        ]),
      ),
    ).toEqual({
      '1': 1,
      '2': 2,
      '8': 'missing_code',
    });
  });
});

describe('helpers', () => {
  it.each([
    ['  Don’t   Know. ', "don't know"],
    ['Neither Agree Nor Disagree', 'neither agree nor disagree'],
  ])('normaliseLabel(%j)', (input, expected) => {
    expect(normaliseLabel(input)).toBe(expected);
  });

  it.each([
    ['', 'skipped'],
    ['  ', 'skipped'],
    ['I don’t know', 'dont_know'],
    ['PREFER NOT TO ANSWER', 'prefer_not_to_say'],
    ['n/a', 'not_applicable'],
    ['Agree', undefined],
  ])('classifyMissing(%j)', (input, expected) => {
    expect(classifyMissing(input)).toBe(expected);
  });

  it('codes values with a codebook, falling back to typed missing', () => {
    const book = proposeCodebook(['Agree', 'Disagree']);
    expect(codeValue(book, 'agree ')).toEqual({ code: 4 });
    expect(codeValue(book, 'N/A')).toEqual({ missing: 'not_applicable' });
    expect(codeValue(book, 'Maybe')).toEqual({ unmatched: true });
  });
});
