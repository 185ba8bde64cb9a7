import { BrowserWindow, session as electronSession } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const PRINT_PARTITION = 'trellis-print'; // in memory (no "persist:"), nothing kept between prints

/**
 * The report to PDF with Electron's own Chromium (no separate browser needed on the user's machine):
 * a hidden, sandboxed window with JavaScript off loads the report from a temporary file, and every
 * request other than that one file is cancelled, so a report can never reach the network.
 */
export async function electronPrintToPdf(
  html: string,
  options: { pageSize: 'Letter' | 'A4' },
): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'trellis-print-'));
  const file = join(dir, 'report.html');
  await writeFile(file, html, 'utf8');
  const allowed = pathToFileURL(file).href;
  const ses = electronSession.fromPartition(PRINT_PARTITION);
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !(details.url === allowed || details.url.startsWith('data:')) }),
  );
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      session: ses,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  try {
    await win.loadFile(file);
    return await win.webContents.printToPDF({
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
    });
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
