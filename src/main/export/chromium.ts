import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { TrellisError } from '@shared/errors';

/**
 * The headless Chromium that rasterises and prints exports. Found like the e2e suite finds it:
 * $CHROMIUM_PATH, the distribution's package, then Playwright's own download.
 */
export const CHROMIUM_INSTALL_ADVICE =
  'Install one: `sudo apt-get install -y chromium` (Debian/Ubuntu), or `npx playwright install chromium`, ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable.';

export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  return pickChromium(
    [env.CHROMIUM_PATH, ...systemBrowsers(env, platform), playwrightChromium()].filter(
      (c): c is string => !!c,
    ),
  );
}

/**
 * Where Chromium-family browsers live on each platform. Edge ships with Windows 10 and 11, so PNG
 * and PDF export work there without installing anything.
 */
export function systemBrowsers(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (r): r is string => !!r,
    );
    return roots.flatMap((r) => [
      `${r}\\Google\\Chrome\\Application\\chrome.exe`,
      `${r}\\Microsoft\\Edge\\Application\\msedge.exe`,
      `${r}\\Chromium\\Application\\chrome.exe`,
    ]);
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/microsoft-edge',
  ];
}

/** The first candidate that exists, or TrellisError('not_available') with install advice. */
export function pickChromium(candidates: readonly string[]): string {
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new TrellisError(
      'not_available',
      `PNG and PDF export need Chromium, and none was found. ${CHROMIUM_INSTALL_ADVICE}`,
      {
        tried: candidates,
      },
    );
  }
  return found;
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Flags that keep Chromium off the network (exports never need it) and off the GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-extensions',
  '--font-render-hinting=none',
];

/** Launch once and pass as `browser` to several renders; close it when done. */
export async function launchExportBrowser(options: { executablePath?: string } = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? findChromium();
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  } catch (e) {
    throw new TrellisError(
      'not_available',
      `Chromium at ${executablePath} did not start: ${(e as Error).message.split('\n')[0]}. ${CHROMIUM_INSTALL_ADVICE}`,
    );
  }
}

/** Use the caller's browser, or launch one for this call and close it after. */
export async function withBrowser<T>(
  browser: Browser | undefined,
  work: (b: Browser) => Promise<T>,
): Promise<T> {
  if (browser) return work(browser);
  const own = await launchExportBrowser();
  try {
    return await work(own);
  } finally {
    await own.close();
  }
}
