import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/main/metrics/compute';
import { MetricsResult } from '../../../src/shared/metrics';
import { seedSmallPartnership } from '../../helpers/model-seed';
import { useTempProject } from '../../helpers/temp-project';

describe('smoke', () => {
  const open = useTempProject();
  it('runs', () => {
    const p = open();
    seedSmallPartnership(p.db);
    p.db.prepare("INSERT INTO project_meta (key, value) VALUES ('settings', '{\"suppressionThreshold\":5}') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
    const r = computeMetrics(p.db, { filters: {}, by: ['cohort'] });
    MetricsResult.parse(r);
    console.log(JSON.stringify(r, null, 1).slice(0, 3000));
    expect(r.reach.length).toBeGreaterThan(0);
  });
});
