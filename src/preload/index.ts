import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { TrellisBridge } from '../shared/bridge';

// The allowlisted bridge: contract calls on `trellis:call:<method>` channels, cancel, progress, the
// menu, and dropped files. Nothing else of ipcRenderer is reachable from the page.

/** The contract's method names, written in by electron-vite's `define` (see electron.vite.config.ts). */
declare const __TRELLIS_METHOD_NAMES__: readonly string[];
const METHODS = new Set<string>(__TRELLIS_METHOD_NAMES__);

const bridge: TrellisBridge = {
  call(method, callId, input) {
    if (typeof method !== 'string' || !METHODS.has(method))
      return Promise.reject(new Error(`Not a Trellis method: ${String(method)}`));
    return ipcRenderer.invoke(`trellis:call:${method}`, callId, input);
  },
  cancel: (callId) => ipcRenderer.invoke('trellis:cancel', String(callId)),
  onProgress(listener) {
    const l = (_e: unknown, event: Parameters<typeof listener>[0]) => listener(event);
    ipcRenderer.on('trellis:progress', l);
    return () => ipcRenderer.removeListener('trellis:progress', l);
  },
  onMenu(listener) {
    const l = (_e: unknown, action: string) => listener(action);
    ipcRenderer.on('trellis:menu', l);
    return () => ipcRenderer.removeListener('trellis:menu', l);
  },
  registerFile: (file) => ipcRenderer.invoke('trellis:register-file', webUtils.getPathForFile(file)),
};

contextBridge.exposeInMainWorld('trellisBridge', bridge);
