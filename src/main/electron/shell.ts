import { app, BrowserWindow, dialog, ipcMain, Menu, session as electronSession } from 'electron';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { rendererDir, resourcesDir } from '../cli/app-paths';
import { prepareDemoProject } from '../services/demo-project';
import { createDispatch } from '../services/dispatch';
import { createHandlers } from '../services/handlers';
import { readRecent, trellisHome } from '../services/recent-projects';
import { Session } from '../services/session';
import { denyPermissions, hardenWebContents } from './hardening';
import { registerIpc } from './ipc';
import { buildMenu, MENU_CHANNEL } from './menu';
import { electronDialogs } from './native-dialogs';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow } from './window';

export const DEMO_FILE_NAME = 'Demo partnership.trellis';

/**
 * The Electron shell: thin, and the only code that imports 'electron'. Everything it does for the user
 * goes through the same dispatcher as browser mode and the CLI.
 */
export function startShell(): void {
  // One Trellis at a time: a second launch focuses the first (and the writer lock protects the files).
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  let win: BrowserWindow | null = null;
  const session = new Session(
    'electron',
    app.getVersion(),
    electronDialogs(() => win),
  );

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  // The demo partnership stays the demo when it is reopened (from the recent list or on a later start).
  const demoPath = () => join(trellisHome(), DEMO_FILE_NAME);
  const openAndTell = (path: string) => {
    try {
      session.open(path, { isDemo: path === demoPath() });
    } catch (err) {
      // A menu click has no caller to return error data to: tell the user, keep the current project.
      dialog.showErrorBox(
        'Trellis could not open the project',
        err instanceof Error ? err.message : String(err),
      );
      return;
    }
    win?.webContents.send(MENU_CHANNEL, 'project-changed');
    Menu.setApplicationMenu(menu());
  };
  const menu = () =>
    buildMenu(() => win, {
      newProject: () =>
        void electronDialogs(() => win)
          .chooseProject('create')
          .then((p) => p && openAndTell(p)),
      openProject: () =>
        void electronDialogs(() => win)
          .chooseProject('open')
          .then((p) => p && openAndTell(p)),
      openRecent: (p) => openAndTell(p),
    });

  // First start opens the demo partnership; later starts the most recent project. A project that
  // cannot be opened (locked by `trellis serve`, damaged, from a newer Trellis) must not keep the window
  // from appearing: fall back to the demo, and failing that start with no project open (the window
  // offers New/Open).
  const openAtStart = async () => {
    const recent = readRecent()[0];
    const candidates =
      recent && exists(recent.path) && recent.path !== demoPath() ? [recent.path, demoPath()] : [demoPath()];
    for (const path of candidates) {
      try {
        // The demo is built from resources/demo through the import pipeline the first time.
        if (path === demoPath()) await prepareDemoProject(path, resourcesDir());
        session.open(path, { isDemo: path === demoPath() });
        return;
      } catch (err) {
        console.error(`Trellis could not open ${path}:`, err instanceof Error ? err.message : err);
      }
    }
  };

  void app.whenReady().then(async () => {
    denyPermissions(electronSession.defaultSession);
    serveRenderer(rendererDir());
    await openAtStart();
    registerIpc(ipcMain, createDispatch(createHandlers(session)), (path) => {
      if (!statSync(path).isFile()) throw new Error('Only files can be imported.');
      const file = session.files.register(path);
      const { name, size } = session.files.resolve(file);
      return { file, name, size }; // never the path: the renderer only holds references
    });
    Menu.setApplicationMenu(menu());
    win = createMainWindow();
    win.on('closed', () => (win = null));
  });
  app.on('window-all-closed', () => {
    session.close();
    app.quit();
  });
}

const exists = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};
