import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportReport } from '@shared/import-contract';
import { TrellisError } from '@shared/errors';
import type { Project } from '../db/open-project';
import { runImport, type RunImportOptions } from './run/run-import';
import type { ImportJob, WorkerToHost } from './worker/protocol';

export interface HostedProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
  percent: number;
  /** Rows per second since the start. */
  rate: number;
  /** Every row is read: indexes are rebuilt and the transaction commits (no longer cancellable). */
  finishing?: boolean;
}

export type HostedImportOptions = Omit<RunImportOptions, 'onProgress'> & {
  onProgress?: (p: HostedProgress) => void;
  /** 'auto' (default): the worker thread when its built file exists, else this thread. */
  thread?: 'auto' | 'worker' | 'inline';
};

/**
 * The built worker file: beside the bundle that holds this code (out/main, or out/main/chunks/..).
 * TRELLIS_IMPORT_WORKER names another one; from the TypeScript sources (tests) there is none.
 */
export function findImportWorker(): string | null {
  const env = process.env.TRELLIS_IMPORT_WORKER;
  if (env) return existsSync(env) ? env : null;
  let here: string;
  try {
    here = dirname(fileURLToPath(import.meta.url));
  } catch {
    return null;
  }
  for (const dir of [here, join(here, '..'), join(here, '..', '..')]) {
    const file = join(dir, 'import-worker.js');
    // In the packaged app this is inside app.asar: Electron starts workers from the archive.
    if (existsSync(file)) return file;
  }
  return null;
}

/** Imports running per project file: one at a time (SQLite has one writer). */
const running = new Set<string>();
/** When the last progress event went out (module-level: one import runs at a time per host). */
let lastSent = 0;

/**
 * Runs an import for a front door: in a worker thread (parsing in a second one) so the front door's
 * thread stays responsive, with progress at least every 250 ms while rows flow and cancel through
 * `signal`. Falls back to this thread when the worker is not built (running from sources).
 */
export async function runImportHosted(
  project: Project,
  path: string,
  options: HostedImportOptions,
): Promise<ImportReport> {
  if (running.has(project.path))
    throw new TrellisError(
      'import_failed',
      'Another import into this project is still running: wait for it or cancel it.',
    );
  running.add(project.path);
  const started = performance.now();
  lastSent = started;
  const progress = (
    p: { rows: number; bytes: number; totalBytes: number; finishing?: boolean },
    force = false,
  ) => {
    const now = performance.now();
    if (!force && now - lastSent < 200) return;
    lastSent = now;
    const seconds = (now - started) / 1000;
    options.onProgress?.({
      ...p,
      percent: p.totalBytes > 0 ? Math.min(100, (100 * p.bytes) / p.totalBytes) : 0,
      rate: seconds > 0 ? p.rows / seconds : 0,
    });
  };
  try {
    const workerFile = options.thread === 'inline' ? null : findImportWorker();
    if (workerFile === null) {
      if (options.thread === 'worker') throw new Error('the import worker is not built (npm run build)');
      return await runImport(project.db, path, { ...options, onProgress: (p) => progress(p) });
    }
    try {
      return await inWorker(workerFile, project, path, options, progress);
    } catch (err) {
      // A worker that could not even start (a packaged app that cannot load it) must not stop the
      // import: run it here instead. Nothing was written (the worker never began a transaction).
      if (!(err instanceof WorkerStartError) || options.thread === 'worker') throw err;
      console.error(`Trellis: the import worker did not start (${err.message}); importing on this thread.`);
      return await runImport(project.db, path, { ...options, onProgress: (p) => progress(p) });
    }
  } finally {
    running.delete(project.path);
  }
}

class WorkerStartError extends Error {}

function inWorker(
  workerFile: string,
  project: Project,
  path: string,
  options: HostedImportOptions,
  progress: (
    p: { rows: number; bytes: number; totalBytes: number; finishing?: boolean },
    force?: boolean,
  ) => void,
): Promise<ImportReport> {
  const job: ImportJob = {
    projectPath: project.path,
    path,
    fileName: options.fileName ?? basename(path),
    size: statSync(path).size,
    mapping: options.mapping,
    policy: options.policy,
    dryRun: options.dryRun ?? false,
    workerFile,
  };
  return new Promise<ImportReport>((resolve, reject) => {
    // A bounded heap makes V8 collect the parsed rows early: memory stays flat whatever the file size.
    const worker = new Worker(workerFile, {
      workerData: { role: 'import', ...job },
      resourceLimits: { maxOldGenerationSizeMb: 192 },
    });
    let settled = false;
    // Until the worker says anything, an error means it could not load (nothing was written yet).
    let heard = false;
    const settle = (fn: () => void, stop = true) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      clearInterval(heartbeat);
      fn();
      // After a result the worker checkpoints the WAL and then ends by itself.
      if (stop) void worker.terminate();
    };
    // While the worker is inside one long SQLite step (rebuilding indexes, committing) it cannot post:
    // repeat the last figures so the UI still hears from the import at least every 250 ms.
    let lastSeen: { rows: number; bytes: number; totalBytes: number; finishing?: boolean } = {
      rows: 0,
      bytes: 0,
      totalBytes: job.size,
    };
    const heartbeat = setInterval(() => {
      if (performance.now() - lastSent >= 100) progress(lastSeen, true);
    }, 25);
    const onAbort = () => worker.postMessage({ type: 'cancel' });
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: WorkerToHost) => {
      heard = true;
      if (m.type === 'progress') {
        lastSeen = m;
        progress(m, m.finishing === true);
      } else if (m.type === 'result') settle(() => resolve(m.report), false);
      else settle(() => reject(new TrellisError(m.error.code, m.error.message, m.error.details)));
    });
    worker.on('error', (err) => settle(() => reject(heard ? err : new WorkerStartError(err.message))));
    worker.on('exit', (code) =>
      settle(() =>
        reject(
          new TrellisError(
            'import_failed',
            `The import stopped unexpectedly (worker exit ${code}): nothing was imported.`,
          ),
        ),
      ),
    );
  });
}
