import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { TrellisError } from '@shared/errors';

/**
 * The renderer never names file paths: a dialog, a drop or an upload hands the Node side a path, and
 * the renderer gets back an opaque reference to it.
 */
export class FileRefs {
  private readonly paths = new Map<string, string>();

  register(path: string): string {
    const ref = `f_${randomBytes(12).toString('hex')}`;
    this.paths.set(ref, path);
    return ref;
  }

  resolve(ref: string): { path: string; name: string; size: number } {
    const path = this.paths.get(ref);
    if (!path) throw new TrellisError('file_not_found', 'That file is no longer available: choose it again.');
    try {
      return { path, name: basename(path), size: statSync(path).size };
    } catch {
      throw new TrellisError(
        'file_not_found',
        `${basename(path)} can no longer be read: was it moved or deleted?`,
      );
    }
  }
}
