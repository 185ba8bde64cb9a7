import { describe, expect, it } from 'vitest';
import type { ProjectDimensions } from '../../../src/shared/metrics';
import { neighbourFilters } from '../../../src/renderer/src/components/use-metrics';

const opt = (code: string) => ({ code, label: code });
const dims = {
  cohorts: ['2022-23', '2023-24', '2024-25'].map(opt),
  programs: ['CAMP', 'CLUB', 'TECH'].map(opt),
  sites: ['S1', 'S2'].map(opt),
  partners: ['P1', 'P2'].map(opt),
  partnerTypes: ['funder', 'school'].map(opt),
  attributes: [
    { name: 'gender', values: ['F', 'M'] },
    { name: 'grade', values: ['6', '7'] },
  ],
} as unknown as ProjectDimensions;

describe('the filter sets computed ahead', () => {
  it('cover every kind of filter early, the first value the filter bar offers of each', () => {
    const first = neighbourFilters({}, dims).slice(0, 7);
    expect(first).toEqual([
      { cohorts: ['2022-23'] },
      { programs: ['CAMP'] },
      { sites: ['S1'] },
      { partnerTypes: ['funder'] },
      { partners: ['P1'] },
      { attributes: { gender: ['F'] } },
      { cohorts: ['2023-24'] },
    ]);
  });

  it('from a selection: clearing it and removing each value come first, then one more value', () => {
    const n = neighbourFilters({ cohorts: ['2023-24'], attributes: { gender: ['F'] } }, dims);
    expect(n.slice(0, 3)).toEqual([{}, { attributes: { gender: ['F'] } }, { cohorts: ['2023-24'] }]);
    expect(n[3]).toEqual({ cohorts: ['2022-23', '2023-24'], attributes: { gender: ['F'] } });
    expect(n).toContainEqual({ cohorts: ['2023-24'], attributes: { gender: ['F', 'M'] } });
    // Never the filters already on screen.
    expect(n).not.toContainEqual({ cohorts: ['2023-24'], attributes: { gender: ['F'] } });
  });
});
