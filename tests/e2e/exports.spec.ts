import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readPngInfo } from '../../src/core/export/png-dpi';
import { expect, startServe, test } from './support/trellis-server';

const RESULTS = resolve(import.meta.dirname, '..', '..', 'test-results', 'e2e-exports');

/**
 * Exports from the UI in browser mode, on the demo partnership: a figure from a chart card's Export
 * menu, then the report from the Report dialog. Both arrive as browser downloads from the loopback
 * server's one-shot /api/download URLs.
 */
test('a figure and a report exported from the UI in browser mode', async ({ page }) => {
  test.setTimeout(180_000);
  const { served, stop } = await startServe(['--demo']);
  mkdirSync(RESULTS, { recursive: true });
  try {
    await page.goto(served.url);
    await expect(page.getByTestId('project-name')).toContainText('Demo partnership');
    await page.getByTestId('nav-reach').click();
    const card = page.getByTestId('export-menu-reach-youth');
    await expect(card).toBeVisible({ timeout: 60_000 });

    // 1. The figure: PNG at "Report figure (6.5 in, 300 dpi)", with its caption.
    await card.click();
    const panel = page.getByRole('dialog', { name: /Export “Youth reached/ });
    await expect(panel.getByRole('combobox')).toHaveValue('report');
    await page.screenshot({ path: join(RESULTS, 'export-menu.png') });
    const [figure] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Save figure' }).click(),
    ]);
    expect(figure.suggestedFilename()).toMatch(/^Youth-reached.*\.png$/);
    const pngPath = join(RESULTS, figure.suggestedFilename());
    await figure.saveAs(pngPath);
    const png = readPngInfo(readFileSync(pngPath));
    expect(png.width).toBe(1950);
    expect(Math.round(png.dpiX!)).toBe(300);
    await expect(panel.getByRole('status')).toContainText('Downloaded');

    // The same chart's table as CSV for Excel (BOM).
    await panel.getByText('For Excel on Windows').click();
    const [table] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Save table' }).click(),
    ]);
    const csvPath = join(RESULTS, table.suggestedFilename());
    await table.saveAs(csvPath);
    expect([...readFileSync(csvPath).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    await page.keyboard.press('Escape');

    // 2. The report: default questions and charts, PDF.
    await page.getByTestId('open-report').click();
    const dialog = page.getByTestId('report-dialog');
    await expect(dialog.getByTestId('report-question').first()).toBeVisible({ timeout: 60_000 });
    await dialog.getByLabel('Title').fill('Demo partnership: Year 3 report to NSF');
    await dialog
      .getByTestId('report-question')
      .first()
      .getByRole('textbox')
      .fill('Who did the partnership reach?');
    const [report] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      dialog.getByRole('button', { name: 'Create report' }).click(),
    ]);
    expect(report.suggestedFilename()).toBe('Demo-partnership-Year-3-report-to-NSF.pdf');
    const pdfPath = join(RESULTS, report.suggestedFilename());
    await report.saveAs(pdfPath);
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const want of [
      'Demo partnership: Year 3 report to NSF',
      'Who did the partnership reach?',
      'Youth reached by program and cohort',
      'Figure 1.',
      'Data sources',
      'Participants, matching and attrition',
      'Privacy: small groups are suppressed',
    ])
      expect(text.includes(want), want).toBe(true);
    await expect(dialog.getByRole('status')).toContainText('Downloaded');

    // Pages as images, to look at.
    const pages = join(RESULTS, 'report-pages');
    rmSync(pages, { recursive: true, force: true });
    mkdirSync(pages);
    execFileSync('pdftoppm', ['-r', '60', '-png', pdfPath, join(pages, 'page')]);
    expect(readdirSync(pages).length).toBeGreaterThan(3);
    await page.screenshot({ path: join(RESULTS, 'report-dialog.png') });
  } finally {
    await stop();
  }
});
