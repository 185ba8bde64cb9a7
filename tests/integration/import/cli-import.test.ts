import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp';
import { buildCli } from './support/build-cli';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/real-exports');

describe('trellis preview / import / imports / undo-import', () => {
  const temp = useTempDir();
  let cli = '';
  let buildDir = '';
  beforeAll(async () => {
    ({ cli, dir: buildDir } = await buildCli());
  }, 120_000);
  afterAll(() => rmSync(buildDir, { recursive: true, force: true }));
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  const survey = (rows: string[]) => `id,student_id,Q1,Q2\n${rows.join('\n')}\n`;

  it('preview --json prints the detected settings and the proposed mapping; the mapping file imports as it is', () => {
    const dir = temp();
    const file = join(dir, 'youth-pre-2024-25.csv');
    writeFileSync(file, survey(['R1,S1,Agree,Disagree', 'R2,S2,Strongly agree,Agree']));
    const preview = run('preview', file, '--json');
    expect(preview.code).toBe(0);
    const p = JSON.parse(preview.out) as {
      settings: { delimiter: string };
      mapping: { kind: string; cohort: string; wave: string };
    };
    expect(p.settings.delimiter).toBe(',');
    expect(p.mapping).toMatchObject({ kind: 'survey', cohort: '2024-25', wave: 'pre' });
    const mappingFile = join(dir, 'mapping.json');
    writeFileSync(mappingFile, JSON.stringify(p.mapping));
    const project = join(dir, 'p.trellis');
    const imported = run('import', file, '--project', project, '--mapping', mappingFile, '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({
      status: 'imported',
      rowsImported: 2,
      counts: { responses: 4 },
    });
    const again = run('import', file, '--project', project, '--json');
    expect(JSON.parse(again.out)).toMatchObject({ status: 'already_imported' });
  });

  it('exit 1 with the first issues on stderr when nothing was imported; --skip-invalid imports the rest; undo-import', () => {
    const dir = temp();
    const file = join(dir, 'pre-2024-25.csv');
    writeFileSync(file, survey(['R1,S1,Agree,Disagree', 'R2,S2,Agree,Whatever', 'R3,S3,Disagree,Agree']));
    const project = join(dir, 'p.trellis');
    const mappingFile = join(dir, 'm.json');
    const sample = join(dir, 'sample-pre-2024-25.csv');
    writeFileSync(sample, survey(['R1,S1,Agree,Disagree', 'R3,S3,Disagree,Strongly agree']));
    writeFileSync(
      mappingFile,
      JSON.stringify((JSON.parse(run('preview', sample, '--json').out) as { mapping: unknown }).mapping),
    );
    const refused = run('import', file, '--project', project, '--mapping', mappingFile);
    expect(refused.code).toBe(1);
    expect(refused.err.trim().split('\n')).toHaveLength(1);
    expect(refused.err).toMatch(
      /nothing was imported: 1 rows have errors\. First: error unknown_answer at row 3, column 4 \(Q2\)/,
    );
    const skipped = run(
      'import',
      file,
      '--project',
      project,
      '--mapping',
      mappingFile,
      '--skip-invalid',
      '--json',
    );
    expect(skipped.code).toBe(0);
    const report = JSON.parse(skipped.out) as { importId: number; rowsImported: number; rowsSkipped: number };
    expect(report).toMatchObject({ rowsImported: 2, rowsSkipped: 1 });
    const list = run('imports', '--project', project, '--json');
    expect(JSON.parse(list.out)).toEqual([
      expect.objectContaining({ importId: report.importId, rowsSkipped: 1, issueCount: 1 }),
    ]);
    const undo = run('undo-import', String(report.importId), '--project', project);
    expect(undo.code).toBe(0);
    expect(undo.out).toMatch(/^Undid import \d+ \(pre-2024-25\.csv\): \d+ rows removed\./);
    expect(run('undo-import', String(report.importId), '--project', project)).toMatchObject({ code: 1 });
    expect(run('imports', '--project', project).out.trim()).toBe('No imports yet.');
  });

  it('usage errors exit 2; a missing file or a bad mapping file exits 1 with one line', () => {
    const dir = temp();
    expect(run('import').code).toBe(2);
    expect(run('import', 'x.csv').code).toBe(2); // --project is required
    expect(run('undo-import', 'abc', '--project', join(dir, 'p')).code).toBe(2);
    expect(run('import', 'x.csv', '--project', join(dir, 'p'), '--wave', 'middle').code).toBe(2);
    const missing = run('import', join(dir, 'nope.csv'), '--project', join(dir, 'p'));
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.err).toMatch(/nope\.csv does not exist/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ kind: 'survey', fields: { participant_key: 3 } }));
    writeFileSync(join(dir, 'f.csv'), 'a,b\n1,2\n');
    const r = run('import', join(dir, 'f.csv'), '--project', join(dir, 'p'), '--mapping', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.json is not a valid mapping at fields\.participant_key/);
  });

  it('a closed pipe (`trellis preview --json | head -c 100`) ends quietly, without an EPIPE error', () => {
    const file = join(FIXTURES, 'surveymonkey-fivethirtyeight/MIDWEST.csv');
    const r = spawnSync(
      'bash',
      ['-o', 'pipefail', '-c', `"${process.execPath}" "${cli}" preview "${file}" --json | head -c 100`],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toHaveLength(100);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
