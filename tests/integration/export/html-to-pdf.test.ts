import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExportBrowser } from '../../../src/main/export/chromium';
import { renderChartSvg } from '../../../src/main/export/render-svg';
import { renderHtmlToPdf } from '../../../src/main/export/render-browser';
import { keep, pdfPageSize, poppler, SITE_CAPTION, siteChart } from './support';

async function reportHtml(): Promise<string> {
  const svg = await renderChartSvg(siteChart(), { caption: SITE_CAPTION });
  const para = '<p>Partners met monthly; attendance was logged per session at each site. '.repeat(6) + '</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report</title>
<style>body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; } figure { margin: 0; } figure svg { width: 100%; height: auto; }
h1 { page-break-before: always; } h1:first-of-type { page-break-before: avoid; }
img.remote { width: 10px; }</style></head>
<body><h1>Reach, Cañon City Library and Zoë’s club</h1>${para}<figure>${svg}</figure>
<img class="remote" src="https://example.org/tracker.png" alt="">
<h1>Second page</h1>${para}</body></html>`;
}

describe('renderHtmlToPdf', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchExportBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('prints on Letter with the labels as real text, fonts embedded, and no request leaving the page', async () => {
    const blocked: string[] = [];
    const pdf = await renderHtmlToPdf(await reportHtml(), {
      pageSize: 'Letter',
      margins: { top: '1in', bottom: '1in' },
      browser,
      pageNumbers: true,
      onBlockedRequest: (url) => blocked.push(url),
    });
    expect(blocked).toEqual(['https://example.org/tracker.png']);
    const path = keep('report.pdf', pdf);
    const size = pdfPageSize(path);
    expect(size).toMatchObject({ width: 612, height: 792, pages: 2 });
    const text = poppler('pdftotext', ['-enc', 'UTF-8', path, '-']);
    for (const label of [
      'Cañon City Library',
      'Zoë',
      'Sites with fewer than 10 youth are suppressed.',
      '1/2',
    ])
      expect(text).toContain(label);
    for (const line of poppler('pdffonts', [path]).split('\n').slice(2).filter(Boolean))
      expect(line, line).toMatch(/\byes\s+yes\s+yes\b/);
    poppler('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      path,
      path.replace(/\.pdf$/, '-page1'),
    ]);
  });

  it('A4 landscape when asked', async () => {
    const pdf = await renderHtmlToPdf('<p>Zoë</p>', { pageSize: 'A4', landscape: true, browser });
    const size = pdfPageSize(keep('a4.pdf', pdf));
    // A4 is 841.89 x 595.28 pt; Chromium rounds to whole CSS px (842.88 x 595.44).
    expect(Math.abs(size.width - 841.89)).toBeLessThan(1.5);
    expect(Math.abs(size.height - 595.28)).toBeLessThan(1.5);
  });
});
