import type { ProgressEvent } from '@shared/contract';
import type { TrellisBridge, UploadedFile } from '@shared/bridge';
import type { Result } from '@shared/errors';
import { ApiError, type Transport } from './client';

export function ipcTransport(bridge: TrellisBridge): Transport {
  return {
    kind: 'electron',
    call: (method, callId, input) => bridge.call(method, callId, input),
    cancel: (callId) => bridge.cancel(callId),
    onProgress: (l) => bridge.onProgress(l),
    onMenu: (l) => bridge.onMenu(l),
    async uploadFile(file) {
      const r = await bridge.registerFile(file);
      if (!r.ok) throw new ApiError(r.error.code, r.error.message);
      return r.value;
    },
  };
}

/**
 * Browser mode: calls are POSTs to the loopback server (authorised by its HttpOnly cookie), progress
 * arrives as server-sent events, files are streamed up (never read whole into memory).
 */
export function httpTransport(): Transport {
  const listeners = new Set<(e: ProgressEvent) => void>();
  let source: EventSource | null = null;
  const ensureEvents = () => {
    if (source) return;
    source = new EventSource('/api/events');
    source.addEventListener('progress', (m) => {
      const e = JSON.parse((m as MessageEvent<string>).data) as ProgressEvent;
      for (const l of listeners) l(e);
    });
  };
  const post = async (path: string, body: unknown): Promise<Result<unknown>> => {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status === 401) {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: 'This page has lost its access token: open the URL that `trellis serve` printed.',
        },
      };
    }
    return (await res.json()) as Result<unknown>;
  };
  return {
    kind: 'browser',
    call: (method, callId, input) => post('/api/call', { callId, method, input }),
    cancel: (callId) => post('/api/cancel', { callId }),
    onProgress(l) {
      ensureEvents();
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onMenu: () => () => {},
    uploadFile(file, onProgress) {
      // XMLHttpRequest rather than fetch: it reports upload progress, and streams the File from disk.
      return new Promise<UploadedFile>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
        xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.total);
        xhr.onerror = () =>
          reject(new ApiError('file_unreadable', `Could not send ${file.name} to Trellis.`));
        xhr.onload = () => {
          const r = JSON.parse(xhr.responseText) as Result<UploadedFile>;
          if (r.ok) resolve(r.value);
          else reject(new ApiError(r.error.code, r.error.message));
        };
        xhr.send(file);
      });
    },
  };
}
