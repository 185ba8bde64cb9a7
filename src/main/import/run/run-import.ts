import { basename } from 'node:path';
import { statSync } from 'node:fs';
import type { ImportReport } from '@shared/import-contract';
import type { ImportPolicy, Mapping } from '@shared/import-mapping';
import { TrellisError } from '@shared/errors';
import type { ReadSettings } from '@core/csv';
import { fromReadIssue } from '@core/import/issues';
import type { Db } from '../../db/open-project';
import { sha256File } from '../../table/table-import';
import { readTable, sniffFile } from '../read';
import { ImportSession, translateSqliteError } from './import-session';

export interface ImportProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

export interface RunImportOptions {
  mapping: Mapping;
  policy: ImportPolicy;
  dryRun?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** The name shown in reports (defaults to the file's base name). */
  fileName?: string;
}

/** The settings to read with: what detection proposes, with the mapping's overrides on top. */
export async function resolveReadSettings(path: string, mapping: Mapping) {
  const overrides = Object.fromEntries(
    Object.entries(mapping.settings).filter(([, v]) => v !== undefined),
  ) as Partial<ReadSettings>; // ReadOverrides' fields are a subset of ReadSettings with the same value sets
  const sniff = await sniffFile(path, overrides);
  if (!sniff.ok) {
    const first = sniff.issues.find((i) => i.severity === 'error') ?? sniff.issues[0];
    throw new TrellisError(
      'import_failed',
      `${basename(path)} cannot be imported: ${first?.message ?? 'it could not be read'}`,
      sniff.issues.map(fromReadIssue),
    );
  }
  return { sniff, overrides };
}

/** The earlier import of these exact bytes, if any. */
export function findImportBySha(db: Db, sha256: string) {
  return db
    .prepare(
      `SELECT id AS importId, imported_at AS importedAt, file_name AS fileName FROM imports
       WHERE sha256 = ? AND kind <> 'table' ORDER BY id LIMIT 1`,
    )
    .get(sha256) as { importId: number; importedAt: string; fileName: string } | undefined;
}

/**
 * Imports one file in this thread: hash, detect, then stream rows into one transaction. The
 * worker-thread path (run-in-worker.ts) runs the same ImportSession with parsing in another thread.
 */
export async function runImport(db: Db, path: string, options: RunImportOptions): Promise<ImportReport> {
  const signal = options.signal ?? new AbortController().signal;
  const name = options.fileName ?? basename(path);
  const size = statSync(path).size;
  // 1. The same bytes again add nothing.
  const sha256 = await sha256File(path, signal);
  if (signal.aborted) throw new TrellisError('cancelled', 'Cancelled: nothing was imported.');
  const previous = findImportBySha(db, sha256);
  if (previous) return alreadyImportedReport(name, sha256, options.mapping, previous.importId);
  // 2. Detect, with the mapping's overrides.
  const { sniff, overrides } = await resolveReadSettings(path, options.mapping);
  const session = new ImportSession(db, {
    file: { name, size, sha256 },
    mapping: options.mapping,
    policy: options.policy,
    dryRun: options.dryRun ?? false,
    settings: sniff.settings,
    columns: sniff.columns,
  });
  // 3. Stream rows into the transaction. A write failure (a full disk) stops the reader; the reader
  //    would otherwise report it as its own read failure.
  session.begin();
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let writeError: unknown = null;
  let read;
  try {
    read = await readTable(
      path,
      overrides,
      (rows, progress) => {
        if (writeError !== null) return;
        try {
          session.writeBatch(rows, progress.rowNumbers);
        } catch (err) {
          writeError = err;
          stop.abort();
          return;
        }
        options.onProgress?.({ rows: progress.rows, bytes: progress.bytes, totalBytes: progress.totalBytes });
      },
      stop.signal,
    );
  } catch (err) {
    session.rollback();
    throw translateSqliteError(err);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (writeError !== null) {
    session.rollback();
    throw translateSqliteError(writeError);
  }
  return session.finish(read);
}

export function alreadyImportedReport(
  fileName: string,
  sha256: string,
  mapping: Mapping,
  previousImportId: number,
): ImportReport {
  return {
    status: 'already_imported',
    importId: null,
    fileName,
    sha256,
    kind: mapping.kind,
    format: mapping.settings.platform ?? 'unknown',
    encoding: mapping.settings.encoding ?? 'unknown',
    rowsRead: 0,
    rowsImported: 0,
    rowsSkipped: 0,
    rowsDropped: 0,
    rowsAlreadyPresent: 0,
    counts: {},
    issues: [
      {
        code: 'file_already_imported',
        severity: 'info',
        message: `This exact file was imported before (import ${previousImportId}): nothing new to add.`,
      },
    ],
    issueCount: 1,
    previousImportId,
    durationMs: 0,
    settings: null,
  };
}
