import { describe, expect, it } from 'vitest';
import { buildCohortChanges, buildHeadlines } from '../../../../src/core/charts/headlines';
import { dosageRow, emptyMetrics, fullMetrics, prePostRow, reachRow } from './metric-rows';

describe('Overview headlines', () => {
  it('youth, hours, partners and matched change per scale, each with its n', () => {
    const m = emptyMetrics({
      reach: [reachRow({}, 412)],
      dosage: [dosageRow({}, 412, 21.5, 0.7)],
      prePost: [prePostRow({}, 'career_awareness', 301, 2.9, 3.35)],
    });
    const h = Object.fromEntries(buildHeadlines(m).map((x) => [x.id, x]));
    expect(h['youth']).toMatchObject({ value: '412', n: 'n = 412 youth' });
    expect(h['hours']).toMatchObject({ value: '8,858', n: 'n = 412 youth' });
    expect(h['partners']).toMatchObject({ value: '5', n: '6 mentors engaged' });
    expect(h['change:career_awareness']).toMatchObject({ value: '+0.45', n: 'n = 301 matched' });
    expect(h['change:career_awareness']!.detail).toContain('g_av = 0.64');
  });

  it('suppressed figures say so; an empty project shows no numbers at all', () => {
    const hidden = buildHeadlines(emptyMetrics({ reach: [reachRow({}, null, true)] }));
    expect(hidden[0]).toMatchObject({ value: 'suppressed (n < 10)', raw: null, n: '' });
    const empty = buildHeadlines(emptyMetrics());
    expect(empty.map((x) => x.value)).toEqual(['–', '–', '0']);
    expect(empty.map((x) => x.n).join(' ')).not.toMatch(/n = 0/);
  });
});

describe('what changed since the last cohort', () => {
  it('compares the latest cohort with the one before, with the latest goal', () => {
    const c = buildCohortChanges(fullMetrics(['cohort']))!;
    expect([c.previous, c.latest]).toEqual(['2023-24', '2024-25']);
    const youth = c.rows.find((r) => r.id === 'youth')!;
    // fullMetrics: 40 + 7i youth for cohort i
    expect([youth.previous, youth.latest, youth.change]).toEqual(['47', '54', '+7']);
    expect(youth.goal).toBe('target 250 youth: 92% of the way');
    expect(c.rows.find((r) => r.id === 'hours')!.goal).toBe('target 20 hours: met');
  });

  it('one cohort: nothing to compare', () => {
    expect(buildCohortChanges(emptyMetrics({ reach: [reachRow({ cohort: '2024-25' }, 50)] }))).toBeNull();
  });
});
