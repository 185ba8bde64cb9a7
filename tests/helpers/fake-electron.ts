import { vi } from 'vitest';

/**
 * A recording fake of the parts of the `electron` module that the shell (src/main/electron) and the
 * preload use. Loading the real module here would start Electron's binary download, so tests do
 * `vi.mock('electron', async () => (await import('<this file>')).fakeElectron)` and then read what
 * the code under test registered. `resetFakeElectron()` clears every recording between tests.
 */

type Listener = (...args: unknown[]) => unknown;

/** An object that records `on`/`once` listeners by event name and can emit to them. */
class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => l(...args));
  }
}

/** What the hardening code sees of a WebContents. */
export class FakeWebContents extends Emitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: [string, ...unknown[]][] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return false;
  }
}

/** A navigation event as Electron passes it: only preventDefault matters here. */
export function fakeEvent() {
  return { preventDefault: vi.fn(), defaultPrevented: false };
}

export class FakeBrowserWindow extends Emitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  shown = false;
  focused = false;
  minimized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
}

function createState() {
  return {
    singleInstanceLock: true,
    appListeners: new Emitter(),
    quit: vi.fn(),
    showAboutPanel: vi.fn(),
    ipcHandlers: new Map<string, Listener>(),
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    menuTemplates: [] as unknown[],
    errorBoxes: [] as [string, string][],
    applicationMenus: [] as unknown[],
    openExternal: vi.fn((_url: string) => Promise.resolve()),
    netFetch: vi.fn((_url: string) => Promise.resolve(new Response('<!doctype html>', { status: 200 }))),
    // preload side
    exposed: [] as [string, unknown][],
    invoke: vi.fn(
      (_channel: string, ..._args: unknown[]) =>
        Promise.resolve({ ok: true, value: null }) as Promise<unknown>,
    ),
    rendererListeners: new Emitter(),
  };
}

export let fake = createState();

export function resetFakeElectron(): void {
  fake = createState();
  FakeBrowserWindow.created.length = 0;
}

export const fakeElectron = {
  app: {
    requestSingleInstanceLock: () => fake.singleInstanceLock,
    whenReady: () => Promise.resolve(),
    on: (event: string, listener: Listener) => fake.appListeners.on(event, listener),
    getVersion: () => '0.0.0-fake',
    quit: (...args: unknown[]) => fake.quit(...args),
    showAboutPanel: () => fake.showAboutPanel(),
  },
  ipcMain: {
    handle: (channel: string, handler: Listener) => {
      if (fake.ipcHandlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      fake.ipcHandlers.set(channel, handler);
    },
  },
  BrowserWindow: FakeBrowserWindow,
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => fake.schemes.push(...schemes),
    handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) =>
      fake.protocolHandlers.set(scheme, handler),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: Listener) => (fake.permissionRequestHandler = h),
      setPermissionCheckHandler: (h: Listener) => (fake.permissionCheckHandler = h),
    },
  },
  Menu: {
    buildFromTemplate: (template: unknown) => {
      fake.menuTemplates.push(template);
      return { template };
    },
    setApplicationMenu: (menu: unknown) => fake.applicationMenus.push(menu),
  },
  shell: { openExternal: (url: string) => fake.openExternal(url) },
  dialog: {
    showOpenDialog: vi.fn(() => Promise.resolve({ canceled: true, filePaths: [] })),
    showSaveDialog: vi.fn(() => Promise.resolve({ canceled: true, filePath: '' })),
    showErrorBox: (title: string, content: string) => fake.errorBoxes.push([title, content]),
  },
  net: { fetch: (url: string) => fake.netFetch(url) },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => fake.exposed.push([key, api]),
  },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => fake.invoke(channel, ...args),
    on: (channel: string, listener: Listener) => fake.rendererListeners.on(channel, listener),
    removeListener: (channel: string, listener: Listener) =>
      fake.rendererListeners.removeListener(channel, listener),
  },
  webUtils: { getPathForFile: (file: { name: string }) => `/picked/${file.name}` },
};
