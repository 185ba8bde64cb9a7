import { dialog, type BrowserWindow } from 'electron';
import type { NativeDialogs } from '../services/native';

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
  };
}
