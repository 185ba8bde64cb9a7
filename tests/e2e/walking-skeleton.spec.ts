import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from './support/trellis-server';

const fixture = resolve(import.meta.dirname, '..', 'fixtures', 'skeleton', 'youth-roster.csv');

test('a CSV goes in, its row count and a chart come out (browser mode, real Chromium)', async ({
  page,
  served,
}, testInfo) => {
  const offOrigin: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(served.origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      offOrigin.push(r.url());
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

  await page.goto(served.url);
  // the token is swapped for a cookie and removed from the address bar
  await expect(page).toHaveURL(`${served.origin}/`);
  await expect(page.getByTestId('project-name')).toHaveText('e2e');

  // files come in on the Data page (a new project opens on the Overview, which says so)
  await page.getByTestId('nav-data').click();
  // the raw-table path: "Quick look at a CSV" (surveys and rosters go through the import wizard)
  await page.getByTestId('quick-look').locator('summary').click();
  await page.getByTestId('file-input').setInputFiles(fixture);
  const preview = page.getByTestId('preview');
  const expectedRows = readFileSync(fixture, 'utf8').trim().split('\n').length - 1;
  await expect(preview.getByTestId('row-count')).toHaveText(String(expectedRows));
  await expect(preview.locator('thead th')).toHaveText(['youth_id', 'program', 'grade', 'school']);

  await preview.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByRole('status').filter({ hasText: `Imported ${expectedRows} rows` })).toBeVisible();

  // The chart counts rows per program; the smallest program (fewer than 10 youth) is suppressed, and
  // so is the next smallest, since the total is on screen.
  const chart = page.getByTestId('count-chart');
  await expect(chart.locator('svg')).toBeVisible();
  await expect(chart.locator('svg')).toContainText('After-school club');
  await expect(chart.locator('svg')).toContainText('suppressed (n < 10)');
  await expect(chart).toHaveAttribute('aria-label', /2 values shown, 2 suppressed/);
  // The bar labels carry the counts: the suppressed group's 6 is not among them.
  await expect(chart.locator('g.mark-text.role-mark text')).toHaveText([
    '34',
    '21',
    'suppressed (complementary)',
    'suppressed (n < 10)',
  ]);

  await page.screenshot({ path: testInfo.outputPath('walking-skeleton.png'), fullPage: true });
  await page.screenshot({
    path: join('test-results', 'screenshots', 'walking-skeleton.png'),
    fullPage: true,
  });
  expect(offOrigin, 'no request may leave the app').toEqual([]);
  expect(consoleErrors).toEqual([]);
});
