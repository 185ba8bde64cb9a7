import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDemoProject } from '../../../src/main/services/demo-project';
import { listTemplates } from '../../../src/main/import/templates';
import { matchReport } from '../../../src/main/import/history';
import { previewImport } from '../../../src/main/import/preview';
import { useTempDir } from '../../helpers/temp';

const RESOURCES = resolve(import.meta.dirname, '../../../resources');
const manifest = JSON.parse(readFileSync(join(RESOURCES, 'demo', 'manifest.json'), 'utf8')) as {
  files: {
    path: string;
    kind: string;
    data_rows?: number;
    expected?: { data_rows: number; previews?: number };
  }[];
};

describe('the demo partnership, built through the import pipeline', () => {
  const temp = useTempDir();

  it('imports every demo file as its manifest describes, skipping and listing only the planted bad rows', async () => {
    const path = join(temp(), 'demo.trellis');
    const { project, built, reports } = await ensureDemoProject(path, RESOURCES);
    try {
      expect(built).toBe(true);
      expect(reports.map((r) => r.fileName)).toEqual(manifest.files.map((f) => f.path));
      for (const [i, file] of manifest.files.entries()) {
        const r = reports[i]!;
        const dataRows = file.expected?.data_rows ?? file.data_rows!;
        expect({ file: file.path, status: r.status, read: r.rowsRead + r.rowsDropped }).toEqual({
          file: file.path,
          status: 'imported',
          read: dataRows,
        });
        expect(r.rowsDropped).toBe(file.expected?.previews ?? 0);
        // Only the youth surveys carry planted problems (unknown or blank IDs, duplicate submissions).
        if (file.path.startsWith('youth-survey')) {
          expect(r.rowsSkipped).toBeGreaterThan(0);
          const codes = new Set(r.issues.filter((x) => x.severity === 'error').map((x) => x.code));
          expect(
            [...codes].every((c) =>
              ['unknown_participant', 'duplicate_respondent', 'missing_participant_id'].includes(c),
            ),
          ).toBe(true);
        } else expect(r.rowsSkipped).toBe(0);
      }
      const db = project.db;
      const count = (sql: string) => db.prepare(sql).pluck().get() as number;
      expect(count('SELECT count(*) FROM participants')).toBe(600);
      expect(count('SELECT count(*) FROM partners')).toBe(17);
      expect(count('SELECT count(*) FROM attendance')).toBe(6784 + 7216 + 8102);
      expect(count("SELECT count(*) FROM mentors WHERE name = 'Zoë Nakamura'")).toBe(1);
      expect(count('SELECT count(*) FROM items WHERE is_reverse_coded = 1')).toBe(5);
      // IDs typed as y0042, Y42 or " Y0042 " reached the roster's participant.
      expect(
        count(
          "SELECT count(*) FROM respondents WHERE key NOT GLOB 'youth:Y[0-9][0-9][0-9][0-9]' AND kind = 'youth'",
        ),
      ).toBe(0);
      // The renumbered 2024-25 export still maps on ImportIds: CA1 is Q2_1 there, Q1_1 before.
      expect(
        db
          .prepare(
            `SELECT c.code, v.platform_column FROM item_versions v JOIN items i ON i.id = v.item_id JOIN cohorts c ON c.id = v.cohort_id
                    WHERE i.code = 'CA1' ORDER BY c.code`,
          )
          .all(),
      ).toEqual([
        { code: '2022-23', platform_column: 'Q1_1' },
        { code: '2023-24', platform_column: 'Q1_1' },
        { code: '2024-25', platform_column: 'Q2_1' },
      ]);
      const [match] = matchReport(db, {
        instrument: 'youth_stem',
        cohort: '2024-25',
        preWave: 'pre',
        postWave: 'post',
      });
      expect(match!.matched).toBeGreaterThan(100);
      expect(
        listTemplates(db)
          .map((t) => t.name)
          .sort(),
      ).toContain('STEM Career Connections youth survey (pre)');
    } finally {
      project.close();
    }
    // Opening it again does not build it twice.
    const again = await ensureDemoProject(path, RESOURCES);
    expect(again.built).toBe(false);
    again.project.close();
  });
});

describe('the proposal for the demo surveys, without the manifest', () => {
  const items = (
    JSON.parse(readFileSync(join(RESOURCES, 'demo', 'manifest.json'), 'utf8')) as {
      instruments: { items: { code: string; text: string; reverse_coded: boolean }[] }[];
    }
  ).instruments.flatMap((i) => i.items);
  const reversedTexts = items.filter((i) => i.reverse_coded).map((i) => i.text);

  it.each(
    manifest.files
      .filter((f) => f.kind === 'survey')
      .map((f) => f.path)
      .filter((p) => /pre-2024|2025/.test(p)),
  )('%s: the items suggested as reverse-coded are the negatively worded ones', async (path) => {
    const preview = await previewImport(null, join(RESOURCES, 'demo', path));
    // the proposal's text is the platform's (a matrix question's stem may precede the statement)
    const proposed = preview.mapping.survey!.items;
    const reversedHere = proposed.filter((i) => reversedTexts.some((t) => i.text.includes(t)));
    expect(reversedHere.length).toBeGreaterThan(0);
    expect(proposed.filter((i) => i.reverse).map((i) => i.code)).toEqual(reversedHere.map((i) => i.code));
  });
});
