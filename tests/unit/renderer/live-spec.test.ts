import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { compile } from 'vega-lite';
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

describe('toLiveSpec', () => {
  it('new numbers for the same groups keep the shape; other groups change it', () => {
    const a = toLiveSpec(chart(48, 22));
    const b = toLiveSpec(chart(61, 30));
    expect(b.shapeKey).toBe(a.shapeKey);
    expect(b.datasets).not.toEqual(a.datasets);
    const c = toLiveSpec(
      buildYouthReachedChart(emptyMetrics({ by: ['program'], reach: [reachRow({ program: 'CLUB' }, 48)] }))
        .spec,
    );
    expect(c.shapeKey).not.toBe(a.shapeKey);
  });

  it('swapping the datasets into a drawn view shows the new numbers, as a new view would', async () => {
    const a = toLiveSpec(chart(48, 22));
    const b = toLiveSpec(chart(61, 30));
    const view = new vega.View(vega.parse(compile(a.spec).spec), { renderer: 'none' });
    await view.runAsync();
    expect(await view.toSVG()).toContain('>48<');
    for (const [name, values] of Object.entries(b.datasets)) view.data(name, values);
    await view.runAsync();
    const swapped = await view.toSVG();
    expect(swapped).toContain('>61<');
    expect(swapped).toContain('>30<');
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
