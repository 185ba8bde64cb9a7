import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { buildYouthReachedChart } from '../../../src/core/charts/reach';
import { toLiveSpec } from '../../../src/renderer/src/components/live-spec';
import { emptyMetrics, reachRow } from '../core/charts/metric-rows';

const chart = (club: number, camp: number) =>
  buildYouthReachedChart(
    emptyMetrics({
      by: ['program'],
      reach: [reachRow({ program: 'CLUB' }, club), reachRow({ program: 'CAMP' }, camp)],
    }),
  ).spec;

/** The same chart, its title naming other filters. */
const retitled = (spec: TopLevelSpec, text: string): TopLevelSpec => ({
  ...spec,
  title: { ...(spec.title as object), text },
});

describe('toLiveSpec', () => {
  it('new numbers keep the shape, even for other groups (bars size and order from their data)', () => {
    const a = toLiveSpec(chart(48, 22));
    const b = toLiveSpec(chart(61, 30));
    expect(b.shapeKey).toBe(a.shapeKey);
    expect(b.datasets).not.toEqual(a.datasets);
    const one = buildYouthReachedChart(
      emptyMetrics({ by: ['program'], reach: [reachRow({ program: 'CLUB' }, 48)] }),
    ).spec;
    expect(toLiveSpec(one).shapeKey).toBe(a.shapeKey);
  });

  it('a title that names other filters keeps the shape too (it is a signal of the drawn view)', () => {
    const a = toLiveSpec(retitled(chart(48, 22), 'Youth reached, all cohorts pooled'));
    const b = toLiveSpec(retitled(chart(48, 22), 'Youth reached, cohort 2022-23'));
    expect(b.shapeKey).toBe(a.shapeKey);
    expect(b.signals['live_title']).toBe('Youth reached, cohort 2022-23');
  });

  it.each([
    ['new numbers', chart(61, 30)],
    ['another title', retitled(chart(61, 30), 'Youth reached, cohort 2022-23')],
    [
      'fewer groups',
      buildYouthReachedChart(emptyMetrics({ by: ['program'], reach: [reachRow({ program: 'CLUB' }, 61)] }))
        .spec,
    ],
  ])('swapping in %s draws exactly what a new view would', async (_name, next) => {
    const a = toLiveSpec(chart(48, 22));
    const b = toLiveSpec(next);
    const view = new vega.View(vega.parse(compile(a.spec).spec), { renderer: 'none' });
    await view.runAsync();
    expect(await view.toSVG()).toContain('>48<');
    for (const [name, values] of Object.entries(b.datasets)) view.data(name, values);
    for (const [name, value] of Object.entries(b.signals)) view.signal(name, value);
    await view.runAsync();
    const swapped = await view.toSVG();
    expect(swapped).toContain('>61<');
    if (typeof next.title === 'object' && next.title && 'text' in next.title)
      expect(swapped).toContain(String(next.title.text));
    expect(swapped).not.toContain('>48<');
    const fresh = new vega.View(vega.parse(compile(b.spec).spec), { renderer: 'none' });
    await fresh.runAsync();
    // Identical to a view drawn from scratch, but for vega's running clip-path ids.
    const norm = (svg: string) => svg.replace(/clip\d+/g, 'clip');
    expect(norm(swapped) === norm(await fresh.toSVG())).toBe(true);
    view.finalize();
    fresh.finalize();
  });
});
