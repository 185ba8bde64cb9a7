import { describe, expect, it } from 'vitest';
import { instrumentQueries } from '../../../src/main/db/queries/instruments';
import { seedSmallPartnership } from '../../helpers/model-seed';
import { useTempProject } from '../../helpers/temp-project';

describe('instruments, response scales, constructs, items, item versions', () => {
  const project = useTempProject();

  it('maps labels to values or to a typed missing reason, matching labels without case', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = instrumentQueries(db);
    expect(q.getResponseScale('agree5')).toEqual({
      id: s.agree,
      code: 'agree5',
      name: 'Agreement',
      minValue: 1,
      maxValue: 5,
    });
    expect(q.listScaleOptions(s.agree).map((o) => [o.label, o.value, o.missingReason])).toEqual([
      ['Strongly disagree', 1, null],
      ['Disagree', 2, null],
      ['Neither agree nor disagree', 3, null],
      ['Agree', 4, null],
      ['Strongly agree', 5, null],
      ['Prefer not to say', null, 'prefer_not_to_say'],
    ]);
    expect(q.findScaleOption(s.agree, 'strongly AGREE')?.value).toBe(5);
    expect(q.findScaleOption(s.agree, 'Maybe')).toBeUndefined();
  });

  it.each([
    ['both a value and a missing reason', 9, 'dont_know'],
    ['neither', null, null],
    ['an unknown missing reason', null, 'refused'],
  ])('refuses an option with %s', (_, value, reason) => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const insert = db.prepare(
      'INSERT INTO scale_options (response_scale_id, label, value, missing_reason, position) VALUES (?, ?, ?, ?, ?)',
    );
    expect(() => insert.run(s.agree, 'Other', value, reason, 9)).toThrow(/CHECK/);
  });

  it('keeps items with their construct, reverse flag and per-cohort wording', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = instrumentQueries(db);
    expect(q.getInstrument('youth')).toEqual({
      id: s.instrument,
      code: 'youth',
      name: 'Youth survey',
      version: '1',
      respondentKind: 'youth',
    });
    expect(q.listConstructs(s.instrument)).toEqual([
      { id: s.interest, instrumentId: s.instrument, code: 'interest', name: 'STEM interest', minItems: 2 },
    ]);
    expect(q.listItems(s.instrument).map((i) => [i.code, i.isReverseCoded])).toEqual([
      ['A1', false],
      ['A2', false],
      ['A3', true],
    ]);
    const a3 = q.getItem(s.instrument, 'A3');
    expect(a3?.constructId).toBe(s.interest);
    // The wording changed in 2022-23's survey, and its column moved; the item stays the same.
    const itemId = s.items[0] as number;
    q.insertItemVersion({
      itemId,
      cohortId: s.cohorts.c22,
      text: 'Old wording',
      platformId: 'QID7_1',
      platformColumn: 'Q2_1',
      isComparable: false,
    });
    expect(q.listItemVersions(itemId).map((v) => [v.cohortId, v.platformId, v.isComparable])).toEqual([
      [s.cohorts.c22, 'QID7_1', false],
      [s.cohorts.c23, 'QID1_1', true],
    ]);
    expect(q.findItemByPlatformId(s.instrument, s.cohorts.c22, 'QID7_1')?.code).toBe('A1');
    expect(q.findItemByPlatformId(s.instrument, s.cohorts.c23, 'QID1_3')).toMatchObject({
      code: 'A3',
      isReverseCoded: true,
    });
    expect(q.findItemByPlatformId(s.instrument, s.cohorts.c23, 'QID7_1')).toBeUndefined();
  });
});
