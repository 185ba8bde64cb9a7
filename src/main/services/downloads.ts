import { randomBytes } from 'node:crypto';

/**
 * Browser mode's way to hand a finished export to the user: the file waits in memory under a random
 * token and the renderer navigates to /api/download/<token>. The route sits behind the same token
 * check as every other request; the download token itself works once and for ten minutes.
 */
export interface PendingDownload {
  fileName: string;
  mime: string;
  data: Buffer;
  expires: number;
}

export const DOWNLOAD_TTL_MS = 10 * 60 * 1000;
export const DOWNLOAD_PATH = '/api/download/';

export class Downloads {
  private readonly pending = new Map<string, PendingDownload>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keep the file and return its one-shot URL path. */
  add(file: { fileName: string; mime: string; data: Buffer | string }): string {
    this.sweep();
    const token = randomBytes(24).toString('base64url');
    this.pending.set(token, {
      fileName: file.fileName,
      mime: file.mime,
      data: typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data,
      expires: this.now() + DOWNLOAD_TTL_MS,
    });
    return `${DOWNLOAD_PATH}${token}`;
  }

  /** The file for this token, removed so the URL works once; null if unknown or expired. */
  take(token: string): PendingDownload | null {
    this.sweep();
    const hit = this.pending.get(token) ?? null;
    this.pending.delete(token);
    return hit;
  }

  get size(): number {
    return this.pending.size;
  }

  private sweep() {
    const now = this.now();
    for (const [t, d] of this.pending) if (d.expires <= now) this.pending.delete(t);
  }
}
