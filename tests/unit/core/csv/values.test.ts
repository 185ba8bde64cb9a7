import { describe, expect, it } from 'vitest';
import {
  detectColumnFormats,
  detectDateFormat,
  detectNumberFormat,
  parseDateValue,
  parseNumberValue,
} from '../../../../src/core/csv';

describe('detectDateFormat', () => {
  it.each([
    ['ISO date', ['2017-07-18', '2017-12-01'], { order: 'ymd', separator: '-', hasTime: false }, false],
    ['ISO with time', ['2017-07-18 08:28:09'], { order: 'ymd', hasTime: true, hasSeconds: true }, false],
    ['ISO T and Z', ['2017-07-18T08:28:09Z'], { order: 'ymd', hasTime: true }, false],
    [
      'M/D/Y Google Forms',
      ['1/15/2025 21:53:05', '2/3/2025 9:01:00'],
      { order: 'mdy', hasSeconds: true, hasAmPm: false },
      false,
    ],
    [
      'SurveyMonkey AM/PM',
      ['11/23/2016 10:03:12 AM', '11/23/2016 1:15:00 PM'],
      { order: 'mdy', hasAmPm: true },
      false,
    ],
    ['D/M/Y', ['23/11/2016', '01/02/2016'], { order: 'dmy', separator: '/' }, false],
    [
      'D.M.Y',
      ['23.11.2016 14:05', '01.02.2016 08:00'],
      { order: 'dmy', separator: '.', hasTime: true, hasSeconds: false },
      false,
    ],
    ['ambiguous slashes', ['01/02/2016', '03/04/2016'], { order: 'mdy' }, true],
    ['ambiguous dots', ['01.02.2016'], { order: 'dmy' }, true],
    ['two-digit year', ['3/4/26'], { order: 'mdy' }, true],
  ])('%s', (_name, values, format, ambiguous) => {
    const result = detectDateFormat(values);
    expect(result?.format).toMatchObject(format);
    expect(result?.ambiguous).toBe(ambiguous);
  });

  it.each([
    ['text', ['yesterday']],
    ['conflicting orders', ['13/01/2020', '01/13/2020']],
    ['impossible date', ['2020-02-30']],
    ['blank only', ['', ' ']],
  ])('refuses %s', (_name, values) => {
    expect(detectDateFormat(values)).toBeUndefined();
  });
});

describe('parseDateValue', () => {
  it.each([
    ['2017-07-18 08:28:09', 'ymd', '2017-07-18T08:28:09'],
    ['1/15/2025 21:53:05', 'mdy', '2025-01-15T21:53:05'],
    ['11/23/2016 12:03:12 AM', 'mdy', '2016-11-23T00:03:12'],
    ['11/23/2016 12:03 PM', 'mdy', '2016-11-23T12:03:00'],
    ['11/23/2016 1:03:00 p.m.', 'mdy', '2016-11-23T13:03:00'],
    ['03/04/2016', 'dmy', '2016-04-03'],
    ['03/04/2016', 'mdy', '2016-03-04'],
    ['23.11.2016', 'dmy', '2016-11-23'],
    ['23.11.2016', 'mdy', undefined],
    ['13:00 nonsense', 'ymd', undefined],
  ] as const)('%s as %s', (value, order, expected) => {
    expect(parseDateValue(value, { order })).toBe(expected);
  });
});

describe('numbers', () => {
  it.each([
    [['1', '2', '-3'], { kind: 'integer' }],
    [['1.5', '2', '-0.25'], { kind: 'number', decimalSeparator: '.' }],
    [['3,5', '4,25', '1.234,5'], { kind: 'number', decimalSeparator: ',' }],
    [['1,234'], { kind: 'number' }],
    [['1,5', '2.5'], undefined],
    [['12 apples'], undefined],
  ])('%j', (values, expected) => {
    expect(detectNumberFormat(values)).toEqual(expected);
  });

  it.each([
    ['3,5', ',', 3.5],
    ['1.234,5', ',', 1234.5],
    ['1,234.5', '.', 1234.5],
    ['-0.25', '.', -0.25],
    ['3,5', '.', undefined],
    ['', '.', undefined],
  ] as const)('parses %s with %s', (value, separator, expected) => {
    expect(parseNumberValue(value, separator)).toBe(expected);
  });

  it('describes columns', () => {
    const rows = [
      ['1', '3,5', '2026-01-02', 'hi', ''],
      ['2', '4,0', '2026-01-03', 'there', ''],
    ];
    expect(detectColumnFormats(rows, 5).map((f) => f.kind)).toEqual([
      'integer',
      'number',
      'date',
      'text',
      'empty',
    ]);
  });
});
