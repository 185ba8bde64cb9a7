import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsResult } from '../../../src/shared/metrics';
import { computeMetrics } from '../../../src/main/metrics/compute';
import { CHART_CATALOGUE } from '../../../src/core/charts/catalogue';
import { fmt, signed } from '../../../src/core/charts/common';
import type { ChartModel } from '../../../src/core/charts/model';
import { ensureDemoProject } from '../../../src/main/services/demo-project';
import { renderSvg } from '../../helpers/render-vega';
import { useTempDir } from '../../helpers/temp';

/**
 * Every chart of the catalogue on real engine output: the demo partnership built through the import
 * pipeline, metrics computed by the engine for each chart's split and sections, unfiltered and
 * filtered. Each spec compiles and renders in Node without warnings, and its marks carry the engine's
 * numbers.
 */
const RESOURCES = resolve(import.meta.dirname, '../../../resources');
const temp = useTempDir();
let project: Awaited<ReturnType<typeof ensureDemoProject>>['project'];

beforeAll(async () => {
  ({ project } = await ensureDemoProject(join(temp(), 'demo.trellis'), RESOURCES));
}, 120_000);
afterAll(() => project?.close());

const metricsFor = (e: (typeof CHART_CATALOGUE)[number], filters = {}): MetricsResult =>
  computeMetrics(project.db, { filters, by: e.by, sections: e.sections });
const modelsOf = (built: ChartModel | ChartModel[]) => (Array.isArray(built) ? built : [built]);

describe('every chart on the demo partnership (real engine output)', () => {
  for (const filters of [{}, { cohorts: ['2024-25'], programs: ['CLUB'] }]) {
    it.each(CHART_CATALOGUE.map((e) => [e.id, e] as const))(
      `%s renders without warnings (filters ${JSON.stringify(filters)})`,
      async (_id, e) => {
        for (const model of modelsOf(e.build(metricsFor(e, filters), filters))) {
          const { svg, warnings } = await renderSvg(model.spec);
          expect(warnings, model.id).toEqual([]);
          expect(svg, model.id).not.toMatch(/NaN|undefined|Infinity/);
        }
      },
      60_000,
    );
  }

  it('youth reached: each bar announces the engine’s count, suppressed bars say so', async () => {
    const e = CHART_CATALOGUE.find((x) => x.id === 'reach-youth')!;
    const m = metricsFor(e);
    const { svg } = await renderSvg(modelsOf(e.build(m, {}))[0]!.spec);
    for (const r of m.reach) {
      const label = `${r.group['program']!.label}, ${r.group['cohort']!.label}: Youth reached`;
      expect(svg).toContain(
        r.suppressed ? `${label} suppressed` : `${label} ${fmt(r.youthServed)}`.replace(/&/g, '&amp;'),
      );
    }
  });

  it('pre/post dumbbells: each label is the engine’s change, CI and n', async () => {
    const e = CHART_CATALOGUE.find((x) => x.id === 'outcomes-prepost')!;
    const m = metricsFor(e);
    expect(m.prePost.length).toBeGreaterThan(0);
    const { svg } = await renderSvg(modelsOf(e.build(m, {}))[0]!.spec);
    for (const r of m.prePost.filter((x) => !x.suppressed))
      expect(svg).toContain(`${signed(r.meanDiff)} [${fmt(r.ciLow, 2)}, ${fmt(r.ciHigh, 2)}]`);
  });

  it('Likert charts: the table holds the engine’s counts per category, missing beside', () => {
    const e = CHART_CATALOGUE.find((x) => x.id === 'outcomes-likert')!;
    const m = metricsFor(e);
    const models = modelsOf(e.build(m, {}));
    expect(models.length).toBe(new Set(m.items.map((i) => i.scale)).size);
    const first = m.items.find((i) => !i.suppressed)!;
    const model = models.find((x) => x.id === `outcomes-likert-${first.scale}`)!;
    const row = model.table.rows.find((r) => r[0] === first.item && r[1] === first.wave)!;
    expect(row.slice(2, 2 + first.categories.length)).toEqual(first.categories.map((c) => c.count));
  });
});
