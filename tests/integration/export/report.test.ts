import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportColumnPx } from '../../../src/core/report/page';
import type { Progress } from '../../../src/shared/contract';
import { useTempDir } from '../../helpers/temp';
import { LABELS } from './catalogue-stub';
import { keep, pdfPageSize, poppler } from './support';
import { delivered, download, exportCore } from './support-core';

const QUESTIONS = [
  {
    question: 'How many youth did each site reach?',
    charts: ['reach-by-site'],
    tables: ['reach' as const],
  },
  {
    question: 'Did STEM interest grow over the year?',
    charts: ['outcomes-change', 'reach-by-site'],
    tables: ['prePost' as const],
  },
];

describe('export.report: the grant report', () => {
  const temp = useTempDir();

  it('PDF: title page, evidence under each question, captions, methods, page numbers; labels as text', async () => {
    const { session, dispatch } = exportCore(temp());
    const progress: Progress[] = [];
    const d = delivered(
      await dispatch(
        'export.report',
        { title: 'Cañon City STEM Partnership: Year 2 report', questions: QUESTIONS, format: 'pdf' },
        { onProgress: (p) => progress.push(p) },
      ),
    );
    expect(d.fileName).toBe('Cañon-City-STEM-Partnership-Year-2-report.pdf');
    const pdf = download(session, d);
    const path = keep('report.pdf', pdf);
    const size = pdfPageSize(path);
    expect([Math.round(size.width), Math.round(size.height)]).toEqual([612, 792]); // Letter
    expect(size.pages).toBeGreaterThanOrEqual(4);
    // Lines joined: a long title or sentence may wrap anywhere.
    const text = poppler('pdftotext', [path, '-']).replace(/\s+/g, ' ');
    for (const want of [
      '58 youth attended',
      '0.67 (g_av)',
      'Cañon City STEM Partnership: Year 2 report',
      'EVALUATION QUESTION 1', // set in small capitals
      'How many youth did each site reach?',
      'Did STEM interest grow over the year?',
      'Figure 1.',
      'Figure 2.',
      'See Figure 1',
      LABELS.library,
      LABELS.zoe,
      'Florence & Penrose <pilot>',
      'Methods',
      'Data sources',
      'Participants, matching and attrition',
      "Hedges' g_av",
      'suppressed (n < 10)',
      'Maker Club', // the reach table, split by program
    ])
      expect(text.includes(want), want).toBe(true);
    expect(text).toMatch(/ 2 ?\/ ?\d+ /); // page numbers
    // The methods are written from the project: its imports and its codebook (A3 is reverse-coded).
    expect(text).toMatch(/Items? A3 (is|are) reverse-coded as \(1 \+ 5\) − answer/);
    expect(text).toMatch(/52 youth answered the pre survey and 47 the post survey; 44 answered both/);
    expect(text).toMatch(/8 answered only the pre survey: attrition of 15%/);
    expect(text).toContain('Alpha is below .70 for STEM identity');
    // Charts with nothing to draw are named, not silently dropped.
    expect(text).toContain('Import a second cohort');
    expect(progress.at(-1)).toMatchObject({ phase: 'Building the report', unit: 'steps' });

    // Pages as images, to look at (test-results/export/report-pages/).
    const pages = join(import.meta.dirname, '../../../test-results/export/report-pages');
    mkdirSync(pages, { recursive: true });
    poppler('pdftoppm', ['-r', '60', '-png', path, join(pages, 'page')]);
    expect(readdirSync(pages).filter((f) => f.endsWith('.png')).length).toBe(size.pages);
  });

  it('HTML: static, no scripts, nothing it can load; the same content', async () => {
    const { session, dispatch } = exportCore(temp());
    const d = delivered(await dispatch('export.report', { questions: QUESTIONS, format: 'html' }));
    expect(d.fileName).toBe('report-evaluation-report.html');
    const html = download(session, d).toString('utf8');
    keep('report.html', html);
    expect(/<script\b/i.test(html)).toBe(false);
    expect(
      html.includes(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"`),
    ).toBe(true);
    for (const want of [
      `>${LABELS.zoe}</text>`,
      'Florence &amp; Penrose &lt;pilot&gt;',
      'Evaluation question 2',
    ])
      expect(html.includes(want), want).toBe(true);
  });

  it('figures are drawn as wide as the text column (Letter and A4), text at its own size', async () => {
    const { session, dispatch } = exportCore(temp());
    for (const pageSize of ['Letter', 'A4'] as const) {
      const html = download(
        session,
        delivered(await dispatch('export.report', { questions: QUESTIONS, format: 'html', pageSize })),
      ).toString('utf8');
      // The page less its 0.85 in side margins, at 96 px per inch: 6.8 in and 6.57 in.
      const column = pageSize === 'Letter' ? 652 : 630;
      expect(reportColumnPx(pageSize)).toBe(column);
      const widths = [...html.matchAll(/<figure id="figure-\d+"><svg\b[^>]*?\swidth="([\d.]+)"/g)].map((m) =>
        Number(m[1]),
      );
      expect(widths.length, pageSize).toBeGreaterThanOrEqual(2);
      for (const w of widths) expect(Math.abs(w - column), `${pageSize}: ${widths}`).toBeLessThanOrEqual(1);
      // On screen the HTML report's column is the printed one, so the figures are not scaled there either.
      expect(html).toContain(`max-width: ${column}px`);
      // The axis labels keep the size they have on the dashboards (12 px, printed at 9 pt).
      expect(html).toMatch(/font-size="12px"/);
    }
  });

  it('the default report: questions by dashboard page, every chart with something to draw', async () => {
    const { session, dispatch } = exportCore(temp());
    const html = download(session, delivered(await dispatch('export.report', { format: 'html' }))).toString(
      'utf8',
    );
    for (const want of [
      'Who did the partnership reach, and how much did youth take part?',
      'Did youth STEM interest, identity and career awareness change',
      'How strong is the partnership, and what do partners contribute?',
      'Cohorts compared: Import a second cohort’s surveys to compare cohorts.',
    ])
      expect(html.includes(want), want).toBe(true);
    expect(html.match(/<figure id="figure-/g)).toHaveLength(3);
  });

  it('a question naming an unknown chart is refused before any work', async () => {
    const { dispatch } = exportCore(temp());
    const r = await dispatch('export.report', {
      questions: [{ question: 'Q?', charts: ['nope'] }],
      format: 'pdf',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
