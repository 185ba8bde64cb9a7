import { BrowserWindow, session as electronSession } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PageRenderOptions } from '../export/render-browser';

const PARTITION = 'trellis-export'; // in memory (no "persist:"): nothing is kept between exports

/**
 * Exports in the desktop app use Electron's own Chromium, so a user needs no separate browser: the
 * page is loaded from a temporary file into a hidden, sandboxed window whose session cancels every
 * request but that file. The export pages carry no scripts of their own (their CSP forbids them);
 * JavaScript is on only so the shell can measure the figure with executeJavaScript.
 */
async function withPage<T>(
  html: string,
  window: { width: number; height: number; offscreen: boolean; zoom: number; javascript: boolean },
  work: (win: BrowserWindow) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'trellis-export-'));
  const file = join(dir, 'page.html');
  await writeFile(file, html, 'utf8');
  const allowed = pathToFileURL(file).href;
  const ses = exportSession();
  pages.add(allowed);
  const win = new BrowserWindow({
    show: false,
    width: window.width,
    height: window.height,
    useContentSize: true,
    webPreferences: {
      session: ses,
      offscreen: window.offscreen,
      javascript: window.javascript,
      zoomFactor: window.zoom,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  try {
    await win.loadFile(file);
    return await work(win);
  } finally {
    pages.delete(allowed);
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The pages being exported right now: the only URLs the export session lets through. */
const pages = new Set<string>();
let configured: Electron.Session | null = null;
function exportSession(): Electron.Session {
  if (configured) return configured;
  const ses = electronSession.fromPartition(PARTITION);
  // One listener for every export (a second registration would replace the first mid-export).
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !(pages.has(details.url) || details.url.startsWith('data:')) }),
  );
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  configured = ses;
  return ses;
}

/** A figure page (src/core/export/figure-page.ts) as PNG pixels (DPI added by the caller) or a one-page PDF. */
export function electronRenderPage(html: string, o: PageRenderOptions): Promise<Uint8Array> {
  const zoom = o.format === 'png' ? o.pixelWidth / o.cssWidth : 1;
  return withPage(
    html,
    {
      width: Math.round(o.cssWidth * zoom),
      height: 800,
      offscreen: o.format === 'png',
      zoom,
      javascript: true,
    },
    async (win) => {
      const cssHeight = Number(
        await win.webContents.executeJavaScript(
          `document.getElementById(${JSON.stringify(o.elementId)}).getBoundingClientRect().height`,
        ),
      );
      if (o.format === 'pdf') {
        return win.webContents.printToPDF({
          // Inches; one CSS px of slack, or a rounding error spills a blank second page.
          pageSize: { width: o.cssWidth / 96, height: (Math.ceil(cssHeight) + 1) / 96 },
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          printBackground: true,
          pageRanges: '1',
          generateTaggedPDF: true,
        });
      }
      const height = Math.ceil(cssHeight * zoom);
      win.setContentSize(o.pixelWidth, height);
      await new Promise((r) => setTimeout(r, 150)); // let a frame at the new size be painted
      const image = await win.webContents.capturePage({ x: 0, y: 0, width: o.pixelWidth, height });
      return image.toPNG();
    },
  );
}

/** A whole report to PDF with page numbers. */
export function electronPrintToPdf(
  html: string,
  options: { pageSize: 'Letter' | 'A4' },
): Promise<Uint8Array> {
  return withPage(html, { width: 816, height: 1056, offscreen: false, zoom: 1, javascript: false }, (win) =>
    win.webContents.printToPDF({
      pageSize: options.pageSize,
      printBackground: true,
      preferCSSPageSize: true,
      margins: { top: 0.8, bottom: 0.8, left: 0.85, right: 0.85 },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="width:100%;font-size:8pt;color:#555;text-align:center;font-family:sans-serif">' +
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    }),
  );
}
