import type { Input, MethodName, Output, Progress, ProgressEvent } from '@shared/contract';
import type { UploadedFile } from '@shared/bridge';
import type { ErrorCode, Result } from '@shared/errors';

/** How the renderer reaches the Node side: Electron IPC or loopback HTTP. Same client either way. */
export interface Transport {
  readonly kind: 'electron' | 'browser';
  call(method: string, callId: string, input: unknown): Promise<Result<unknown>>;
  cancel(callId: string): Promise<unknown>;
  onProgress(listener: (e: ProgressEvent) => void): () => void;
  onMenu(listener: (action: string) => void): () => void;
  uploadFile(file: File, onProgress?: (sent: number, total: number) => void): Promise<UploadedFile>;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface CallOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

let counter = 0;
const newCallId = () =>
  `c${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export interface Api {
  readonly kind: Transport['kind'];
  call<M extends MethodName>(method: M, input: Input<M>, opts?: CallOptions): Promise<Output<M>>;
  uploadFile: Transport['uploadFile'];
  onMenu: Transport['onMenu'];
}

/** The typed facade: `api.call('table.import', { file })` resolves to that method's output type. */
export function createApi(transport: Transport): Api {
  return {
    kind: transport.kind,
    async call(method, input, opts = {}) {
      const callId = newCallId();
      const off = opts.onProgress
        ? transport.onProgress((e) => {
            if (e.callId === callId) opts.onProgress?.(e.progress);
          })
        : () => {};
      const onAbort = () => void transport.cancel(callId);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const result = await transport.call(method, callId, input);
        if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
        // The Node side validated the input and produced this method's output; the wire loses the type.
        return result.value as Output<typeof method>;
      } finally {
        off();
        opts.signal?.removeEventListener('abort', onAbort);
      }
    },
    uploadFile: (file, onProgress) => transport.uploadFile(file, onProgress),
    onMenu: (l) => transport.onMenu(l),
  };
}
