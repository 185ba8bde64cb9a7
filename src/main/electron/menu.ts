import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { readRecent } from '../services/recent-projects';

export const MENU_CHANNEL = 'trellis:menu';
export const MENU_ACTIONS = ['import', 'export', 'project-changed'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

export interface MenuHandlers {
  newProject(): void;
  openProject(): void;
  openRecent(path: string): void;
}

export function buildMenu(win: () => BrowserWindow | null, handlers: MenuHandlers): Menu {
  const send = (action: MenuAction) => win()?.webContents.send(MENU_CHANNEL, action);
  const recent = readRecent();
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: handlers.newProject },
        { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: handlers.openProject },
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((r) => ({
                label: r.name,
                sublabel: r.path,
                click: () => handlers.openRecent(r.path),
              }))
            : [{ label: 'No recent projects', enabled: false }],
        },
        { type: 'separator' },
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => send('import') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => send('export') },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    {
      role: 'help',
      submenu: [{ label: 'About Trellis', click: () => app.showAboutPanel() }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
