import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPngInfo } from '../../../src/core/export/png-dpi';
import { runCli } from '../../../src/main/cli/run-cli';
import { useExportSourceForCli } from '../../../src/main/cli/commands/export-env';
import { catalogueSource } from '../../../src/main/export/chart-source';
import { openProject } from '../../../src/main/db/open-project';
import { seedSmallPartnership } from '../../helpers/model-seed';
import { useTempDir } from '../../helpers/temp';
import { LABELS, sampleMetrics, STUB_CATALOGUE } from './catalogue-stub';
import { pdfPageSize, poppler } from './support';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, '9.9.9');
  return { code, out: out.join(''), err: err.join('') };
}

describe('trellis export and trellis report', () => {
  const temp = useTempDir();
  let restore = () => {};
  let dir = '';
  let project = '';
  beforeEach(() => {
    restore = useExportSourceForCli(() => catalogueSource(STUB_CATALOGUE, (q) => sampleMetrics(q)));
    dir = temp();
    project = join(dir, 'cli.trellis');
    const p = openProject(project);
    seedSmallPartnership(p.db);
    p.close();
  });
  afterEach(() => restore());

  it('export chart --format png --dpi --width-in: the exact pixels and the DPI', async () => {
    const out = join(dir, 'fig.png');
    const r = await run([
      'export',
      'chart',
      '--project',
      project,
      '--chart',
      'reach-by-site',
      '--width-in',
      '3',
      '--dpi',
      '200',
      '--out',
      out,
      '--json',
    ]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(r.out)).toMatchObject({ path: out, warnings: [] });
    const info = readPngInfo(readFileSync(out));
    expect([info.width, Math.round(info.dpiX!)]).toEqual([600, 200]);
  });

  it('export chart: the format follows the extension; SVG holds the labels', async () => {
    const out = join(dir, 'fig.svg');
    const r = await run([
      'export',
      'chart',
      '--project',
      project,
      '--chart',
      'reach-by-site',
      '--filter',
      'site=Cañon City Library',
      '--out',
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Wrote .*fig\.svg \([\d,]+ bytes\)/);
    expect(readFileSync(out, 'utf8')).toContain(`>${LABELS.zoe}</text>`);
  });

  it('export chart --list names the charts', async () => {
    const r = await run(['export', 'chart', '--project', project, '--list']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^reach-by-site\s+Youth reached per site$/m);
    expect(r.out).toContain('cohorts-compare');
    expect(r.out).toContain('nothing to draw: Import a second cohort');
  });

  it('export table --format csv --bom, and --section with --by', async () => {
    const out = join(dir, 't.csv');
    const r = await run([
      'export',
      'table',
      '--project',
      project,
      '--chart',
      'partners-comments',
      '--bom',
      '--out',
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain("'+1+1,12,-0.42");

    const xlsx = join(dir, 'reach.xlsx');
    const r2 = await run([
      'export',
      'table',
      '--project',
      project,
      '--section',
      'reach',
      '--by',
      'site',
      '--out',
      xlsx,
    ]);
    expect(r2.code, r2.err).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('report --out report.pdf: Letter pages with the labels and the questions asked', async () => {
    const out = join(dir, 'report.pdf');
    const r = await run([
      'report',
      '--project',
      project,
      '--title',
      'Year 2 report for Zoë',
      '--question',
      'How many youth did each site reach? :: reach-by-site',
      '--question',
      'Did interest grow? :: outcomes-change',
      '--out',
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    expect(pdfPageSize(out)).toMatchObject({ width: 612, height: 792 });
    const text = poppler('pdftotext', [out, '-']).replace(/\s+/g, ' ');
    for (const want of [
      'Year 2 report for Zoë',
      'How many youth did each site reach?',
      'Did interest grow?',
      LABELS.library,
      'Methods',
    ])
      expect(text.includes(want), want).toBe(true);
  });

  it('export dashboard --out x.html: one self-contained file', async () => {
    const out = join(dir, 'dash.html');
    const r = await run(['export', 'dashboard', '--project', project, '--out', out]);
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Youth reached per site');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it.each([
    [
      ['export', 'chart', '--project', 'P', '--chart', 'x', '--out', 'fig.bmp'],
      /Cannot tell the format from "fig.bmp"/,
    ],
    [['export', 'chart', '--project', 'P', '--chart', 'x'], /--out FILE is required/],
    [['export', 'frob', '--project', 'P'], /chart, table or dashboard \(not "frob"\)/],
    [
      ['export', 'chart', '--project', 'P', '--chart', 'x', '--preset', 'poster', '--out', 'a.png'],
      /--preset must be one of report, slide, half-column/,
    ],
    [['export', 'table', '--project', 'P', '--out', 'a.csv'], /either --chart NAME .* or --section S/],
    [['report', '--project', 'P', '--out', 'r.docx'], /Cannot tell the format/],
    [
      ['export', 'chart', '--project', 'P', '--chart', 'x', '--filter', 'colour=blue', '--out', 'a.svg'],
      /unknown key "colour"/,
    ],
    [
      ['export', 'chart', '--project', 'P', '--chart', 'x', '--filter', 'site=Atlantis', '--out', 'a.svg'],
      /no site "Atlantis" in this project \(CCL\)/,
    ],
  ])('usage errors exit 2: %j', async (argv, message) => {
    const r = await run(argv.map((a) => (a === 'P' ? project : a)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('an unknown chart is a user error (exit 1, one line)', async () => {
    const r = await run([
      'export',
      'chart',
      '--project',
      project,
      '--chart',
      'nope',
      '--out',
      join(dir, 'a.svg'),
    ]);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/There is no chart called "nope"/);
  });
});
