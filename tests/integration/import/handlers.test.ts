import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../src/shared/contract';
import { useTempDir } from '../../helpers/temp';
import { realCore } from '../../helpers/session';

// The wizard's calls, through the real dispatcher: what the renderer sends and gets back.
describe('import.* through the dispatcher', () => {
  const temp = useTempDir();

  it('preview -> dry run -> run -> list -> issues CSV -> match report -> undo', async () => {
    const dir = temp();
    const { session, dispatch } = realCore(dir);
    try {
      const path = join(dir, 'club-pre-2024-25.csv');
      writeFileSync(
        path,
        'ResponseId,student_id,Q1,Q2\nR1,S1,Agree,Disagree\nR2,S2,Agree,Nope\nR3,S3,Strongly agree,Agree\n',
      );
      const file = session.files.register(path);
      const progress: Progress[] = [];
      const preview = await dispatch('import.preview', { file }, { onProgress: (p) => progress.push(p) });
      expect(preview.ok).toBe(true);
      if (!preview.ok) return;
      const value = preview.value as {
        mapping: { kind: string; cohort: string; wave: string };
        columns: { role: string }[];
      };
      expect(value.mapping).toMatchObject({ kind: 'survey', cohort: '2024-25', wave: 'pre' });
      expect(progress.length).toBeGreaterThan(0);

      const dry = await dispatch('import.run', { file, mapping: value.mapping, dryRun: true });
      expect(dry).toMatchObject({ ok: true, value: { status: 'refused', rowsSkipped: 1 } });
      const run = await dispatch('import.run', {
        file,
        mapping: value.mapping,
        policy: 'skip_invalid',
        saveTemplateAs: 'Club survey',
      });
      expect(run).toMatchObject({ ok: true, value: { status: 'imported', rowsImported: 2, rowsSkipped: 1 } });
      const importId = (run as { value: { importId: number } }).value.importId;

      expect(await dispatch('import.list', {})).toMatchObject({
        ok: true,
        value: [{ importId, issueCount: 1 }],
      });
      expect(await dispatch('import.templates', {})).toMatchObject({
        ok: true,
        value: [{ name: 'Club survey', kind: 'survey' }],
      });
      const csv = await dispatch('import.issuesCsv', { importId });
      expect(csv).toMatchObject({
        ok: true,
        value: { rows: 1, csv: expect.stringContaining('unknown_answer') },
      });
      expect(await dispatch('import.matchReport', {})).toMatchObject({
        ok: true,
        value: [{ preCount: 2, postCount: 0, matched: 0 }],
      });
      expect(await dispatch('import.undo', { importId })).toMatchObject({ ok: true, value: { importId } });
      expect(await dispatch('import.undo', { importId })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    } finally {
      session.close();
    }
  });

  it('bad input and unreadable files come back as error data', async () => {
    const dir = temp();
    const { session, dispatch } = realCore(dir);
    try {
      expect(await dispatch('import.run', { file: 'f_nope', mapping: {} })).toMatchObject({
        ok: false,
        error: { code: 'bad_input' },
      });
      const empty = join(dir, 'empty.csv');
      writeFileSync(empty, '');
      const file = session.files.register(empty);
      expect(await dispatch('import.preview', { file })).toMatchObject({
        ok: false,
        error: { code: 'import_failed', message: expect.stringContaining('empty') },
      });
    } finally {
      session.close();
    }
  });
});
