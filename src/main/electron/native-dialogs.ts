import { clipboard, ClipboardItem, dialog, type BrowserWindow } from 'electron';
import { extname } from 'node:path';
import type { NativeDialogs } from '../services/native';
import { electronPrintToPdf, electronRenderPage } from './render-page';

export function electronDialogs(win: () => BrowserWindow | null): NativeDialogs {
  return {
    async chooseFiles() {
      const w = win();
      const options = {
        title: 'Import data',
        properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
        filters: [
          { name: 'Survey and attendance exports', extensions: ['csv', 'tsv', 'txt'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return r.canceled ? [] : r.filePaths;
    },
    async chooseProject(mode) {
      const w = win();
      const filters = [{ name: 'Trellis project', extensions: ['trellis'] }];
      if (mode === 'create') {
        const opts = { title: 'New project', defaultPath: 'My partnership.trellis', filters };
        const r = w ? await dialog.showSaveDialog(w, opts) : await dialog.showSaveDialog(opts);
        if (r.canceled || !r.filePath) return null;
        return r.filePath.endsWith('.trellis') ? r.filePath : `${r.filePath}.trellis`;
      }
      const opts = { title: 'Open project', filters, properties: ['openFile' as const] };
      const r = w ? await dialog.showOpenDialog(w, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async saveFile({ title, defaultName, filter }) {
      const w = win();
      const opts = {
        title,
        defaultPath: defaultName,
        filters: [filter, { name: 'All files', extensions: ['*'] }],
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const r = w ? await dialog.showSaveDialog(w, opts) : await dialog.showSaveDialog(opts);
      if (r.canceled || !r.filePath) return null;
      const ext = filter.extensions[0];
      // Some platforms return the name as typed; the format is decided by the export, so say it.
      return ext && extname(r.filePath).toLowerCase() !== `.${ext}` ? `${r.filePath}.${ext}` : r.filePath;
    },
    async copyImage(png) {
      await clipboard.write([
        new ClipboardItem({ 'image/png': new Blob([Buffer.from(png)], { type: 'image/png' }) }),
      ]);
    },
    printToPdf: electronPrintToPdf,
    renderPage: electronRenderPage,
  };
}
