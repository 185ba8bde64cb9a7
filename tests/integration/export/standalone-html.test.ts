import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandaloneDocument } from '../../../src/core/export/standalone-html';
import { launchExportBrowser } from '../../../src/main/export/chromium';
import { buildStandaloneHtml } from '../../../src/main/export/standalone';
import { keep, SITE_CAPTION, siteChart } from './support';

const doc: StandaloneDocument = {
  title: 'Fremont County STEM Partnership — reach, 2025-26',
  sections: [
    {
      heading: 'Reach by site',
      intro: ['Youth who attended at least one session.'],
      specs: [
        {
          spec: siteChart(),
          alt: 'Bar chart: Cañon City Library 34 youth, Zoë 21, one site suppressed.',
          caption: SITE_CAPTION,
        },
      ],
      tables: [
        {
          caption: 'Youth per site',
          columns: ['Site', 'Youth'],
          rows: [
            ['Cañon City Library', 34],
            ['Zoë', 21],
            ['<script>alert("x")</script>', null],
          ],
        },
      ],
    },
    {
      heading: 'Second section',
      specs: [
        {
          spec: {
            data: {
              values: [
                { wave: 'Pre', score: 3.1 },
                { wave: 'Post', score: 3.6 },
              ],
            },
            mark: 'bar',
            encoding: {
              x: { field: 'wave', type: 'nominal', sort: null },
              y: { field: 'score', type: 'quantitative' },
            },
          },
          alt: 'Mean S-STEM science score, pre 3.1, post 3.6',
        },
      ],
    },
  ],
  footer: 'Made with Trellis',
};

describe('buildStandaloneHtml', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchExportBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is one file with vega inlined, a CSP without remote sources, and ast: true', async () => {
    const html = await buildStandaloneHtml(doc);
    keep('standalone.html', html);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src( 'sha256-[A-Za-z0-9+/=]+'){4}(;|$)/);
    expect(csp).not.toMatch(/https?:|unsafe-eval|\*/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).toContain('"ast":true');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('renders every chart in Chromium with the network cut off, attempting no request, no CSP violation', async () => {
    const html = await buildStandaloneHtml(doc);
    const context = await browser.newContext({ offline: true });
    const attempted: string[] = [];
    context.on('request', (r) => {
      if (!/^(data|about|blob):/.test(r.url())) attempted.push(r.url());
    });
    await context.route('**', (route) => {
      attempted.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    try {
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      await page.setContent(html, { waitUntil: 'load' });
      await page.waitForFunction(
        () => document.querySelectorAll('[data-rendered="true"]').length === 2,
        null,
        { timeout: 15_000 },
      );
      const first = await page.locator('#chart-1-1 svg').first().textContent();
      expect(first).toContain('Cañon City Library');
      expect(first).toContain('Zoë');
      expect(first).toContain('suppressed (n < 10)');
      const second = await page.locator('#chart-2-1 svg').first().textContent();
      expect(second).toContain('Post');
      expect(await page.locator('#chart-1-1').getAttribute('aria-label')).toMatch(
        /^Bar chart: Cañon City Library/,
      );
      expect(await page.locator('figcaption').first().textContent()).toContain(
        'Sites with fewer than 10 youth are suppressed.',
      );
      expect(await page.locator('table td').nth(4).textContent()).toBe('<script>alert("x")</script>');
      await page.screenshot({ path: keep('standalone.png', new Uint8Array()), fullPage: true });
      expect(attempted).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
