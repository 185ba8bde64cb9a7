import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

/**
 * Open an exported HTML file the way a partner would (double-click: a file:// URL) in a Chromium
 * context with networking off; every request other than the file itself is recorded and refused.
 * Console errors, page errors and CSP violations are collected.
 */
export async function openOffline(
  browser: Browser,
  path: string,
): Promise<{ page: Page; attempted: string[]; problems: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ offline: true });
  const self = pathToFileURL(path).href;
  const attempted: string[] = [];
  await context.route('**', (route) => {
    const url = route.request().url();
    if (url === self) return route.continue();
    attempted.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(self, { waitUntil: 'load' });
  return { page, attempted, problems, close: () => context.close() };
}
