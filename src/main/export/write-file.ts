import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TrellisError } from '@shared/errors';

/**
 * Write an export so that the target is either the old file or the complete new one: a half-written
 * PDF left behind by a full disk or a crash would open as "damaged" in someone's grant report.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data, { flush: true });
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    if ((e as NodeJS.ErrnoException).code === 'ENOSPC')
      throw new TrellisError('disk_full', `The disk is full: ${path} was not written.`);
    throw e;
  }
}
