import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../../../src/shared/contract';
import {
  fake,
  FakeBrowserWindow,
  FakeWebContents,
  fakeEvent,
  resetFakeElectron,
} from '../../../helpers/fake-electron';
import { useTempDir } from '../../../helpers/temp';

// The real shell, window, IPC and hardening code, on a recording fake of Electron (the real module
// would try to download Electron's binary). The dispatcher is the real one, wrapped in a spy so a
// test can see whether a call reached it.
vi.mock('electron', async () => (await import('../../../helpers/fake-electron')).fakeElectron);
const dispatched = vi.hoisted(() => [] as { method: string; input: unknown }[]);
vi.mock('../../../../src/main/services/dispatch', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../src/main/services/dispatch')>();
  return {
    ...real,
    createDispatch: (...args: Parameters<typeof real.createDispatch>) => {
      const dispatch = real.createDispatch(...args);
      return (method: string, input: unknown, opts?: Parameters<typeof dispatch>[2]) => {
        dispatched.push({ method, input });
        return dispatch(method, input, opts);
      };
    },
  };
});

const { startShell, DEMO_FILE_NAME } = await import('../../../../src/main/electron/shell');
const { openProject } = await import('../../../../src/main/db/open-project');
const { rememberRecent } = await import('../../../../src/main/services/recent-projects');
const { rendererDir } = await import('../../../../src/main/cli/app-paths');
const { OFFERED_LINKS } = await import('../../../../src/main/electron/hardening');

const APP_PAGE = 'app://trellis/index.html';
const flush = () => new Promise<void>((r) => setImmediate(r));

/** An IPC invoke event as Electron builds it, from a frame showing `url` (or no frame at all). */
function ipcEvent(url: string | null) {
  const sender = new FakeWebContents();
  return { senderFrame: url === null ? null : { url }, sender };
}

function invoke(channel: string, event: ReturnType<typeof ipcEvent>, ...args: unknown[]): Promise<unknown> {
  const handler = fake.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler on ${channel}`);
  return Promise.resolve(handler(event, ...args));
}

describe('the Electron shell', () => {
  const temp = useTempDir();
  let home = '';

  beforeEach(async () => {
    resetFakeElectron();
    dispatched.length = 0;
    temp();
    home = process.env.TRELLIS_HOME!;
    mkdirSync(home, { recursive: true });
    // Building the demo from resources/demo takes seconds (tests/integration/import covers it): here the
    // demo files are absent, so the demo project opens empty.
    process.env.TRELLIS_RESOURCES = join(home, 'no-resources');
    mkdirSync(process.env.TRELLIS_RESOURCES);
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  afterEach(() => {
    vi.restoreAllMocks();
    // Closing the last window closes the project (and its writer lock) and quits.
    fake.appListeners.emit('window-all-closed');
  });

  async function started() {
    startShell();
    await flush();
    const win = FakeBrowserWindow.created[0];
    if (!win) throw new Error('no window was created');
    return win;
  }

  describe('the window', () => {
    it('is isolated, sandboxed, has no Node and no webviews, and loads the preload bundle', async () => {
      const win = await started();
      expect(FakeBrowserWindow.created).toHaveLength(1);
      const prefs = win.options.webPreferences as Record<string, unknown>;
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
      expect(prefs.preload).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    });

    it('loads the app from app://trellis/ and shows when ready', async () => {
      const win = await started();
      expect(win.loadedUrls).toEqual([APP_PAGE]);
      expect(win.shown).toBe(false);
      win.emit('ready-to-show');
      expect(win.shown).toBe(true);
    });

    it('opens the demo project in TRELLIS_HOME on first start', async () => {
      await started();
      expect(existsSync(join(home, DEMO_FILE_NAME))).toBe(true);
      const info = await invoke('trellis:call:app.info', ipcEvent(APP_PAGE), 'c1', {});
      expect(info).toMatchObject({
        ok: true,
        value: { frontDoor: 'electron', version: '0.0.0-fake', project: { isDemo: true } },
      });
    });

    it('sets an application menu', async () => {
      await started();
      expect(fake.applicationMenus).toHaveLength(1);
    });

    it('focuses the existing window when a second instance starts', async () => {
      const win = await started();
      win.minimized = true;
      fake.appListeners.emit('second-instance');
      expect(win.minimized).toBe(false);
      expect(win.focused).toBe(true);
    });
  });

  describe('the project at start', () => {
    const writeRecent = (path: string) =>
      writeFileSync(
        join(home, 'recent.json'),
        JSON.stringify([{ name: 'x', path, openedAt: new Date().toISOString() }]),
      );
    const info = () => invoke('trellis:call:app.info', ipcEvent(APP_PAGE), 'c1', {});

    it('is the most recent project when it opens', async () => {
      const path = join(home, 'Spring cohort.trellis');
      openProject(path).close();
      writeRecent(path);
      await started();
      expect(await info()).toMatchObject({ value: { project: { name: 'Spring cohort', isDemo: false } } });
    });

    it('falls back to the demo when the most recent project cannot be opened, and still shows the window', async () => {
      const damaged = join(home, 'damaged.trellis');
      writeFileSync(
        damaged,
        'this is not a SQLite file, it is long enough to have a header though.'.repeat(10),
      );
      writeRecent(damaged);
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      await started();
      expect(error).toHaveBeenCalledWith(expect.stringContaining(damaged), expect.anything());
      expect(await info()).toMatchObject({ value: { project: { isDemo: true } } });
    });

    it('is none when even the demo cannot be opened: the window still appears', async () => {
      mkdirSync(join(home, DEMO_FILE_NAME)); // a directory where the demo file should be
      vi.spyOn(console, 'error').mockImplementation(() => {});
      const win = await started();
      expect(win.loadedUrls).toEqual([APP_PAGE]);
      expect(await info()).toMatchObject({ ok: true, value: { project: null } });
    });
  });

  describe('the File menu', () => {
    type Item = { label?: string; submenu?: Item[]; click?: () => void };
    const item = (label: string) => {
      const template = fake.menuTemplates.at(-1) as Item[];
      const found = template.flatMap((m) => m.submenu ?? []).find((i) => i.label === label);
      if (!found) throw new Error(`no menu item ${label}`);
      return found;
    };

    it('reports a recent project that cannot be opened in an error box and keeps the current one', async () => {
      const damaged = join(home, 'damaged.trellis');
      writeFileSync(damaged, 'not a project'.repeat(100));
      rememberRecent(damaged);
      vi.spyOn(console, 'error').mockImplementation(() => {});
      const win = await started(); // falls back to the demo; the menu lists both
      const recent = item('Open Recent').submenu!.find((i) => i.label === 'damaged');
      recent!.click!();
      expect(fake.errorBoxes).toEqual([['Trellis could not open the project', expect.any(String)]]);
      expect(win.webContents.sent).toEqual([]);
      expect(await invoke('trellis:call:app.info', ipcEvent(APP_PAGE), 'c1', {})).toMatchObject({
        value: { project: { isDemo: true } },
      });
    });

    it('tells the window when a recent project opens', async () => {
      const path = join(home, 'Spring cohort.trellis');
      openProject(path).close();
      rememberRecent(path);
      rememberRecent(join(home, DEMO_FILE_NAME));
      openProject(join(home, DEMO_FILE_NAME)).close();
      const win = await started();
      item('Open Recent').submenu!.find((i) => i.label === 'Spring cohort')!.click!();
      expect(win.webContents.sent).toEqual([['trellis:menu', 'project-changed']]);
      expect(await invoke('trellis:call:app.info', ipcEvent(APP_PAGE), 'c1', {})).toMatchObject({
        value: { project: { name: 'Spring cohort', isDemo: false } },
      });
      expect(fake.applicationMenus).toHaveLength(2);
    });
  });

  describe('IPC', () => {
    it('registers exactly one channel per contract method, plus cancel and register-file', async () => {
      await started();
      const expected = [
        ...METHOD_NAMES.map((m) => `trellis:call:${m}`),
        'trellis:cancel',
        'trellis:register-file',
      ];
      expect([...fake.ipcHandlers.keys()].sort()).toEqual(expected.sort());
    });

    it('answers a trusted call with a valid input', async () => {
      await started();
      const r = await invoke('trellis:call:app.info', ipcEvent(APP_PAGE), 'c1', {});
      expect(r).toMatchObject({ ok: true, value: { frontDoor: 'electron' } });
      expect(dispatched).toEqual([{ method: 'app.info', input: {} }]);
    });

    it.each([
      ['app.info', 'not an object'],
      ['table.countBy', { importId: 'one', column: 0 }],
      ['table.preview', { file: '/etc/passwd' }],
      ['project.openRecent', { path: '' }],
    ])('turns a bad input to %s into bad_input data', async (method, input) => {
      await started();
      const r = await invoke(`trellis:call:${method}`, ipcEvent(APP_PAGE), 'c1', input);
      expect(r).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    });

    it.each([
      ['another site', 'https://evil.example/'],
      ['a file: page', 'file:///tmp/index.html'],
      ['a look-alike host', 'app://trellis.evil/index.html'],
      ['no frame', null],
    ])('refuses a call from %s without running the handler', async (_name, url) => {
      await started();
      const event = ipcEvent(url);
      for (const method of METHOD_NAMES) {
        const r = await invoke(`trellis:call:${method}`, event, 'c1', {});
        expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      expect(await invoke('trellis:cancel', event, 'c1')).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await invoke('trellis:register-file', event, '/etc/passwd')).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(dispatched).toEqual([]);
    });

    it('registers a real file by reference, never handing back its path', async () => {
      await started();
      const path = join(home, DEMO_FILE_NAME);
      const r = await invoke('trellis:register-file', ipcEvent(APP_PAGE), path);
      expect(r).toMatchObject({
        ok: true,
        value: { file: expect.stringMatching(/^f_/), name: DEMO_FILE_NAME },
      });
      expect(JSON.stringify(r)).not.toContain(home);
      expect(await invoke('trellis:register-file', ipcEvent(APP_PAGE), home)).toMatchObject({ ok: false });
      expect(await invoke('trellis:register-file', ipcEvent(APP_PAGE), 42)).toMatchObject({
        ok: false,
        error: { code: 'bad_input' },
      });
    });

    it('cancels nothing it does not know', async () => {
      await started();
      expect(await invoke('trellis:cancel', ipcEvent(APP_PAGE), 'nope')).toEqual({
        ok: true,
        value: { cancelled: false },
      });
    });
  });

  describe('hardening', () => {
    async function createdContents() {
      await started();
      const contents = new FakeWebContents();
      fake.appListeners.emit('web-contents-created', {}, contents);
      return contents;
    }

    it.each([
      ['https://example.com/', true],
      ['file:///etc/passwd', true],
      ['http://127.0.0.1:1234/', true],
      ['app://other/index.html', true],
      ['app://trellis/x', false],
      [APP_PAGE, false],
    ])('will-navigate and will-redirect to %s: prevented %s', async (url, prevented) => {
      const contents = await createdContents();
      for (const name of ['will-navigate', 'will-redirect']) {
        const event = fakeEvent();
        contents.emit(name, event, url);
        expect(event.preventDefault, name).toHaveBeenCalledTimes(prevented ? 1 : 0);
      }
    });

    it('refuses to attach a webview', async () => {
      const contents = await createdContents();
      const event = fakeEvent();
      contents.emit('will-attach-webview', event, {}, {});
      expect(event.preventDefault).toHaveBeenCalled();
    });

    it.each([
      [OFFERED_LINKS[0]!, true],
      [`${OFFERED_LINKS[1]!}trellis/trellis`, true],
      ['https://evil.example/', false],
      ['http://github.com/', false],
      ['https://github.com.evil.example/', false],
      ['file:///etc/passwd', false],
      [APP_PAGE, false],
    ])('window.open(%s) is denied; opened in the browser: %s', async (url, external) => {
      const contents = await createdContents();
      expect(contents.windowOpenHandler).not.toBeNull();
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
      if (external) expect(fake.openExternal).toHaveBeenCalledWith(url);
      else expect(fake.openExternal).not.toHaveBeenCalled();
    });

    it('denies every permission request and check', async () => {
      await started();
      const callback = vi.fn();
      for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
        fake.permissionRequestHandler!({}, permission, callback);
        expect(fake.permissionCheckHandler!({}, permission, 'app://trellis', {})).toBe(false);
      }
      expect(callback.mock.calls).toEqual([[false], [false], [false], [false]]);
    });
  });

  describe('the app:// protocol', () => {
    it('is registered as a privileged standard, secure scheme before the app is ready', async () => {
      startShell(); // not flushed: whenReady has not run yet
      expect(fake.schemes).toEqual([
        { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
      ]);
      expect(FakeBrowserWindow.created).toEqual([]);
      await flush();
    });

    it('serves the renderer with the strict CSP, and nothing outside it', async () => {
      await started();
      const handle = fake.protocolHandlers.get('app')!;
      const ok = await handle({ url: APP_PAGE });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
      expect(fake.netFetch).toHaveBeenCalledWith(expect.stringMatching(/^file:.*[/\\]index\.html$/));
      expect((await handle({ url: 'app://other/index.html' })).status).toBe(404);
      fake.netFetch.mockClear();
      const inside = `${pathToFileURL(rendererDir()).href}/`;
      for (const url of [
        'app://trellis/%2e%2e/%2e%2e/etc/passwd',
        'app://trellis/..%2f..%2fetc%2fpasswd',
        'app://trellis/',
      ]) {
        await handle({ url });
      }
      // Every path is normalised back inside the renderer directory, never above it.
      expect(fake.netFetch.mock.calls.map(([u]) => u.startsWith(inside))).toEqual([true, true, true]);
      expect(fake.netFetch.mock.calls[2]![0]).toBe(`${inside}index.html`);
    });
  });

  describe('a second launch', () => {
    it('quits at once when another Trellis holds the single-instance lock', async () => {
      fake.singleInstanceLock = false;
      startShell();
      await flush();
      expect(fake.quit).toHaveBeenCalledTimes(1);
      expect(FakeBrowserWindow.created).toEqual([]);
      expect(fake.ipcHandlers.size).toBe(0);
      expect(existsSync(join(home, DEMO_FILE_NAME))).toBe(false);
    });
  });

  it('closes the project and quits when the last window closes', async () => {
    await started();
    fake.appListeners.emit('window-all-closed');
    expect(fake.quit).toHaveBeenCalled();
    // The writer lock is released: the same project opens again in this process.
    resetFakeElectron();
    await started();
    const r = await invoke('trellis:call:app.info', ipcEvent(APP_PAGE), 'c1', {});
    // ...and the demo partnership, reopened as the most recent project, is still the demo.
    expect(r).toMatchObject({ ok: true, value: { project: { name: 'Demo partnership', isDemo: true } } });
  });
});
