import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readPngInfo } from '../../../src/core/export/png-dpi';
import { systemBrowsers } from '../../../src/main/export/chromium';
import { renderChartPng, type PageRenderOptions } from '../../../src/main/export/render-browser';
import { siteChart } from './support';

/** A blank PNG of a given width: what a shell renderer would hand back. */
function blank(width: number, height = 40): Buffer {
  const png = new PNG({ width, height });
  png.data.fill(255);
  return PNG.sync.write(png);
}

describe('figures rendered by the desktop shell (Electron’s own Chromium)', () => {
  it('asks the shell for the exact pixel width at the layout width, then writes the DPI', async () => {
    const asked: PageRenderOptions[] = [];
    const png = await renderChartPng(siteChart(), {
      size: 'half-column',
      renderPage: async (html, o) => {
        asked.push(o);
        expect(html).toContain('Cañon City Library');
        return blank(o.pixelWidth);
      },
    });
    expect(asked).toEqual([{ format: 'png', cssWidth: 312, pixelWidth: 1950, elementId: 'trellis-figure' }]);
    expect(readPngInfo(png)).toMatchObject({ width: 1950 });
    expect(Math.round(readPngInfo(png).dpiX!)).toBe(600);
  });

  it('refuses an image of the wrong width rather than misstate the DPI', async () => {
    await expect(
      renderChartPng(siteChart(), { size: 'report', renderPage: async () => blank(1949) }),
    ).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('1949 px wide instead of 1950'),
    });
  });
});

describe('finding a browser for PNG/PDF outside Electron', () => {
  it('knows Edge and Chrome on Windows, Chrome on macOS', () => {
    const win = systemBrowsers(
      { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\z\\AppData\\Local' },
      'win32',
    );
    expect(win).toContain('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(win).toContain('C:\\Users\\z\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(systemBrowsers({}, 'darwin')).toContain(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    );
    expect(systemBrowsers({}, 'linux')).toContain('/usr/bin/chromium');
  });
});
