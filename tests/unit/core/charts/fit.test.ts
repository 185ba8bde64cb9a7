import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_CATALOGUE } from '../../../../src/core/charts/catalogue';
import {
  fitSpecToWidth,
  measureExtra,
  needsMeasure,
  plotWidth,
  wrapLines,
} from '../../../../src/core/charts/fit';
import { renderSvg } from '../../../helpers/render-vega';
import { fullMetrics } from './metric-rows';

const models = CHART_CATALOGUE.flatMap((e) => {
  const built = e.build(fullMetrics(e.by), {});
  return Array.isArray(built) ? built : [built];
});
const svgWidth = (svg: string) => Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)![1]);
/**
 * vega-lite notes that it keeps only the horizontal part of `fit-x` when the height is sized by step
 * (bars one step apart): exactly what the dashboards ask for, so that one note is not a problem.
 */
const problems = (warnings: string[]) =>
  warnings.filter((w) => w !== 'Dropping "fit-y" because spec has discrete height.');

async function drawn(spec: TopLevelSpec) {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  return view;
}

describe('fitting a chart to its dashboard card', () => {
  it.each(models.map((m) => [m.id, m] as const))(
    '%s fills a card of 620, 980 and 1240 px without warnings, never wider than the card',
    async (_id, model) => {
      let extra: number | undefined;
      const printWidth = svgWidth((await renderSvg(model.spec)).svg);
      if (needsMeasure(model.spec)) {
        const view = await drawn(model.spec);
        extra = measureExtra(view, model.spec);
        view.finalize();
        expect(extra).toBeGreaterThan(0);
      }
      const plots: number[] = [];
      // Node measures text by estimate (no canvas), wider than a browser does: a composite's labels
      // leave no room for a plot in a 620 px card here, so composites are checked from 980 px.
      for (const card of extra === undefined ? [620, 980, 1240] : [980, 1240]) {
        const fitted = fitSpecToWidth(model.spec, card, extra);
        const { svg, warnings } = await renderSvg(fitted);
        expect(problems(warnings), `${model.id} at ${card}`).toEqual([]);
        const w = svgWidth(svg);
        if (extra === undefined) {
          expect(w, `${model.id} at ${card}`).toBeLessThanOrEqual(card + 1);
          expect(w, `${model.id} at ${card}`).toBeGreaterThanOrEqual(card - 2);
        } else {
          // Never wider than the card, unless its labels and legend alone already were.
          expect(w, `${model.id} at ${card}`).toBeLessThanOrEqual(Math.max(card + 1, printWidth));
          plots.push(plotWidth(fitted));
        }
      }
      // A composite's plots take what a wider card adds (its legend may be wider than the plot: the
      // e2e suite checks that charts fill their cards in Chromium).
      if (extra !== undefined) expect(plots[1]! - plots[0]!).toBeGreaterThanOrEqual(250);
    },
  );

  it('a wide card gives a wider plot with the same text sizes (not a scaled-up picture)', async () => {
    const model = models.find((m) => m.id === 'reach-youth')!;
    const narrow = (await renderSvg(fitSpecToWidth(model.spec, 620))).svg;
    const wide = (await renderSvg(fitSpecToWidth(model.spec, 1240))).svg;
    const sizes = (svg: string) => [...new Set(svg.match(/font-size="[\d.]+px"/g))].sort();
    expect(sizes(wide)).toEqual(sizes(narrow));
    expect(svgWidth(wide)).toBe(1240);
    expect(svgWidth(narrow)).toBe(620);
  });

  it('leaves the print spec as built: exports keep their fixed size', () => {
    for (const m of models) {
      const before = JSON.stringify(m.spec);
      fitSpecToWidth(m.spec, 1240, 100);
      expect(JSON.stringify(m.spec)).toBe(before);
    }
  });

  it('a composite with nothing measured yet stays at its print size (the card measures it when drawn)', () => {
    const composite = models.find((m) => needsMeasure(m.spec))!;
    expect(fitSpecToWidth(composite.spec, 1240)).toBe(composite.spec);
  });

  it('a subtitle too long for the card wraps onto more lines, every word kept', async () => {
    const model = models.find((m) => m.id === 'partners-youth')!;
    const subtitle = (model.spec as { title: { subtitle: string[] } }).title.subtitle;
    const words = subtitle.join(' ').split(' ');
    for (const card of [560, 1400]) {
      const fitted = fitSpecToWidth(model.spec, card) as { title: { subtitle: string[]; limit: number } };
      const lines = fitted.title.subtitle;
      // Wrapped in a half-width card; as built where it fits.
      if (card === 560) expect(lines.length).toBeGreaterThan(subtitle.length);
      else expect(lines).toEqual(subtitle);
      expect(lines.join(' ').split(' ')).toEqual(words);
      // Each line fits the title's room at the app font's width per character (Node's vega measures
      // text by a much wider estimate, so whether Chromium cuts a line is checked in the e2e suite).
      for (const line of lines) expect(line.length * 12 * 0.58).toBeLessThanOrEqual(fitted.title.limit);
      const { warnings } = await renderSvg(fitted as TopLevelSpec);
      expect(problems(warnings)).toEqual([]);
    }
  });

  it('wraps lines at words to the width given, keeping a line that fits as it is', () => {
    expect(wrapLines('short line', 400, 7)).toBe('short line');
    expect(wrapLines(['one two three four five six'], 70, 7)).toEqual(['one two', 'three four', 'five six']);
    // A word longer than the line stays whole on its own line (the title limit cuts it).
    expect(wrapLines('a verylongwordthatcannotbreak b', 84, 7)).toEqual([
      'a',
      'verylongwordthatcannotbreak',
      'b',
    ]);
  });

  it('a 1-5 scale axis ticks every half point on a wide screen, not every 0.1', async () => {
    for (const id of ['overview-prepost', 'partners-health']) {
      const model = models.find((m) => m.id === id)!;
      const fitted = needsMeasure(model.spec)
        ? fitSpecToWidth(model.spec, 1840, 300)
        : fitSpecToWidth(model.spec, 1840);
      const { svg } = await renderSvg(fitted);
      const ticks = [...new Set(svg.match(/>[1-5]\.\d</g))];
      expect(ticks.length, `${id}: ${ticks.join(' ')}`).toBeGreaterThanOrEqual(5);
      expect(ticks.length, `${id}: ${ticks.join(' ')}`).toBeLessThanOrEqual(9);
    }
  });
});
