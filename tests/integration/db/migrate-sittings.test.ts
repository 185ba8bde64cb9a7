import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSyntheticProject } from '../../../bench/synthetic-project';
import { openProject, type Db } from '../../../src/main/db/open-project';
import { migrations } from '../../../src/main/db/migrations';
import { computeMetrics } from '../../../src/main/metrics/compute';
import type { MetricFilters } from '../../../src/shared/metrics';
import { useTempDir } from '../../helpers/temp';

/**
 * Projects made before survey answers were split into sittings + answers (one wide `responses` row
 * per answer) are converted when opened: every answer reads back the same through the `responses`
 * view, cells included, and the metrics give the same figures.
 */
const split = migrations.findIndex((m) => m.name === 'sittings_answers');
const before = migrations.slice(0, split);

const INPUTS: { filters: MetricFilters; by: string[] }[] = [
  { filters: {}, by: ['cohort'] },
  { filters: {}, by: ['program', 'wave'] },
  { filters: { cohorts: ['2024-25'] }, by: ['site'] },
  { filters: {}, by: ['partner'] },
];
const figures = (db: Db) => INPUTS.map((input) => computeMetrics(db, input, () => new Date(0)));
const longForm = (db: Db) =>
  db
    .prepare(
      `SELECT administration_id, respondent_id, item_id, wave, value, raw_text, missing_reason,
              platform_response_id, responded_at, import_id, source_row
       FROM responses ORDER BY administration_id, respondent_id, item_id, wave`,
    )
    .all();

describe('migration: responses become sittings + answers', () => {
  const temp = useTempDir();

  it('keeps every answer, its cell and the figures; keeps a cell only where the codebook would not give it back', () => {
    expect(split).toBeGreaterThan(0);
    const path = join(temp(), 'old.trellis');
    const old = openProject(path, { migrations: before });
    expect(old.db.prepare("SELECT type FROM sqlite_schema WHERE name = 'responses'").pluck().get()).toBe(
      'table',
    );
    buildSyntheticProject(old.db, { youthPerCohort: 40, weeks: 4 });
    // Cells as exports give them: the label, a numeric code, another spelling, a blank, a response id.
    old.db.exec(`
      UPDATE responses SET raw_text = CASE value WHEN 4 THEN 'Agree' WHEN 5 THEN 'Strongly agree' END
        WHERE id % 3 = 0 AND value >= 4;
      UPDATE responses SET raw_text = CAST(CAST(value AS INTEGER) AS TEXT) WHERE id % 7 = 0 AND value IS NOT NULL;
      UPDATE responses SET raw_text = 'agree ' WHERE id % 11 = 0 AND value = 4;
      UPDATE responses SET raw_text = 'Prefer not to say' WHERE missing_reason = 'prefer_not_to_say' AND id % 2 = 0;
      UPDATE responses SET platform_response_id = 'R_' || respondent_id || wave, responded_at = '2024-09-0' || (1 + respondent_id % 9)
        WHERE administration_id = 1;
    `);
    const rows = longForm(old.db);
    const expected = figures(old.db);
    const kept = old.db
      .prepare(
        `SELECT count(*) FROM responses r
         WHERE raw_text IS NOT CASE value WHEN 4 THEN 'Agree' WHEN 5 THEN 'Strongly agree' WHEN 3 THEN 'Neither agree nor disagree'
           WHEN 2 THEN 'Disagree' WHEN 1 THEN 'Strongly disagree' ELSE 'Prefer not to say' END`,
      )
      .pluck()
      .get() as number;
    // Sittings keep the fields of the sitting's first answer: make them agree within a sitting.
    expect(
      old.db
        .prepare(
          `SELECT count(*) FROM (SELECT 1 FROM responses GROUP BY administration_id, respondent_id, wave
           HAVING count(DISTINCT coalesce(platform_response_id, '') || coalesce(responded_at, '')) > 1)`,
        )
        .pluck()
        .get(),
    ).toBe(0);
    old.close();

    const migrated = openProject(path);
    try {
      const { db } = migrated;
      expect(db.prepare("SELECT type FROM sqlite_schema WHERE name = 'responses'").pluck().get()).toBe(
        'view',
      );
      expect(rows.length).toBeGreaterThan(1000);
      expect(longForm(db)).toEqual(rows);
      expect(figures(db)).toEqual(expected);
      // Only the cells the codebook would not give back are stored (blank cells where it has a label as '').
      expect(db.prepare('SELECT count(*) FROM answers WHERE raw_text IS NOT NULL').pluck().get()).toBe(kept);
      expect(db.prepare("SELECT count(*) FROM answers WHERE raw_text = '4'").pluck().get()).toBeGreaterThan(
        0,
      );
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    } finally {
      migrated.close();
    }
  });

  it('a project built in the new form gives the figures of the same project migrated', () => {
    const oldPath = join(temp(), 'old.trellis');
    const old = openProject(oldPath, { migrations: before });
    buildSyntheticProject(old.db, { youthPerCohort: 30, weeks: 3 });
    old.close();
    const migrated = openProject(oldPath);
    const fresh = openProject(join(temp(), 'new.trellis'));
    try {
      buildSyntheticProject(fresh.db, { youthPerCohort: 30, weeks: 3 });
      expect(figures(fresh.db)).toEqual(figures(migrated.db));
    } finally {
      migrated.close();
      fresh.close();
    }
  });
});
