import type { PageRenderOptions } from '../export/render-browser';

/**
 * What only a desktop shell can do (native dialogs, the clipboard, printing with its own Chromium).
 * The Electron shell provides it; browser mode and the CLI have none, and the methods that need it
 * answer `not_available`.
 */
export interface NativeDialogs {
  chooseFiles(purpose: 'import'): Promise<string[]>;
  chooseProject(mode: 'create' | 'open'): Promise<string | null>;
  /** Ask where to save an export; null when the user cancels. The extension is added if missing. */
  saveFile(options: SaveFileOptions): Promise<string | null>;
  /** Put a PNG on the system clipboard. */
  copyImage?(png: Uint8Array): Promise<void>;
  /** Print a self-contained HTML document to PDF with the shell's own Chromium (Electron printToPDF). */
  printToPdf?(html: string, options: { pageSize: 'Letter' | 'A4' }): Promise<Uint8Array>;
  /** Rasterise or print a figure page with the shell's own Chromium (no separate browser needed). */
  renderPage?(html: string, options: PageRenderOptions): Promise<Uint8Array>;
}

export interface SaveFileOptions {
  title: string;
  defaultName: string;
  /** e.g. { name: 'PNG image', extensions: ['png'] } */
  filter: { name: string; extensions: string[] };
}
