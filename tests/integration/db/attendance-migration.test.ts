import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../../src/main/db/open-project';
import { migrations } from '../../../src/main/db/migrations';
import { ensureDemoProject } from '../../../src/main/services/demo-project';
import { computeMetrics } from '../../../src/main/metrics/compute';
import { undoImport } from '../../../src/main/import/history';
import { useTempDir } from '../../helpers/temp';

const RESOURCES = resolve(import.meta.dirname, '../../../resources');
/** The migration that made attendance a table keyed (session_id, participant_id), found by name. */
const KEYED = migrations.findIndex((m) => m.name === 'attendance_keyed');
const NOW = () => new Date('2025-06-30T12:00:00Z');

const attendanceRows = (db: Db) =>
  db
    .prepare(
      `SELECT session_id, participant_id, is_present, minutes_attended, import_id, source_row FROM attendance
       ORDER BY session_id, participant_id`,
    )
    .raw()
    .all();

const figures = (db: Db) => JSON.stringify(computeMetrics(db, { filters: {}, by: ['cohort'] }, NOW));

describe('migrating attendance to the keyed table', () => {
  const temp = useTempDir();

  it('a project built with the old schema keeps every attendance row and every figure, and undo still works', async () => {
    expect(KEYED).toBeGreaterThan(0);
    const path = join(temp(), 'old.trellis');
    // The demo partnership, imported into a project that stops just before the migration. Not its
    // surveys: the import writes them as sittings + answers, a later migration than this project has
    // (tests/integration/db/migrate-sittings.test.ts converts projects with one-table responses).
    const old = openProject(path, { migrations: migrations.slice(0, KEYED) });
    await ensureDemoProject(path, RESOURCES, { project: old, files: (f) => f.kind !== 'survey' });
    expect(
      old.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'attendance'").pluck().get(),
    ).not.toMatch(/WITHOUT ROWID/);
    const rowsBefore = attendanceRows(old.db);
    expect(rowsBefore.length).toBeGreaterThan(10_000);
    const figuresBefore = figures(old.db);
    expect(figuresBefore).toMatch(/attend/i);
    old.close();

    let p = openProject(path);
    try {
      expect(p.db.pragma('user_version', { simple: true })).toBe(migrations.length);
      expect(p.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'attendance'").pluck().get()).toMatch(
        /WITHOUT ROWID/,
      );
      expect(attendanceRows(p.db)).toEqual(rowsBefore);
      // Figures from the stored layers, then recomputed from the migrated table itself.
      expect(figures(p.db)).toBe(figuresBefore);
      p.db.exec('DELETE FROM metrics_layers');
      p.close();
      p = openProject(path);
      expect(p.db.prepare('SELECT count(*) FROM metrics_layers').pluck().get()).toBe(0);
      expect(figures(p.db)).toBe(figuresBefore);
      expect(p.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(p.db.pragma('foreign_key_check')).toEqual([]);

      // Undo of the attendance import removes its rows (and the sessions it created) and nothing else.
      const imp = p.db
        .prepare(`SELECT import_id, count(*) AS n FROM attendance GROUP BY import_id ORDER BY n DESC LIMIT 1`)
        .get() as { import_id: number; n: number };
      const undone = undoImport(p.db, imp.import_id);
      expect(undone.removedRows).toBeGreaterThanOrEqual(imp.n);
      expect(attendanceRows(p.db).length).toBe(rowsBefore.length - imp.n);
      expect(
        p.db.prepare('SELECT count(*) FROM attendance WHERE import_id = ?').pluck().get(imp.import_id),
      ).toBe(0);
    } finally {
      p.close();
    }
  }, 180_000);
});
