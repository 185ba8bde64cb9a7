import { describe, expect, it } from 'vitest';
import { buildSyntheticProject } from '../../../bench/synthetic-project';
import { computeMetrics } from '../../../src/main/metrics/compute';
import { resultToText } from '../../../src/main/cli/commands/metrics';
import { MetricsResult } from '../../../src/shared/metrics';
import { useTempProject } from '../../helpers/temp-project';

describe('smoke', () => {
  const open = useTempProject();
  it('runs', () => {
    const p = open();
    console.log(buildSyntheticProject(p.db, { youthPerCohort: 200 }));
    let t = performance.now();
    const r = computeMetrics(p.db, { filters: {}, by: ['cohort'] });
    console.log('ms', performance.now() - t);
    t = performance.now();
    computeMetrics(p.db, { filters: {programs: ['CLUB']}, by: ['cohort'] });
    console.log('ms filtered', performance.now() - t);
    MetricsResult.parse(r);
    console.log(resultToText(r));
    expect(r.reach.length).toBeGreaterThan(0);
  });
});
