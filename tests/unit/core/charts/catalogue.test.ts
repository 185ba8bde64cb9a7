import { describe, expect, it } from 'vitest';
import { CHART_CATALOGUE, entryForModel } from '../../../../src/core/charts/catalogue';
import { captionLines } from '../../../../src/core/export/caption';
import { renderSvg } from '../../../helpers/render-vega';
import { emptyMetrics, fullMetrics } from './metric-rows';

const models = (e: (typeof CHART_CATALOGUE)[number], m: ReturnType<typeof emptyMetrics>) => {
  const built = e.build(m, {});
  return Array.isArray(built) ? built : [built];
};

describe('chart catalogue', () => {
  it('has unique ids and covers every dashboard page', () => {
    const ids = CHART_CATALOGUE.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(CHART_CATALOGUE.map((e) => e.page))).toEqual(
      new Set(['overview', 'reach', 'outcomes', 'partners', 'cohorts']),
    );
  });

  it('every model a chart draws leads back to its entry (exports rebuild charts by model id)', () => {
    for (const e of CHART_CATALOGUE)
      for (const model of models(e, fullMetrics(e.by)))
        expect(entryForModel(model.id)?.id, model.id).toBe(e.id);
  });

  it.each(CHART_CATALOGUE.map((e) => [e.id, e] as const))(
    '%s: builds from metrics for its split, renders without warnings, with a caption, alt text and a table',
    async (_id, e) => {
      for (const model of models(e, fullMetrics(e.by))) {
        const { svg, warnings } = await renderSvg(model.spec);
        expect(warnings, model.id).toEqual([]);
        expect(svg).toContain('<svg');
        expect(model.alt.length, model.id).toBeGreaterThan(30);
        expect(captionLines(model.caption).length).toBeGreaterThan(0);
        // Suppressed cells never travel as a number in the table.
        for (const row of model.table.rows)
          if (row.some((c) => typeof c === 'string' && c.startsWith('suppressed')))
            expect(
              row.filter((c) => typeof c === 'number').length,
              `${model.id} ${row.join()}`,
            ).toBeLessThanOrEqual(model.id.startsWith('outcomes-match') ? 6 : 1);
      }
    },
  );

  it.each(CHART_CATALOGUE.map((e) => [e.id, e] as const))(
    '%s: an empty project gives an explained empty state, not a broken chart',
    async (_id, e) => {
      for (const model of models(e, emptyMetrics({ by: e.by }))) {
        expect(model.empty, model.id).toMatch(/Import|import|cohort/);
        const { warnings } = await renderSvg(model.spec);
        expect(warnings).toEqual([]);
      }
    },
  );
});
