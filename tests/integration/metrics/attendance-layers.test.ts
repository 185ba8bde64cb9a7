import { join } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { buildSyntheticProject } from '../../../bench/synthetic-project';
import { openProject } from '../../../src/main/db/open-project';
import { clearMetricsCache } from '../../../src/main/metrics/cache';
import { computeMetrics } from '../../../src/main/metrics/compute';
import type { MetricFilters } from '../../../src/shared/metrics';
import { useTempDir } from '../../helpers/temp';
import { storedLayerKeys } from '../../helpers/metrics-layers';

/**
 * The attendance layers as columns (src/main/metrics/base/attendance.ts): what a project file written
 * by an older version holds is not read, and date-filtered cells (read from the big tables each time,
 * never stored) give the figures the raw rows give.
 */
const fixed = () => new Date(0);
const stored = storedLayerKeys;
const INPUTS: { filters: MetricFilters; by: string[] }[] = [
  { filters: {}, by: ['cohort'] },
  { filters: {}, by: ['partner'] },
  { filters: { programs: ['CLUB'] }, by: ['site'] },
];

describe('attendance layers', () => {
  const temp = useTempDir();

  it('ignore an attendance layer of the old format in the project file and store the new one', () => {
    const path = join(temp(), 'old-layers.trellis');
    let project = openProject(path);
    buildSyntheticProject(project.db, { youthPerCohort: 120, weeks: 8, seed: 3 });
    const expected = INPUTS.map((i) => computeMetrics(project.db, i, fixed));
    project.close();

    // The file as an older Trellis left it: v1 layers (one packed array per cell; here with every
    // youth's minutes at 100,000 so that reading them would show) and no v2 ones.
    project = openProject(path);
    let db = project.db;
    db.prepare("DELETE FROM metrics_layers WHERE key LIKE 'attendance%'").run();
    const cells = db.prepare('SELECT count(*) FROM attendance').pluck().get() as number;
    const v1 = serialize({
      ints: new Int32Array(cells * 10),
      minutes: new Float64Array(cells).fill(100_000),
      dates: ['2024-01-01'],
      activities: [[]],
    });
    const insert = db.prepare('INSERT INTO metrics_layers (key, data) VALUES (?, ?)');
    insert.run('attendance-cells:v1', v1);
    insert.run('attendance-merged:v1', v1);
    project.close();

    project = openProject(path);
    db = project.db;
    expect(INPUTS.map((i) => computeMetrics(db, i, fixed))).toEqual(expected);
    expect(stored(db)).toEqual(
      expect.arrayContaining([
        'attendance-cells:v2',
        'attendance-merged:v2',
        'attendance-partner-links:v1',
        'attendance-cells:v1',
      ]),
    );

    // A stored v2 layer that does not have the shape of the columns (a damaged file) is built again.
    db.prepare("UPDATE metrics_layers SET data = ? WHERE key LIKE 'attendance-merged:v2%'").run(
      serialize({ length: 3, participant: [1, 2, 3] }),
    );
    clearMetricsCache(db);
    expect(INPUTS.map((i) => computeMetrics(db, i, fixed))).toEqual(expected);
    project.close();
  }, 120_000);

  it('count only the attendance inside a date filter, and leave the unfiltered figures as they were', () => {
    const project = openProject(join(temp(), 'dates.trellis'));
    const db = project.db;
    buildSyntheticProject(db, { youthPerCohort: 150, weeks: 12, seed: 9 });
    const all = computeMetrics(db, { filters: {}, by: ['cohort'] }, fixed);
    const [from, to] = db
      .prepare(
        `SELECT date(min(session_date), '+20 days'), date(min(session_date), '+50 days') FROM sessions
         WHERE cohort_id = (SELECT id FROM cohorts ORDER BY starts_on LIMIT 1)`,
      )
      .raw()
      .get() as [string, string];
    const windowed = computeMetrics(db, { filters: { dateFrom: from, dateTo: to }, by: ['cohort'] }, fixed);

    const plain = db
      .prepare(
        `SELECT c.code AS cohort, count(DISTINCT a.participant_id) AS served,
                sum(coalesce(a.minutes_attended, s.minutes_offered)) / 60.0 AS hours, count(*) AS sessions
         FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN cohorts c ON c.id = s.cohort_id
         WHERE a.is_present = 1 AND s.session_date BETWEEN ? AND ? GROUP BY c.code ORDER BY c.code`,
      )
      .all(from, to) as { cohort: string; served: number; hours: number; sessions: number }[];
    expect(plain.length).toBeGreaterThan(0);
    expect(windowed.reach.map((r) => r.group.cohort?.code)).toEqual(plain.map((p) => p.cohort));
    for (const p of plain) {
      const reach = windowed.reach.find((r) => r.group.cohort?.code === p.cohort)!;
      const dosage = windowed.dosage.find((r) => r.group.cohort?.code === p.cohort)!;
      expect(reach.youthServed).toBe(p.served);
      expect(dosage.contactHoursTotal).toBeCloseTo(p.hours, 9);
      expect(dosage.sessionsAttendedMean).toBeCloseTo(p.sessions / p.served, 9);
      // Nobody attended more sessions than were offered inside the window.
      expect(dosage.attendanceRateMean).toBeLessThanOrEqual(1);
    }
    const total = (r: typeof all) => r.dosage.reduce((a, d) => a + (d.contactHoursTotal ?? 0), 0);
    expect(total(windowed)).toBeLessThan(total(all));

    // Date-filtered cells are not stored, and the unfiltered figures do not change after them.
    expect(stored(db).some((k) => k.includes(from))).toBe(false);
    clearMetricsCache(db);
    expect(computeMetrics(db, { filters: {}, by: ['cohort'] }, fixed)).toEqual(all);
    project.close();
  }, 120_000);

  it('list attribute names in order of the participants that have them, and follow new attributes', () => {
    const project = openProject(join(temp(), 'attributes.trellis'));
    const db = project.db;
    buildSyntheticProject(db, { youthPerCohort: 60, weeks: 6, seed: 4 });
    const unknown = () => {
      try {
        computeMetrics(db, { filters: { attributes: { nope: ['x'] } }, by: [] }, fixed);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('an unknown attribute was accepted');
    };
    const before = unknown();
    expect(stored(db)).toContain('people:v1');
    expect(before).toMatch(/this project has: .+\./);

    // A late participant's new name is recorded before the first participant's: the first
    // participant's names still come first.
    const first = db
      .prepare('SELECT participant_id, import_id FROM participant_attributes ORDER BY id LIMIT 1')
      .get() as { participant_id: number; import_id: number };
    const late = db.prepare('SELECT max(id) FROM participants').pluck().get() as number;
    const add = db.prepare(
      'INSERT INTO participant_attributes (participant_id, name, value, import_id, source_row) VALUES (?, ?, ?, ?, 1)',
    );
    add.run(late, 'club', 'robotics', first.import_id);
    add.run(first.participant_id, 'school', 'North', first.import_id);
    expect(stored(db)).not.toContain('people:v1');
    // The rule, from the rows in table order: participants by their first row, each one's names in
    // the order of their rows; a name comes where its first such participant lists it.
    const namesOf = new Map<number, string[]>();
    for (const [p, name] of db
      .prepare('SELECT participant_id, name FROM participant_attributes ORDER BY id')
      .raw()
      .all() as [number, string][]) {
      const l = namesOf.get(p) ?? [];
      if (!l.includes(name)) l.push(name);
      namesOf.set(p, l);
    }
    const expected = [...new Set([...namesOf.values()].flat())];
    expect(expected.indexOf('school')).toBeLessThan(expected.indexOf('club'));
    expect(unknown()).toContain(`has: ${expected.join(', ')}.`);

    // The new attribute filters at once (the stored people layer was rebuilt, not read stale).
    expect(() =>
      computeMetrics(db, { filters: { attributes: { school: ['North'] } }, by: [] }, fixed),
    ).not.toThrow();
    project.close();
  }, 120_000);
});
