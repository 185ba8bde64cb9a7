import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.mjs';

// The desktop app itself: the built main bundle in a real Electron, driven by Playwright. Electron's
// binary is fetched on first use, not at `npm install`; where it is absent these tests are skipped
// with the reason (and never trigger the download themselves: `require('electron')` would).

const ROOT = resolve(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'out', 'main', 'index.js');
const fixture = join(ROOT, 'tests', 'fixtures', 'skeleton', 'youth-roster.csv');
const binary = electronBinary(ROOT);

test.skip(binary.path === null, binary.reason ?? '');
// The list reporter does not print skip reasons: say it once, so a skipped run is never mistaken for a pass.
if (binary.path === null) console.warn(`electron.spec.ts skipped: ${binary.reason}`);
test.skip(
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY,
  'Electron needs a display on Linux: run under `xvfb-run -a npm run test:e2e`.',
);

/** Launch the built app on a fresh TRELLIS_HOME, like a first start. */
async function launch(home = mkdtempSync(join(tmpdir(), 'trellis-electron-'))) {
  expect(existsSync(MAIN), 'out/main/index.js is missing: run `npm run build` first').toBe(true);
  const app = await electron.launch({
    executablePath: binary.path!,
    // Root cannot run Chromium's OS sandbox (CI containers); the renderer's `sandbox: true` still applies.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT], // package.json main: out/main/index.js
    env: { ...process.env, TRELLIS_HOME: home, ELECTRON_ENABLE_LOGGING: '1' },
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page, home };
}

let current: { app: ElectronApplication; page: Page; home: string } | null = null;
test.afterEach(async () => {
  await current?.app.close();
  current = null;
});

test('the window is isolated, sandboxed, without Node, and shows the app from app://trellis/', async () => {
  current = await launch();
  const { app, page } = current;
  expect(page.url()).toBe('app://trellis/index.html');

  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const wc = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
      getLastWebPreferences(): Record<string, unknown>; // present in Electron, absent from its types
    };
    return wc.getLastWebPreferences();
  });
  expect(prefs).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    webviewTag: false,
  });
  expect(String(prefs.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/);

  // What the page can see: the bridge's five functions, and no Node.
  const seen = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    bridge: Object.keys(window.trellisBridge ?? {}).sort(),
  }));
  expect(seen).toEqual({
    require: 'undefined',
    process: 'undefined',
    bridge: ['call', 'cancel', 'onMenu', 'onProgress', 'registerFile'],
  });
  await expect(page.evaluate(() => window.trellisBridge!.call('no.suchMethod', 'x', {}))).rejects.toThrow(
    /Not a Trellis method/,
  );
});

test('navigation away and new windows are refused', async () => {
  current = await launch();
  const { app, page } = current;
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe('app://trellis/index.html');
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('a CSV goes in, its row count and a chart come out (desktop app, first start on the demo)', async () => {
  current = await launch();
  const { page } = current;
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

  await expect(page.getByTestId('project-name')).toContainText('Demo partnership');
  await expect(page.getByText('Desktop')).toBeVisible();

  // the raw-table path is the Data page's "Quick look at a CSV" (the import wizard is above it)
  await page.getByTestId('nav-data').click();
  await page.getByTestId('quick-look').locator('summary').click();
  await page.getByTestId('file-input').setInputFiles(fixture);
  const preview = page.getByTestId('preview');
  const expectedRows = readFileSync(fixture, 'utf8').trim().split('\n').length - 1;
  await expect(preview.getByTestId('row-count')).toHaveText(String(expectedRows));
  await preview.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByRole('status').filter({ hasText: `Imported ${expectedRows} rows` })).toBeVisible();

  const chart = page.getByTestId('count-chart');
  await expect(chart.locator('svg')).toContainText('suppressed (n < 10)');
  await expect(chart.locator('g.mark-text.role-mark text')).toHaveText(['34', '21', 'suppressed (n < 10)']);
  await page.screenshot({
    path: join('test-results', 'screenshots', 'electron-walking-skeleton.png'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});

test('a second launch quits at once and leaves the first running', async () => {
  current = await launch();
  const second = spawn(binary.path!, [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT], {
    env: { ...process.env, TRELLIS_HOME: current.home },
    stdio: 'ignore',
  });
  const code = await new Promise<number | null>((res, rej) => {
    second.once('exit', res);
    setTimeout(() => {
      second.kill();
      rej(new Error('the second Trellis did not quit'));
    }, 20_000);
  });
  expect(code).toBe(0);
  await expect(current.page.getByTestId('project-name')).toContainText('Demo partnership');
});
