import type { GoalDirection } from '@shared/vocab';
import type { Db } from '../open-project';
import type { Provenance } from './imports';

// Partnership goals: a metric, a target, a time frame and the partner that owns it.

export interface Goal {
  id: number;
  metricKey: string;
  description: string | null;
  targetValue: number;
  direction: GoalDirection;
  unit: string | null;
  cohortId: number | null;
  programId: number | null;
  startsOn: string | null;
  endsOn: string | null;
  ownerPartnerId: number | null;
}

const goalCols = `id, metric_key AS metricKey, description, target_value AS targetValue, direction, unit,
  cohort_id AS cohortId, program_id AS programId, starts_on AS startsOn, ends_on AS endsOn, owner_partner_id AS ownerPartnerId`;

export function goalQueries(db: Db) {
  const stmt = {
    insert: db.prepare<
      [
        string,
        string | null,
        number,
        string,
        string | null,
        number | null,
        number | null,
        string | null,
        string | null,
        number | null,
        number,
        number,
      ]
    >(
      `INSERT INTO goals (metric_key, description, target_value, direction, unit, cohort_id, program_id, starts_on, ends_on,
         owner_partner_id, import_id, source_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    inCohort: db.prepare<[number], Goal>(
      `SELECT ${goalCols} FROM goals WHERE cohort_id = ? ORDER BY metric_key, id`,
    ),
    all: db.prepare<[], Goal>(`SELECT ${goalCols} FROM goals ORDER BY cohort_id, metric_key, id`),
  };
  return {
    insertGoal: (g: Omit<Goal, 'id'>, prov: Provenance): number =>
      Number(
        stmt.insert.run(
          g.metricKey,
          g.description,
          g.targetValue,
          g.direction,
          g.unit,
          g.cohortId,
          g.programId,
          g.startsOn,
          g.endsOn,
          g.ownerPartnerId,
          prov.importId,
          prov.sourceRow,
        ).lastInsertRowid,
      ),
    listGoals: (cohortId?: number): Goal[] =>
      cohortId === undefined ? stmt.all.all() : stmt.inCohort.all(cohortId),
  };
}
export type GoalQueries = ReturnType<typeof goalQueries>;
