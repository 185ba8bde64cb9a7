import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import {
  buildGoalsChart,
  buildPartnerHealthChart,
  buildYouthPerPartnerChart,
} from '../../../../src/core/charts/partners';
import { toLiveSpec } from '../../../../src/renderer/src/components/live-spec';
import { renderSvg } from '../../../helpers/render-vega';
import { emptyMetrics, fullMetrics, g } from './metric-rows';

const partner = (
  key: string,
  name: string,
  type: string,
  youth: number | null,
  work: { sessionsLed: number; mentors: number; sessionsLogged?: number },
) => ({
  group: g({ partner: key }),
  partnerKey: key,
  partnerName: name,
  partnerType: type,
  mentorHours: work.mentors * 10,
  sessionsLed: work.sessionsLed,
  equipmentItems: 0,
  fundingUsd: type === 'funder' ? 50_000 : 0,
  inKindUsd: 0,
  mentors: work.mentors,
  youthReached: youth,
  youthReachedSuppressed: youth === null,
  sessionsLogged: work.sessionsLogged,
});

describe('youth reached per partner', () => {
  const contributions = [
    partner('P01', 'Cañon City Library', 'out_of_school_provider', 64, { sessionsLed: 20, mentors: 4 }),
    partner('P02', 'Peñasco Dark Sky Observatory', 'nonprofit', null, { sessionsLed: 2, mentors: 1 }),
    partner('P03', 'Rocky Ridge Engineering', 'business', 0, { sessionsLed: 0, mentors: 3 }),
    partner('P04', 'Rocky Mountain Tech Fund', 'funder', 0, {
      sessionsLed: 0,
      mentors: 0,
      sessionsLogged: 0,
    }),
  ];

  it('leaves out partners who lead no sessions (funders) with a note, instead of a misleading 0', async () => {
    const model = buildYouthPerPartnerChart(emptyMetrics({ contributions }));
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('Cañon City Library');
    // A partner with mentors but no youth yet is a real 0 and stays.
    expect(svg).toContain('Rocky Ridge Engineering');
    expect(svg).not.toContain('Rocky Mountain Tech Fund');
    expect(svg).toContain(
      'Not shown: partners who lead no sessions, such as funders (not applicable, not zero)',
    );
    expect(model.caption.shows).toContain('Not applicable to Rocky Mountain Tech Fund (funder)');
    const fund = model.table.rows.find((r) => r[0] === 'Rocky Mountain Tech Fund')!;
    expect(fund[1]).toBe('Funder');
    expect(fund.slice(2, -1)).toEqual([null, null]);
    expect(fund.at(-1)).toBe('not applicable: leads no sessions');
    expect(model.alt).not.toContain('Rocky Mountain Tech Fund');
  });

  it('says nothing about left-out partners when every partner leads sessions', async () => {
    const model = buildYouthPerPartnerChart(emptyMetrics({ contributions: contributions.slice(0, 2) }));
    const { svg } = await renderSvg(model.spec);
    expect(svg).not.toContain('Not shown');
    expect(model.caption.shows).not.toContain('Not applicable');
  });
});

describe('goals', () => {
  it('prints each goal with its cohort in full (the label is never cut before the cohort)', async () => {
    const goal = (goalId: number, description: string, cohort: string) => ({
      goalId,
      metricKey: 'regular_attendee_rate',
      description,
      cohort,
      program: null,
      owner: 'Cañon City Library',
      target: 40,
      direction: 'at_least' as const,
      unit: 'percent',
      actual: 52,
      progress: 1.3,
      met: true,
      suppressed: false,
      suppressionReason: null,
    });
    const model = buildGoalsChart(
      emptyMetrics({
        goals: [
          goal(1, 'Share of youth who attend on 30 or more days (regular attendees)', '2023-24'),
          goal(2, 'Youth who attend at least one session', '2022-23'),
          goal(3, 'Mean pre/post gain in STEM career awareness, on the five-point scale', '2024-25'),
        ],
      }),
    );
    const { svg, warnings } = await renderSvg(model.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('>Youth who attend at least one session (2022-23)<');
    expect(svg).toContain('>Share of youth who attend on 30 or more days (regular attendees) (2023-24)<');
    expect(svg).toContain('52% of 40% · Cañon City Library');
    // A longer description is shortened, its cohort still whole.
    expect(svg).toContain('>Mean pre/post gain in STEM career awareness, on the five-point… (2024-25)<');
  });
});

describe('partnership health', () => {
  const all = fullMetrics(['cohort']);
  const oneYear = {
    ...all,
    partnerHealth: all.partnerHealth.filter((r) => r.group['cohort']?.code === '2024-25'),
  };

  it('later years are darker; a cohort filter keeps the shape, so the drawn view only swaps its data', async () => {
    expect(oneYear.partnerHealth.length).toBeGreaterThan(0);
    const a = toLiveSpec(buildPartnerHealthChart(all).spec);
    const b = toLiveSpec(buildPartnerHealthChart(oneYear).spec);
    expect(b.shapeKey).toBe(a.shapeKey);

    const view = new vega.View(vega.parse(compile(a.spec).spec), { renderer: 'none' });
    await view.runAsync();
    const points =
      /aria-label="Communication, (\d{4}-\d{2}):[^"]*"[^>]*aria-roledescription="point"[^>]*fill="rgb\(([\d, ]+)\)"/g;
    const fills = [...(await view.toSVG()).matchAll(points)];
    expect(fills.map((f) => f[1])).toEqual(['2022-23', '2023-24', '2024-25']);
    const lightness = (rgb: string) => rgb.split(',').reduce((a, c) => a + Number(c), 0);
    expect(lightness(fills[0]![2]!)).toBeGreaterThan(lightness(fills[1]![2]!));
    expect(lightness(fills[1]![2]!)).toBeGreaterThan(lightness(fills[2]![2]!));

    // Swapping the one-year data in draws what a new view would.
    for (const [name, values] of Object.entries(b.datasets)) view.data(name, values);
    await view.runAsync();
    const fresh = new vega.View(vega.parse(compile(b.spec).spec), { renderer: 'none' });
    await fresh.runAsync();
    const norm = (svg: string) => svg.replace(/clip\d+/g, 'clip');
    expect(norm(await view.toSVG()) === norm(await fresh.toSVG())).toBe(true);
    expect(await view.toSVG()).not.toContain('2022-23');
    view.finalize();
    fresh.finalize();
  });

  it('renders without warnings for one year and for several', async () => {
    for (const m of [all, oneYear])
      expect((await renderSvg(buildPartnerHealthChart(m).spec)).warnings).toEqual([]);
  });
});
