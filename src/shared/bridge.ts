import type { ProgressEvent } from './contract';
import type { Result } from './errors';

export interface UploadedFile {
  file: string;
  name: string;
  size: number;
}

/**
 * What the Electron preload exposes as `window.trellisBridge`: a handful of functions, no Node, no
 * file paths. Browser mode has no bridge and talks HTTP instead; the renderer's client hides which.
 */
export interface TrellisBridge {
  call(method: string, callId: string, input: unknown): Promise<Result<unknown>>;
  cancel(callId: string): Promise<unknown>;
  onProgress(listener: (e: ProgressEvent) => void): () => void;
  onMenu(listener: (action: string) => void): () => void;
  /** A File from a drop or an <input type=file>, handed to the Node side by reference. */
  registerFile(file: File): Promise<Result<UploadedFile>>;
}

declare global {
  interface Window {
    trellisBridge?: TrellisBridge;
  }
}
