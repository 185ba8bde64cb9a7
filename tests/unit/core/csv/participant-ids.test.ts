import { describe, expect, it } from 'vitest';
import { matchWaves, normaliseParticipantId } from '../../../../src/core/csv';

describe('normaliseParticipantId', () => {
  it.each([
    [' S-007 ', {}, 's7'],
    ['AB 12_3', {}, 'ab123'],
    ['007', {}, '7'],
    ['0', {}, '0'],
    ['1007', {}, '1007'],
    [' S-007 ', { stripLeadingZeros: false }, 's007'],
    [' S-007 ', { caseFold: false }, 'S7'],
    [' S-007 ', { stripSeparators: false }, 's-7'],
    [' S-007 ', { trim: false, stripSeparators: false }, ' s-7 '],
    ['ＳＴＵ１', {}, 'stu1'], // full-width forms fold to ASCII
  ])('%j with %j -> %j', (input, options, expected) => {
    expect(normaliseParticipantId(input, options)).toBe(expected);
  });
});

describe('matchWaves', () => {
  it('pairs by ID, never by row order, and reports who was lost', () => {
    const pre = ['S001', 'S002', 's-003', 'S004', 'S004', 'S010', '', 'S200'];
    const post = ['S003', 'S001', 'S005', 'S006', 'S002', 'S002', ' ', 'S201'];
    const result = matchWaves(pre, post);
    expect(result.matched).toEqual([
      { key: 's1', preIndex: 0, postIndex: 1 },
      { key: 's3', preIndex: 2, postIndex: 0 },
    ]);
    expect(result.onlyPre).toEqual([
      { key: 's10', index: 5 },
      { key: 's200', index: 7 },
    ]);
    expect(result.onlyPost).toEqual([
      { key: 's5', index: 2 },
      { key: 's6', index: 3 },
      { key: 's201', index: 7 },
    ]);
    expect(result.duplicatesPre).toEqual([{ key: 's4', indices: [3, 4] }]);
    expect(result.duplicatesPost).toEqual([{ key: 's2', indices: [4, 5] }]);
    expect(result.blankPre).toEqual([6]);
    expect(result.blankPost).toEqual([6]);
    // s10 -> s5 is two edits; s200 -> s201 is one.
    expect(result.nearMisses).toEqual([
      { preKey: 's200', postKey: 's201', preIndex: 7, postIndex: 7, distance: 1, reason: 'one_character' },
    ]);
  });

  it('puts a left-off prefix ("0042" for "Y0042") before a one-character difference in a numbered series', () => {
    // Stored keys, compared exactly (as the match report does after import).
    const exact = { trim: false, caseFold: false, stripSeparators: false, stripLeadingZeros: false };
    const m = matchWaves(['Y0500', 'Y0042', 'y0310'], ['Y0550', '0042', '0310'], exact);
    expect(m.nearMisses.map((n) => [n.preKey, n.postKey, n.reason])).toEqual([
      ['Y0042', '0042', 'prefix'],
      ['y0310', '0310', 'prefix'],
      ['Y0500', 'Y0550', 'one_character'],
    ]);
  });

  it('respects normalisation options', () => {
    const strict = matchWaves(['S001'], ['s1'], { caseFold: false, stripLeadingZeros: false });
    expect(strict.matched).toEqual([]);
    expect(strict.nearMisses).toEqual([]);
    expect(matchWaves(['S001'], ['s1']).matched).toHaveLength(1);
  });
});
