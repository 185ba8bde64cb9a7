import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES } from '@shared/contract';
import type { Result } from '@shared/errors';
import type { Dispatch } from '../services/dispatch';
import { isAppUrl } from './protocol';

export const CHANNEL = {
  call: (method: string) => `trellis:call:${method}`,
  cancel: 'trellis:cancel',
  progress: 'trellis:progress',
  registerFile: 'trellis:register-file',
} as const;

const forbidden: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from a Trellis window.' },
};

/** Only frames showing the app's own pages may call the Node side. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}

/**
 * One IPC channel per contract method, each going through the shared dispatcher (which validates the
 * input); plus cancel and file registration.
 */
export function registerIpc(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  registerPath: (path: string) => unknown,
): void {
  const running = new Map<string, AbortController>();
  for (const method of METHOD_NAMES) {
    ipcMain.handle(CHANNEL.call(method), async (event, callId: unknown, input: unknown) => {
      if (!isTrustedSender(event)) return forbidden;
      const id = typeof callId === 'string' ? callId : '';
      const controller = new AbortController();
      if (id) running.set(id, controller);
      try {
        return await dispatch(method, input, {
          signal: controller.signal,
          onProgress: (progress) => {
            if (!event.sender.isDestroyed()) event.sender.send(CHANNEL.progress, { callId: id, progress });
          },
        });
      } finally {
        running.delete(id);
      }
    });
  }
  ipcMain.handle(CHANNEL.cancel, (event, callId: unknown) => {
    if (!isTrustedSender(event)) return forbidden;
    const c = typeof callId === 'string' ? running.get(callId) : undefined;
    c?.abort();
    return { ok: true, value: { cancelled: c !== undefined } };
  });
  ipcMain.handle(CHANNEL.registerFile, (event, path: unknown) => {
    if (!isTrustedSender(event)) return forbidden;
    if (typeof path !== 'string' || path.length === 0) {
      return {
        ok: false,
        error: { code: 'bad_input', message: 'That item is not a file on this computer.' },
      };
    }
    try {
      return { ok: true, value: registerPath(path) };
    } catch (err) {
      return {
        ok: false,
        error: { code: 'file_not_found', message: err instanceof Error ? err.message : String(err) },
      };
    }
  });
}
