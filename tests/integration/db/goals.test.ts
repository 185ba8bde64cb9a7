import { describe, expect, it } from 'vitest';
import { goalQueries } from '../../../src/main/db/queries/goals';
import { seedSmallPartnership } from '../../helpers/model-seed';
import { useTempProject } from '../../helpers/temp-project';

describe('goals', () => {
  const project = useTempProject();

  it('stores a metric, a target, a time frame and an owner', () => {
    const { db } = project();
    const s = seedSmallPartnership(db);
    const q = goalQueries(db);
    q.insertGoal(
      {
        metricKey: 'partner_survey_communication',
        description: 'Communication factor at least 4.0',
        targetValue: 4,
        direction: 'at_least',
        unit: 'mean (1-5)',
        cohortId: null,
        programId: null,
        startsOn: '2022-08-01',
        endsOn: '2025-07-31',
        ownerPartnerId: null,
      },
      { importId: s.imports.goalsImport, sourceRow: 2 },
    );
    expect(q.listGoals(s.cohorts.c23)).toEqual([
      {
        id: expect.any(Number),
        metricKey: 'youth_reached',
        description: 'Youth reached in the club',
        targetValue: 3,
        direction: 'at_least',
        unit: 'youth',
        cohortId: s.cohorts.c23,
        programId: s.club,
        startsOn: null,
        endsOn: null,
        ownerPartnerId: s.library,
      },
    ]);
    expect(q.listGoals().map((g) => g.metricKey)).toEqual(['partner_survey_communication', 'youth_reached']);
    expect(() =>
      db
        .prepare(
          'INSERT INTO goals (metric_key, target_value, direction, import_id, source_row) VALUES (?, ?, ?, ?, ?)',
        )
        .run('x', 1, 'more', s.imports.goalsImport, 1),
    ).toThrow(/CHECK/);
  });
});
