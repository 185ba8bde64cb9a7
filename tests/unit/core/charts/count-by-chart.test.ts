import { describe, expect, it } from 'vitest';
import { buildCountByChart } from '../../../../src/core/charts/count-by-chart';
import { renderSvg } from '../../../helpers/render-vega';

describe('buildCountByChart', () => {
  const groups = [
    { value: 'After-school club', count: 34, suppressed: false },
    { value: 'Summer camp', count: 21, suppressed: false },
    { value: 'Cañon pilot', count: null, suppressed: true, reason: 'n < 10' },
  ];

  it('compiles and renders without warnings, labelling the suppressed group instead of showing its count', async () => {
    const { svg, warnings } = await renderSvg(
      buildCountByChart({ column: 'program', groups, threshold: 10 }),
    );
    expect(warnings).toEqual([]);
    expect(svg).toContain('After-school club');
    expect(svg).toContain('Cañon pilot');
    expect(svg).toContain('suppressed (n &lt; 10)');
    expect(svg).toContain('>34<');
    expect(svg).toContain('n = 55 rows in the groups shown');
  });

  it('the warning collector does catch a bad spec (so "no warnings" means something)', async () => {
    // Deliberately invalid (a shape channel on a bar), so the type system must be told to let it through.
    const invalid = {
      data: { values: [{ a: 1 }] },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'a', type: 'quantitative' } },
    } as unknown as Parameters<typeof renderSvg>[0];
    const { warnings } = await renderSvg(invalid);
    expect(warnings.length).toBeGreaterThan(0);
  });

  it('carries the counts in its data, with no number for a suppressed group', () => {
    const spec = buildCountByChart({ column: 'program', groups, threshold: 10 });
    const values = (spec.data as { values: { value: string; count: number | null }[] }).values;
    expect(values.map((v) => v.count)).toEqual([34, 21, null]);
  });

  it('says how many values it leaves out', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      value: `v${i}`,
      count: 100 - i,
      suppressed: false,
    }));
    const { svg } = await renderSvg(buildCountByChart({ column: 'school', groups: many, threshold: 10 }));
    expect(svg).toContain('5 more values not shown');
  });
});
