import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../src/shared/contract';
import { realCore } from '../../helpers/session';
import { useTempDir } from '../../helpers/temp';

const roster = resolve(import.meta.dirname, '../../fixtures/skeleton/youth-roster.csv');

describe('the walking skeleton: a CSV in, counts out', () => {
  const temp = useTempDir();

  it('previews, imports and counts, suppressing a group under the threshold and its complement', async () => {
    const dir = temp();
    const { dispatch, session } = realCore(dir);
    const file = session.files.register(roster);
    const preview = await dispatch('table.preview', { file, rows: 3 });
    expect(preview).toMatchObject({
      ok: true,
      value: { columns: ['youth_id', 'program', 'grade', 'school'], rowCount: 73 },
    });
    if (preview.ok) expect((preview.value as { rows: string[][] }).rows).toHaveLength(3);

    const progress: Progress[] = [];
    const imported = await dispatch('table.import', { file }, { onProgress: (p) => progress.push(p) });
    expect(imported).toMatchObject({ ok: true, value: { rowCount: 73 } });
    expect(progress.at(-1)).toMatchObject({ phase: 'Importing', done: progress.at(-1)?.total });
    const importId = imported.ok ? (imported.value as { importId: number }).importId : -1;

    const counts = await dispatch('table.countBy', { importId, column: 1 });
    expect(counts).toEqual({
      ok: true,
      value: {
        column: 'program',
        threshold: 10,
        groups: [
          { value: 'After-school club', count: 34, suppressed: false, reason: null },
          { value: 'Summer camp', count: 21, suppressed: false, reason: null },
          // shown total 73 - 34 - 21 would reveal the 6 if only it were hidden
          {
            value: 'In-school class',
            count: null,
            suppressed: true,
            reason: expect.stringContaining('worked out from the total'),
          },
          { value: 'Mentor pilot', count: null, suppressed: true, reason: 'n < 10' },
        ],
      },
    });
    // non-ASCII survives the round trip
    const schools = await dispatch('table.countBy', { importId, column: 3 });
    expect(JSON.stringify(schools)).toContain('Cañon Middle School');
    session.close();
  });

  it('rolls back a cancelled import: nothing of it is left', async () => {
    const dir = temp();
    const big = join(dir, 'big.csv');
    writeFileSync(
      big,
      'id,program\n' + Array.from({ length: 200_000 }, (_, i) => `${i},P${i % 7}`).join('\n'),
    );
    const { dispatch, session } = realCore(dir);
    const controller = new AbortController();
    const r = await dispatch(
      'table.import',
      { file: session.files.register(big) },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const db = session.project.db;
    expect(db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM import_cells').pluck().get()).toBe(0);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    session.close();
  });

  it('rolls back when the disk fills up, with a clear error', async () => {
    const dir = temp();
    const big = join(dir, 'big.csv');
    writeFileSync(
      big,
      'id,comment\n' + Array.from({ length: 50_000 }, (_, i) => `${i},${'x'.repeat(60)}${i}`).join('\n'),
    );
    const { dispatch, session } = realCore(dir);
    const db = session.project.db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 50}`); // a "disk" with 200 KB free
    const r = await dispatch('table.import', { file: session.files.register(big) });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'disk_full', message: expect.stringContaining('nothing was imported') },
    });
    expect(db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM import_cells').pluck().get()).toBe(0);
    session.close();
  });

  it('refuses an empty file with a clear reason', async () => {
    const dir = temp();
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const { dispatch, session } = realCore(dir);
    const r = await dispatch('table.import', { file: session.files.register(empty) });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'import_failed', message: expect.stringContaining('empty') },
    });
    copyFileSync(roster, join(dir, 'ok.csv'));
    session.close();
  });
});
