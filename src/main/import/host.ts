import type { ImportReport } from '@shared/import-contract';
import type { Project } from '../db/open-project';
import { runImport, type RunImportOptions } from './run/run-import';

export interface HostedProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
  percent: number;
  /** Rows per second since the start. */
  rate: number;
}

export type HostedImportOptions = Omit<RunImportOptions, 'onProgress'> & {
  onProgress?: (p: HostedProgress) => void;
};

/**
 * Runs an import for a front door, with progress at least every 250 ms while rows flow. (The
 * worker-thread host replaces the in-thread run where the built worker is available.)
 */
export async function runImportHosted(
  project: Project,
  path: string,
  options: HostedImportOptions,
): Promise<ImportReport> {
  const started = performance.now();
  let last = 0;
  return runImport(project.db, path, {
    ...options,
    onProgress: (p) => {
      const now = performance.now();
      if (now - last < 200) return;
      last = now;
      const seconds = (now - started) / 1000;
      options.onProgress?.({
        ...p,
        percent: p.totalBytes > 0 ? (100 * p.bytes) / p.totalBytes : 0,
        rate: seconds > 0 ? p.rows / seconds : 0,
      });
    },
  });
}
