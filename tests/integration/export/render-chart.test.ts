import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPngInfo } from '../../../src/core/export/png-dpi';
import { EXPORT_PRESETS, EXPORT_PRESET_IDS, pixelWidth } from '../../../src/core/export/presets';
import { TrellisError } from '../../../src/shared/errors';
import { launchExportBrowser, pickChromium } from '../../../src/main/export/chromium';
import { renderChartPdf, renderChartPng } from '../../../src/main/export/render-browser';
import { renderChartSvg } from '../../../src/main/export/render-svg';
import { keep, pdfPageSize, poppler, SITE_CAPTION, SITE_LABELS, siteChart } from './support';

/** pHYs read by hand: pngjs decodes the image but skips pHYs. */
function physDpi(png: Buffer): number {
  const at = png.indexOf('pHYs', 8, 'latin1');
  expect(at, 'pHYs chunk').toBeGreaterThan(0);
  expect(at, 'pHYs before IDAT').toBeLessThan(png.indexOf('IDAT', 8, 'latin1'));
  expect(png[at + 12], 'unit is metre').toBe(1);
  return png.readUInt32BE(at + 4) * 0.0254;
}

describe('chart to SVG (Node, no browser)', () => {
  it('keeps text as text, non-ASCII intact and markup escaped, with a portable font stack', async () => {
    const warnings: string[] = [];
    const svg = await renderChartSvg(siteChart(), {
      caption: SITE_CAPTION,
      onWarning: (w) => warnings.push(w),
    });
    keep('site-chart.svg', svg);
    expect(warnings).toEqual([]);
    expect(svg).toContain('>Cañon City Library</text>');
    expect(svg).toContain('>Zoë</text>');
    expect(svg).toContain('Florence &amp; Penrose &lt;pilot&gt;');
    expect(svg).not.toContain('Penrose <pilot>');
    expect(svg).toMatch(/font-family="[^"]*Arial, sans-serif"/);
    expect(svg).toContain('Sites with fewer than 10 youth are suppressed.');
    expect(svg).toContain('n = 55 youth. Statistic: count of distinct youth');
    // No raster fallbacks: every label is a <text> element.
    expect(svg).not.toContain('<image');
  });

  it('keeps a font the spec sets itself', async () => {
    const spec = { ...siteChart(), config: { font: 'Georgia, serif' } };
    expect(await renderChartSvg(spec)).toContain('font-family="Georgia, serif"');
  });
});

describe('chart to PNG and PDF (headless Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchExportBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the SVG export is well-formed XML that Chromium parses, labels intact', async () => {
    const svg = await renderChartSvg(siteChart(), { caption: SITE_CAPTION });
    const page = await browser.newPage();
    try {
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          text: doc.documentElement.textContent,
        };
      }, svg);
      expect(parsed.error).toBeNull();
      for (const label of SITE_LABELS) expect(parsed.text).toContain(label);
    } finally {
      await page.close();
    }
  });

  it.each(EXPORT_PRESET_IDS)(
    'PNG for the %s preset is inches x dpi pixels wide and says its dpi',
    async (id) => {
      const png = await renderChartPng(siteChart(), { size: id, caption: SITE_CAPTION, browser });
      keep(`site-chart-${id}.png`, png);
      const preset = EXPORT_PRESETS[id];
      const decoded = PNG.sync.read(png);
      expect(decoded.width).toBe(Math.round(preset.widthInches * preset.dpi));
      expect(decoded.width).toBe(pixelWidth(preset));
      expect(physDpi(png)).toBeCloseTo(preset.dpi, 1);
      expect(readPngInfo(png).dpiY).toBeCloseTo(preset.dpi, 1);
      // Caption included: the figure is taller than the chart's own aspect would give.
      expect(decoded.height).toBeGreaterThan(decoded.width / 5);
      // Opaque white corners: print-ready, no transparent background.
      expect([...decoded.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    },
  );

  it('PNG at an explicit size: 4 in at 150 dpi is 600 px', async () => {
    const png = await renderChartPng(siteChart(), { size: { widthInches: 4, dpi: 150 }, browser });
    expect(PNG.sync.read(png).width).toBe(600);
    expect(physDpi(png)).toBeCloseTo(150, 1);
  });

  it('PDF: one page the width of the figure, labels extractable as text, fonts embedded', async () => {
    const pdf = await renderChartPdf(siteChart(), { caption: SITE_CAPTION, browser });
    const path = keep('site-chart.pdf', pdf);
    const size = pdfPageSize(path);
    expect(size.pages).toBe(1);
    expect(size.width).toBeCloseTo(6.5 * 72, 0);
    const text = poppler('pdftotext', ['-enc', 'UTF-8', path, '-']);
    for (const label of [
      'Cañon City Library',
      'Zoë',
      'Florence & Penrose <pilot>',
      'Sites with fewer than 10 youth are suppressed.',
    ]) {
      expect(text).toContain(label);
    }
    const fonts = poppler('pdffonts', [path]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line, line).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, unicode map
    poppler('pdftoppm', ['-png', '-r', '150', '-singlefile', path, path.replace(/\.pdf$/, '-pdf-page')]);
  });

  it('no Chromium: a not_available error that says how to install one', () => {
    let caught: unknown;
    try {
      pickChromium(['/nonexistent/chromium']);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TrellisError);
    expect((caught as TrellisError).code).toBe('not_available');
    expect((caught as TrellisError).message).toMatch(
      /apt-get install -y chromium.*playwright install chromium.*CHROMIUM_PATH/,
    );
  });
});
