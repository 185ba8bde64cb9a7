import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExportBrowser } from '../../../src/main/export/chromium';
import { useTempDir } from '../../helpers/temp';
import { LABELS } from './catalogue-stub';
import { openOffline } from './offline';
import { keep } from './support';
import { delivered, download, exportCore } from './support-core';

describe('export.dashboard and the HTML report open offline', () => {
  const temp = useTempDir();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchExportBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the standalone dashboard draws every chart from a file:// URL with the network off', async () => {
    const { session, dispatch } = exportCore(temp());
    const d = delivered(await dispatch('export.dashboard', { title: 'Fremont County STEM: dashboard' }));
    expect(d.fileName).toBe('Fremont-County-STEM-dashboard.html');
    expect(d.warnings).toEqual([
      '“Cohorts compared” was left out: Import a second cohort’s surveys to compare cohorts.',
    ]);
    const path = keep('dashboard.html', download(session, d));
    const { page, attempted, problems, close } = await openOffline(browser, path);
    try {
      await page.waitForFunction(
        () => document.querySelectorAll('[data-rendered="true"]').length === 3,
        null,
        {
          timeout: 20_000,
        },
      );
      expect(await page.locator('[data-error]').count()).toBe(0);
      const text = (await page.locator('main').textContent()) ?? '';
      for (const want of [
        LABELS.library,
        LABELS.zoe,
        'suppressed (n < 10)',
        'Reach and dosage',
        'Youth outcomes',
      ])
        expect(text.includes(want), want).toBe(true);
      expect(text).toContain('Any group of fewer than 10 youth is suppressed');
      await page.screenshot({ path: keep('dashboard.png', new Uint8Array()), fullPage: true });
      expect(attempted).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the HTML report shows its figures with scripts and network off', async () => {
    const { session, dispatch } = exportCore(temp());
    const d = delivered(await dispatch('export.report', { format: 'html' }));
    const path = keep('report-offline.html', download(session, d));
    const { page, attempted, problems, close } = await openOffline(browser, path);
    try {
      expect(await page.locator('figure svg').count()).toBe(3);
      const box = await page.locator('figure svg').first().boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(await page.locator('figure svg text', { hasText: LABELS.zoe }).count()).toBeGreaterThan(0);
      await page.screenshot({ path: keep('report-offline.png', new Uint8Array()), fullPage: true });
      expect(attempted).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
