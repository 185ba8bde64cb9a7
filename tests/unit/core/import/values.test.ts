import { describe, expect, it } from 'vitest';
import {
  createAnswerCoder,
  createValueMapper,
  parseBooleanCell,
  parseDateCell,
  parseNumberCell,
  parseTimestampCell,
  splitList,
} from '../../../../src/core/import/values';
import type { ScaleSpec } from '../../../../src/shared/import-mapping';

it.each([
  ['2024-09-03', 'mdy', '2024-09-03'],
  ['9/3/2024', 'mdy', '2024-09-03'],
  ['3.9.2024', 'dmy', '2024-09-03'],
  ['9/3/2024', 'dmy', '2024-03-09'],
  ['9/3/2024', undefined, '2024-09-03'],
  ['2/30/2024', 'mdy', undefined],
  ['soon', 'mdy', undefined],
] as const)('parseDateCell(%j, %s) = %s', (value, order, iso) => {
  expect(parseDateCell(value, order)).toBe(iso);
});

it.each([
  ['5/2/2024 10:42:18', 'mdy', '2024-05-02T10:42:18'],
  ['5/2/2024 1:05 PM', 'mdy', '2024-05-02T13:05:00'],
  ['2024-09-06 12:40:54', 'mdy', '2024-09-06T12:40:54'],
] as const)('parseTimestampCell(%j) = %s', (value, order, iso) => {
  expect(parseTimestampCell(value, order)).toBe(iso);
});

it.each([
  ['42', '.', 42],
  ['3.5', '.', 3.5],
  ['3,5', ',', 3.5],
  ['1.234,5', ',', 1234.5],
  ['12 apples', '.', undefined],
] as const)('parseNumberCell(%j, %s) = %s', (value, sep, n) => {
  expect(parseNumberCell(value, sep)).toBe(n);
});

it.each([
  ['Yes', true],
  ['x', true],
  ['absent', false],
  ['', false],
  ['maybe', undefined],
] as const)('parseBooleanCell(%j) = %s', (v, b) => expect(parseBooleanCell(v)).toBe(b));

it('value maps ignore case and spacing and accept the target value itself', () => {
  const map = createValueMapper({ 'Out-of-school provider': 'out_of_school_provider', School: 'school' });
  expect(map('  out-of-school   PROVIDER ')).toBe('out_of_school_provider');
  expect(map('school')).toBe('school');
  expect(map('Museum')).toBeUndefined();
});

it('splitList', () => {
  expect(splitList('M01; M02;;M03 ', '; ')).toEqual(['M01', 'M02', 'M03']);
  expect(splitList('', ';')).toEqual([]);
});

describe('createAnswerCoder', () => {
  const scale: ScaleSpec = {
    code: 'agree5',
    name: 'Agreement',
    min: 1,
    max: 5,
    options: [
      { label: 'Strongly disagree', value: 1 },
      { label: 'Disagree', value: 2 },
      { label: 'Agree', value: 4 },
      { label: 'Strongly agree', value: 5 },
      { label: 'Prefer not to say', missing: 'prefer_not_to_say' },
    ],
    missingCodes: [-99],
    blank: 'skipped',
  };
  const code = createAnswerCoder(scale);
  it.each([
    ['Agree', { value: 4, missing: null }],
    ['  strongly AGREE ', { value: 5, missing: null }],
    ['Prefer not to say', { value: null, missing: 'prefer_not_to_say' }],
    ['Don\u2019t know', { value: null, missing: 'dont_know' }],
    ['N/A', { value: null, missing: 'not_applicable' }],
    ['', { value: null, missing: 'skipped' }],
    ['-99', { value: null, missing: 'missing_code' }],
    ['4', { value: 4, missing: null }],
    ['3', { value: null, missing: null, unmatched: true }],
    ['Sometimes', { value: null, missing: null, unmatched: true }],
  ])('%j -> %j', (raw, coded) => expect(code(raw)).toEqual(coded));

  it('a numeric scale takes numbers in range only', () => {
    const numeric = createAnswerCoder({ ...scale, options: [], min: 0, max: 10 });
    expect(numeric('7')).toEqual({ value: 7, missing: null });
    expect(numeric('11')).toEqual({ value: null, missing: null, unmatched: true });
    expect(numeric('-99')).toEqual({ value: null, missing: 'missing_code' });
  });
});
