import { beforeAll, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import type { TrellisBridge } from '../../../src/shared/bridge';
import { METHOD_NAMES } from '../../../src/shared/contract';
import { fake } from '../../helpers/fake-electron';

// The preload on a recording fake of Electron's renderer-side modules. The build writes the
// contract's method names in with `define`; here the same global is set from the contract.
vi.mock('electron', async () => (await import('../../helpers/fake-electron')).fakeElectron);

describe('the preload bridge', () => {
  let bridge: TrellisBridge;

  beforeAll(async () => {
    (globalThis as { __TRELLIS_METHOD_NAMES__?: readonly string[] }).__TRELLIS_METHOD_NAMES__ = METHOD_NAMES;
    await import('../../../src/preload/index');
    expect(fake.exposed).toHaveLength(1);
    bridge = fake.exposed[0]![1] as TrellisBridge;
  });

  it('exposes one object, trellisBridge, and only functions on it', () => {
    expect(fake.exposed.map(([key]) => key)).toEqual(['trellisBridge']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'cancel', 'onMenu', 'onProgress', 'registerFile']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it.each(METHOD_NAMES)('call(%s) invokes its own channel with the call id and input', async (method) => {
    fake.invoke.mockClear();
    await bridge.call(method, 'c1', { a: 1 });
    expect(fake.invoke).toHaveBeenCalledExactlyOnceWith(`trellis:call:${method}`, 'c1', { a: 1 });
  });

  it.each([
    'no.suchMethod',
    'app.Info',
    '',
    'trellis:cancel',
    'app.info ',
    'app.info/../x',
    '__proto__',
    'constructor',
    'hasOwnProperty',
    42,
    null,
  ])('call(%j) rejects without touching ipcRenderer', async (method) => {
    fake.invoke.mockClear();
    // A page may pass anything at run time, whatever the types say.
    await expect(bridge.call(method as string, 'c1', {})).rejects.toThrow(/Not a Trellis method/);
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('cancels by call id, as a string', async () => {
    fake.invoke.mockClear();
    await bridge.cancel(7 as unknown as string); // a page may pass anything
    expect(fake.invoke).toHaveBeenCalledExactlyOnceWith('trellis:cancel', '7');
  });

  it('hands a file to the Node side as its path, on the register-file channel', async () => {
    fake.invoke.mockClear();
    await bridge.registerFile({ name: 'roster.csv' } as File);
    expect(fake.invoke).toHaveBeenCalledExactlyOnceWith('trellis:register-file', '/picked/roster.csv');
  });

  it('passes progress and menu events on without the IPC event, and unsubscribes', () => {
    const progress: unknown[] = [];
    const menu: unknown[] = [];
    const offProgress = bridge.onProgress((e) => progress.push(e));
    const offMenu = bridge.onMenu((a) => menu.push(a));
    const ipcEvent = { sender: 'the IPC event must not reach the page' };
    fake.rendererListeners.emit('trellis:progress', ipcEvent, { callId: 'c1', progress: { done: 1 } });
    fake.rendererListeners.emit('trellis:menu', ipcEvent, 'import');
    expect(progress).toEqual([{ callId: 'c1', progress: { done: 1 } }]);
    expect(menu).toEqual(['import']);
    offProgress();
    offMenu();
    fake.rendererListeners.emit('trellis:progress', ipcEvent, {});
    fake.rendererListeners.emit('trellis:menu', ipcEvent, 'export');
    expect(progress).toHaveLength(1);
    expect(menu).toHaveLength(1);
  });

  it('gets its method names from the contract at build time', async () => {
    const { default: config } = await import('../../../electron.vite.config');
    const preload = (config as { preload?: { define?: Record<string, string> } }).preload;
    expect(JSON.parse(preload?.define?.__TRELLIS_METHOD_NAMES__ ?? 'null')).toEqual(METHOD_NAMES);
  });
});
