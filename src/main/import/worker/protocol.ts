import type { ImportReport } from '@shared/import-contract';
import type { ImportPolicy, Mapping } from '@shared/import-mapping';
import type { ErrorData } from '@shared/errors';
import type { ReadSettings } from '@core/csv';
import type { ReadTableResult } from '../read';
import type { EncodedRows } from './row-codec';

/** What the host hands the import worker (structured-cloned as workerData). */
export interface ImportJob {
  projectPath: string;
  path: string;
  fileName: string;
  size: number;
  mapping: Mapping;
  policy: ImportPolicy;
  dryRun: boolean;
  /** This worker's own file, to start the parser thread from. */
  workerFile: string;
  overrides?: Partial<ReadSettings>;
}

export type HostToWorker = { type: 'cancel' };

export type WorkerToHost =
  | { type: 'progress'; rows: number; bytes: number; totalBytes: number; finishing?: boolean }
  | { type: 'result'; report: ImportReport }
  | { type: 'error'; error: ErrorData };

export type ParseToImport =
  | {
      type: 'rows';
      /** The rows, dictionary-coded (row-codec.ts). */
      batch: EncodedRows;
      /** 1-based record number in the file of each row. */
      rowNumbers: Int32Array;
      bytes: number;
      totalBytes: number;
      rowsSoFar: number;
    }
  | { type: 'done'; result: ReadTableResult }
  | { type: 'failed'; message: string };
