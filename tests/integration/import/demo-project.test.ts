import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDemoProject } from '../../../src/main/services/demo-project';
import { useTempDir } from '../../helpers/temp';

const RESOURCES = resolve(import.meta.dirname, '../../../resources');

describe('the demo partnership, built through the import pipeline', () => {
  const temp = useTempDir();

  it('imports every demo file and lists the rows it skipped', async () => {
    const { project, built, reports } = await ensureDemoProject(join(temp(), 'demo.trellis'), RESOURCES);
    try {
      expect(built).toBe(true);
      for (const r of reports)
        console.log(
          r.fileName,
          r.status,
          r.rowsRead,
          r.rowsImported,
          r.rowsSkipped,
          r.rowsDropped,
          JSON.stringify(r.counts),
          r.issues
            .filter((i) => i.severity === 'error')
            .slice(0, 3)
            .map((i) => `${i.code}@${i.row}:${i.columnName}=${i.value}`)
            .join(' | '),
        );
      const db = project.db;
      const count = (sql: string) => db.prepare(sql).pluck().get() as number;
      expect(count('SELECT count(*) FROM participants')).toBe(600);
      expect(count('SELECT count(*) FROM partners')).toBe(17);
    } finally {
      project.close();
    }
  });
});
