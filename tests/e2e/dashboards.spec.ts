import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
// The app's own number formatting: the values are what is checked, not how they are printed.
import { fmt, signed } from '../../src/core/charts/common';
import type { MetricsResult } from '../../src/shared/metrics';
import { expect, startServe, test, type Served } from './support/trellis-server';

/**
 * The dashboards on the demo partnership, in Chromium through browser mode: every page draws, filters
 * apply to every chart and show as chips, the figures on screen equal `trellis metrics --json` for the
 * same filters, nothing is requested outside the app's origin, and each page is saved as a screenshot
 * (test-results/screenshots) for a person to look at. Redraw times after a filter change are printed
 * and written to test-results/screenshots/redraw.json, never asserted.
 */

const ROOT = resolve(import.meta.dirname, '..', '..');
const trellis = join(ROOT, 'bin', 'trellis.js');
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const run = promisify(execFile);
const PAGES = ['overview', 'reach', 'outcomes', 'partners', 'cohorts', 'data'] as const;

let served: Served;
let stop: () => Promise<void>;
/** A second demo project built by `trellis demo`: the CLI cannot open the file `serve` holds. */
let reference: string;
const redraws: Record<string, number[]> = {};

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

/** Until the metrics engine is merged into this build, `trellis metrics` is an unknown command. */
test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ served, stop } = await startServe(['--demo']));
  reference = join(served.home, 'reference.trellis');
  await run(process.execPath, [trellis, 'demo', '--project', reference], { env: served.cliEnv });
});
test.afterAll(async () => {
  writeFileSync(join(SHOTS, 'redraw.json'), JSON.stringify(redraws, null, 2));
  await stop?.();
});

async function cli(args: string[]): Promise<MetricsResult> {
  const r = await run(process.execPath, [trellis, 'metrics', '--project', reference, '--json', ...args], {
    env: served.cliEnv,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(r.stdout) as MetricsResult;
}

/** Every request must stay on the app's own origin (data: and blob: URLs never leave the machine). */
function watchOrigin(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(served.origin) && !/^(data|blob|about):/.test(url)) foreign.push(url);
  });
  return foreign;
}

/** Wait until every chart of the page is drawn for the current filters. */
async function waitReady(page: Page, id: string) {
  const root = page.getByTestId(`page-${id}`);
  await expect(root).toBeVisible();
  await expect
    .poll(
      async () => {
        const [key, ready] = await Promise.all([
          root.getAttribute('data-filters-key'),
          root.getAttribute('data-ready-key'),
        ]);
        return key !== null && key === ready;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

async function visit(page: Page, id: (typeof PAGES)[number]) {
  await page.getByTestId(`nav-${id}`).click();
  await expect(page.getByTestId(`nav-${id}`)).toHaveAttribute('aria-current', 'page');
  if (id !== 'data') await waitReady(page, id);
}

/** Apply a filter and return the page's own measurement of the redraw (in view, ms). */
async function filterAndTime(page: Page, id: string, apply: () => Promise<void>): Promise<number> {
  return (await filterAndMeasure(page, id, apply)).ms;
}

/** The page's own measurement of a redraw: in view, every chart, and when the metrics arrived. */
async function filterAndMeasure(
  page: Page,
  id: string,
  apply: () => Promise<void>,
): Promise<{ ms: number; all: number; fetched: number }> {
  const root = page.getByTestId(`page-${id}`);
  const before = await root.getAttribute('data-filters-key');
  await apply();
  await expect(root).not.toHaveAttribute('data-filters-key', before ?? '');
  await waitReady(page, id);
  await expect(root).not.toHaveAttribute('data-redraw-ms', '');
  const ms = Number(await root.getAttribute('data-redraw-ms'));
  const fetched = Number(await root.getAttribute('data-fetch-ms'));
  const all = Number(await root.getAttribute('data-redraw-all-ms'));
  (redraws[id] ??= []).push(ms);
  (redraws[`${id} (every chart, below the fold too)`] ??= []).push(all);
  console.log(
    `redraw after a filter change on ${id}: ${ms} ms in view, ${all} ms every chart (metrics arrived after ${fetched} ms)`,
  );
  return { ms, all, fetched };
}

async function clearFilters(page: Page) {
  const clear = page.getByRole('button', { name: 'Clear all' });
  if (await clear.isVisible()) await clear.click();
  await expect(page.getByTestId('chip-all')).toBeVisible();
}

test('the demo opens on the Overview; every page draws without a request leaving the app', async ({
  page,
}) => {
  const foreign = watchOrigin(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(served.url);
  await expect(page.getByTestId('project-name')).toContainText('demo');
  await expect(page.getByTestId('demo-banner')).toContainText('trellis serve --project');
  await waitReady(page, 'overview');
  for (const id of PAGES) {
    await visit(page, id);
    const main = page.locator('main');
    // No broken figures: vega would print NaN or undefined for missing fields.
    await expect(main).not.toContainText(/NaN|undefined|Infinity/);
    if (id !== 'data') {
      await expect(page.getByTestId('chip-all')).toBeVisible();
      const drawn = await page.locator('.chart-card svg').count();
      expect(drawn, `${id} draws charts`).toBeGreaterThan(0);
      // Every figure has a text alternative and a caption with its n.
      for (const fig of await page.locator('.chart-card figure[role="img"]').all())
        expect((await fig.getAttribute('aria-label'))?.length ?? 0).toBeGreaterThan(30);
      for (const cap of await page.getByTestId('caption').allTextContents()) expect(cap).toMatch(/n = /);
    }
    await page.screenshot({ path: join(SHOTS, `${id}.png`), fullPage: true });
  }
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});

test('charts fill their cards at 1280 and 1920 px wide and at 125% zoom, text at its real size', async ({
  browser,
}) => {
  // Fifteen page visits, each measured: slow on a loaded machine.
  test.setTimeout(300_000);
  for (const [name, viewport, deviceScaleFactor] of [
    ['1280', { width: 1280, height: 900 }, 1],
    ['1920', { width: 1920, height: 1080 }, 1],
    ['125', { width: 1024, height: 720 }, 1.25],
  ] as const) {
    const context = await browser.newContext({ viewport, deviceScaleFactor });
    const page = await context.newPage();
    await page.goto(served.url);
    await waitReady(page, 'overview');
    for (const id of PAGES.filter((p) => p !== 'data')) {
      await visit(page, id);
      const cards = await page.locator('.chart-card:not([data-empty])').evaluateAll((els) =>
        els.map((card) => {
          const cs = getComputedStyle(card);
          const room = card.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
          const svg = card.querySelector('svg.marks')!;
          return {
            id: card.getAttribute('data-testid'),
            room,
            drawn: svg.getBoundingClientRect().width,
            own: Number(svg.getAttribute('width')),
          };
        }),
      );
      expect(cards.length, `${id} at ${name}`).toBeGreaterThan(0);
      // Titles and subtitles say what a chart shows: read in full, wrapped, never cut with an ellipsis.
      const titles = await page.locator('.chart-card svg .role-title').allTextContents();
      expect(titles.length, `${id} at ${name}`).toBeGreaterThan(0);
      for (const t of titles) expect(t, `${id} at ${name}`).not.toContain('…');
      // No label runs past the figure's edge (and is cut there): every text of a chart is inside it.
      const outside = await page.locator('.chart-card svg.marks').evaluateAll((svgs) =>
        svgs.flatMap((svg) => {
          const edge = svg.getBoundingClientRect().right;
          return [...svg.querySelectorAll('text')]
            .filter((t) => t.getBoundingClientRect().right > edge + 1)
            .map((t) => `${svg.closest('.chart-card')!.getAttribute('data-testid')}: ${t.textContent}`);
        }),
      );
      expect(outside, `${id} at ${name}`).toEqual([]);
      if (id === 'overview') {
        // The headline tiles fill their rows: none stands alone on a row.
        const tops = await page
          .getByTestId('headlines')
          .locator('.headline')
          .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
        const perRow = [...tops.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<number, number>())];
        expect(tops.length).toBeGreaterThan(2);
        for (const [, n] of perRow)
          expect(n, `headline rows at ${name}: ${JSON.stringify(perRow)}`).toBeGreaterThan(1);
      }
      if (name === '1920') {
        // A wide screen is used: the content column is not a narrow strip with empty margins.
        const used = await page.locator('.chart-grid').evaluate((el) => el.getBoundingClientRect().width);
        expect(used).toBeGreaterThanOrEqual(1700);
      }
      for (const c of cards) {
        const at = `${c.id} at ${name} (${JSON.stringify(c)})`;
        // Filled: no white band beside the chart (8 px steps, and a composite's legend, aside).
        expect(c.drawn, at).toBeGreaterThanOrEqual(c.room * 0.94);
        // Drawn at its own size: not shrunk to fit (smaller text) nor spilling out of the card.
        expect(Math.abs(c.drawn - c.own), at).toBeLessThanOrEqual(1);
      }
      await page.screenshot({ path: join(SHOTS, `${id}-${name}.png`), fullPage: true });
    }
    await context.close();
  }
});

test('Overview figures equal `trellis metrics --json`, unfiltered and filtered', async ({ page }) => {
  const foreign = watchOrigin(page);
  await page.goto(`${served.url}#/overview`);
  await waitReady(page, 'overview');
  const check = async (m: MetricsResult) => {
    const reach = m.reach[0]!;
    const dosage = m.dosage[0]!;
    await expect(page.getByTestId('headline-youth').getByTestId('headline-value')).toHaveText(
      fmt(reach.youthServed),
    );
    await expect(page.getByTestId('headline-hours').getByTestId('headline-value')).toHaveText(
      fmt(dosage.contactHoursTotal),
    );
    await expect(page.getByTestId('headline-partners').getByTestId('headline-value')).toHaveText(
      fmt(reach.partnersActive),
    );
    for (const r of m.prePost) {
      const tile = page.getByTestId(`headline-change:${r.scale}`);
      if (r.suppressed) await expect(tile).toContainText('suppressed');
      else {
        await expect(tile.getByTestId('headline-value')).toHaveText(signed(r.meanDiff!));
        await expect(tile).toContainText(`n = ${fmt(r.nMatched)} matched`);
      }
    }
  };
  await check(await cli([]));

  await filterAndTime(page, 'overview', async () => {
    await page.getByTestId('filter-cohorts').selectOption('2024-25');
  });
  await filterAndTime(page, 'overview', async () => {
    await page.getByTestId('filter-programs').selectOption('CLUB');
  });
  await expect(page.getByTestId('filter-chip')).toHaveText([/Cohort: 2024-25/, /Program: Maker Club/]);
  await check(await cli(['--filter', 'cohort=2024-25', '--filter', 'program=CLUB']));
  await page.screenshot({ path: join(SHOTS, 'overview-filtered.png'), fullPage: true });

  // Chips remove their filter.
  await page.getByRole('button', { name: 'Remove filter Program: Maker Club' }).click();
  await waitReady(page, 'overview');
  await check(await cli(['--filter', 'cohort=2024-25']));
  expect(foreign).toEqual([]);
});

test('Reach: each bar equals the CLI figure for the same filters and split; every page redraws on a filter change', async ({
  page,
}) => {
  await page.goto(`${served.url}#/reach`);
  await waitReady(page, 'reach');
  await filterAndTime(page, 'reach', async () => {
    await page.getByTestId('filter-sites').selectOption({ index: 1 });
  });
  const site = (await page.getByTestId('filter-chip').first().textContent())!;
  const dims = await cli(['--section', 'reach', '--by', 'site']);
  const siteCode = dims.reach.find((r) => site.includes(r.group['site']!.label))!.group['site']!.code;
  const m = await cli(['--by', 'program,cohort', '--section', 'reach', '--filter', `site=${siteCode}`]);
  const card = page.getByTestId('chart-reach-youth');
  await card.locator('summary').click();
  const rows = await card.locator('tbody tr').all();
  expect(rows.length).toBe(m.reach.length);
  for (const r of m.reach) {
    const program = r.group['program']!.label;
    const cohort = r.group['cohort']!.label;
    const row = card.locator('tbody tr', { hasText: program }).filter({ hasText: cohort });
    await expect(row).toHaveCount(1);
    const cells = await row.locator('td').allTextContents();
    expect(cells[2]).toBe(r.suppressed ? '–' : fmt(r.youthServed));
    // The bar announces the same figure.
    const bar = card.locator(`svg [aria-label^="${program}, ${cohort}:"]`).first();
    await expect(bar).toHaveAttribute(
      'aria-label',
      r.suppressed ? /suppressed/ : new RegExp(`Youth reached ${fmt(r.youthServed)}\\b`),
    );
  }

  // Every other page redraws on a filter change too (timed by the page itself; printed, not asserted).
  for (const id of ['outcomes', 'partners', 'cohorts', 'overview'] as const) {
    await visit(page, id);
    await filterAndTime(page, id, async () => {
      await page.getByTestId('filter-cohorts').selectOption({ index: 1 });
    });
    await filterAndTime(page, id, async () => {
      await page.getByTestId('filter-cohorts').selectOption({ index: 1 });
    });
    await clearFilters(page);
    await waitReady(page, id);
  }
  console.log(`redraw times (ms): ${JSON.stringify(redraws)}`);
});

/** One filter of each kind the filter bar offers, as a user would choose it. */
const FILTER_KINDS: [string, (page: Page) => Promise<void>][] = [
  [
    'cohort',
    (p) =>
      p
        .getByTestId('filter-cohorts')
        .selectOption({ index: 1 })
        .then(() => undefined),
  ],
  [
    'program',
    (p) =>
      p
        .getByTestId('filter-programs')
        .selectOption({ index: 1 })
        .then(() => undefined),
  ],
  [
    'site',
    (p) =>
      p
        .getByTestId('filter-sites')
        .selectOption({ index: 1 })
        .then(() => undefined),
  ],
  [
    'partner',
    (p) =>
      p
        .getByTestId('filter-partners')
        .selectOption({ index: 1 })
        .then(() => undefined),
  ],
  [
    'partner type',
    (p) =>
      p
        .getByTestId('filter-partnerTypes')
        .selectOption({ index: 1 })
        .then(() => undefined),
  ],
  [
    'attribute',
    (p) =>
      p
        .getByTestId('filter-attributes')
        .selectOption({ index: 1 })
        .then(() => undefined),
  ],
  ['date range', (p) => p.getByTestId('filter-from').fill('2024-01-01')],
];

test('redraw after each kind of filter, on every page (printed and saved, never asserted)', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const rows: string[] = [];
  const table: Record<string, Record<string, string>> = {};
  for (const id of ['overview', 'reach', 'outcomes', 'partners', 'cohorts'] as const) {
    await page.goto(`${served.url}#/${id}`);
    await waitReady(page, id);
    await clearFilters(page);
    await waitReady(page, id);
    for (const [kind, apply] of FILTER_KINDS) {
      // A user looks at the page before the next click: the page may compute ahead meanwhile.
      await page.waitForTimeout(1000);
      const r = await filterAndMeasure(page, id, () => apply(page));
      await expect(page.getByTestId('filter-chip')).not.toHaveCount(0);
      await page.waitForTimeout(1000);
      const back = await filterAndMeasure(page, id, () => clearFilters(page));
      (table[id] ??= {})[kind] = `${r.ms} / ${r.all} (f ${r.fetched}); clear ${back.ms}`;
      (redraws[`${id}: ${kind}`] ??= []).push(r.ms);
      (redraws[`${id}: ${kind} cleared`] ??= []).push(back.ms);
      rows.push(`${id.padEnd(9)} ${kind.padEnd(13)} ${table[id][kind]}`);
    }
  }
  console.log(
    `redraw per filter kind, ms in view / every chart (f = metrics arrived), then clearing it:\n${rows.join('\n')}`,
  );
  writeFileSync(join(SHOTS, 'redraw-by-filter.json'), JSON.stringify(table, null, 2));
});

test('a cohort filter redraws every chart in place: the drawn views take the new numbers, none is rebuilt', async ({
  page,
}) => {
  for (const id of ['partners', 'reach', 'outcomes', 'cohorts', 'overview'] as const) {
    await page.goto(`${served.url}#/${id}`);
    await waitReady(page, id);
    await clearFilters(page);
    await waitReady(page, id);
    // Tag every drawn figure; a chart drawn again from scratch would come back untagged.
    const tagged = await page
      .locator('.chart-card svg.marks')
      .evaluateAll((svgs) => svgs.map((svg, i) => svg.setAttribute('data-tag', String(i))).length);
    expect(tagged).toBeGreaterThan(0);
    const health = page.getByTestId('chart-partners-health');
    const before = id === 'partners' ? await health.locator('svg.marks').innerHTML() : '';
    await filterAndTime(page, id, async () => {
      await page.getByTestId('filter-cohorts').selectOption({ index: 1 });
    });
    // Below the fold, cards may still be waiting to draw: scroll through, then every one is ready.
    await page.mouse.wheel(0, 20_000);
    await waitReady(page, id);
    const untagged = await page
      .locator('.chart-card:not([data-empty]) svg.marks:not([data-tag])')
      .evaluateAll((svgs) => svgs.map((s) => s.closest('.chart-card')!.getAttribute('data-testid')));
    expect(untagged, `${id}: charts rebuilt on a cohort filter`).toEqual([]);
    if (id === 'partners') expect(await health.locator('svg.marks').innerHTML()).not.toBe(before);
  }
});

test('while the page is idle it computes the filters one click away: choosing a cohort then asks the engine nothing', async ({
  page,
}) => {
  // The filters of every metrics request the page makes, in order.
  const computes: string[] = [];
  page.on('request', (r) => {
    const body = r.url().endsWith('/api/call') ? (r.postData() ?? '') : '';
    if (!body.includes('"metrics.compute"')) return;
    const call = JSON.parse(body) as { input: { filters: unknown } };
    computes.push(JSON.stringify(call.input.filters));
  });
  await page.goto(`${served.url}#/partners`);
  await waitReady(page, 'partners');
  await clearFilters(page);
  await waitReady(page, 'partners');
  // The prefetch runs request by request in idle moments: wait until it has finished.
  await expect
    .poll(
      async () => {
        const before = computes.length;
        await page.waitForTimeout(1500);
        return computes.length === before && before > 0;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  const prefetched = computes.length;
  const ms = await filterAndTime(page, 'partners', async () => {
    await page.getByTestId('filter-cohorts').selectOption({ index: 1 });
  });
  console.log(`redraw from prefetched metrics on partners: ${ms} ms`);
  await expect(page.getByTestId('filter-chip')).toHaveCount(1);
  // The page drew the new filters from results computed before the click; what it asks after the
  // click is the next round of neighbours, never the filters on screen.
  const shown = await page.getByTestId('page-partners').getAttribute('data-filters-key');
  expect(computes.slice(0, prefetched)).toContain(shown);
  expect(computes.slice(prefetched)).not.toContain(shown);
});

test('attribute and date filters apply; a selection where every group is too small explains instead of drawing zeros', async ({
  page,
}) => {
  // Find, with the CLI, a site and gender whose youth are too few to show.
  const m = await cli(['--by', 'site,attribute:gender', '--section', 'reach']);
  const small = m.reach.find((r) => r.suppressed);
  test.skip(!small, 'the demo has no suppressed site-gender group');
  const site = small!.group['site']!.code;
  const gender = small!.group['attribute:gender']!.code;
  await page.goto(`${served.url}#/reach`);
  await waitReady(page, 'reach');
  await clearFilters(page);
  await page.getByTestId('filter-sites').selectOption(site);
  await waitReady(page, 'reach');
  await page.getByTestId('filter-attributes').selectOption(`gender=${gender}`);
  await waitReady(page, 'reach');
  await expect(page.getByTestId('filter-chip')).toHaveCount(2);
  const card = page.getByTestId('chart-reach-youth');
  await expect(card.getByTestId('empty-message')).toContainText('fewer than');
  await expect(page.locator('main')).not.toContainText(/n = 0\b/);
  await expect(card.locator('svg')).toHaveCount(0);
  await page.screenshot({ path: join(SHOTS, 'reach-all-suppressed.png'), fullPage: true });

  // A date range with no sessions at all: the empty state says what to do.
  await clearFilters(page);
  await page.getByTestId('filter-from').fill('2023-12-24');
  await page.getByTestId('filter-to').fill('2023-12-26');
  await waitReady(page, 'reach');
  await expect(page.getByTestId('filter-chip')).toHaveText([/From 2023-12-24/, /To 2023-12-26/]);
  await expect(card.getByTestId('empty-message')).toContainText(/attendance|fewer than/);
});

test('keyboard: pages are reachable with Tab and Enter, focus is visible; readable at 125% zoom', async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 720 },
    deviceScaleFactor: 1.25,
  });
  const page = await context.newPage();
  await page.goto(served.url);
  await waitReady(page, 'overview');
  // Tab from the top: the skip link, then the page links.
  await page.keyboard.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.getByTestId('nav-outcomes').evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
  const outline = await page
    .getByTestId('nav-outcomes')
    .evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
  expect(outline).toMatch(/solid 3px/);
  await page.keyboard.press('Enter');
  await waitReady(page, 'outcomes');
  // At 125% zoom (1280 CSS px / 1.25), nothing forces the page sideways.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SHOTS, 'outcomes-125.png') });
  await context.close();
});

test('an empty project says what to import next, with no broken charts', async ({ page }) => {
  const empty = await startServe();
  try {
    await page.goto(empty.served.url);
    await waitReady(page, 'overview');
    await expect(page.getByTestId('next-steps')).toContainText('Import a roster');
    for (const id of ['reach', 'outcomes', 'partners'] as const) {
      await visit(page, id);
      const cards = page.locator('.chart-card');
      expect(await cards.count()).toBeGreaterThan(0);
      await expect(page.locator('.chart-card svg')).toHaveCount(0);
      for (const msg of await page.getByTestId('empty-message').allTextContents())
        expect(msg).toMatch(/[Ii]mport/);
    }
    await page.screenshot({ path: join(SHOTS, 'empty-project-partners.png'), fullPage: true });
  } finally {
    await empty.stop();
  }
});

test('project settings: a higher suppression threshold applies to the dashboards at once', async ({
  page,
}) => {
  // Runs after the figure checks: it changes the served demo project's threshold.
  await page.goto(`${served.url}#/data`);
  const panel = page.getByTestId('settings-panel');
  await expect(panel.getByTestId('setting-threshold')).toHaveValue('10');
  await panel.getByTestId('setting-threshold').fill('40');
  await panel.getByRole('button', { name: 'Save settings' }).click();
  await expect(panel.getByRole('status')).toContainText('Settings saved');
  await visit(page, 'reach');
  await expect(page.locator('main')).toContainText('fewer than 40 youth');
  await expect(page.locator('main')).not.toContainText('fewer than 10 youth');
});

test('a first start with no project opens the demo, with the way to start a real project', async ({
  page,
}) => {
  // No --project and no --demo, on a fresh TRELLIS_HOME: nothing recent to open.
  const first = await startServe(['--port', '0']);
  try {
    expect(first.served.projectPath).toMatch(/Demo partnership\.trellis$/);
    await page.goto(first.served.url);
    await expect(page.getByTestId('project-name')).toContainText('demo');
    await expect(page.getByTestId('demo-banner')).toContainText('To evaluate your own partnership');
    await waitReady(page, 'overview');
    await expect(page.getByTestId('headline-youth').getByTestId('headline-value')).not.toHaveText('–');
  } finally {
    await first.stop();
  }
});
