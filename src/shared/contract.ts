import { z } from 'zod';
import {
  Dimension,
  MetricFilters,
  MetricsResult,
  ProjectDimensions,
  ProjectSettings,
  METRIC_SECTIONS,
} from './metrics';
import { exportContract } from './export-contract';
import { importContract } from './import-contract';

/**
 * The one contract: every call the UI can make, with its input and output schema. Electron's IPC
 * handlers, the loopback HTTP server and the renderer's typed client are all derived from this
 * object; a method here without a handler in src/main/services/handlers.ts does not compile.
 *
 * Method names are `domain.verb`.
 */

/** An opaque reference to a file the Node side knows (chosen in a dialog, dropped, or uploaded). */
export const FileRef = z.string().regex(/^f_[a-z0-9]{16,}$/, 'not a file reference');

const ProjectSummary = z.object({
  name: z.string(),
  path: z.string(),
  schemaVersion: z.number().int(),
  isDemo: z.boolean(),
});

const Cell = z.string();

export const contract = {
  'app.info': {
    description: 'Version, front door and the open project.',
    input: z.object({}),
    output: z.object({
      version: z.string(),
      frontDoor: z.enum(['electron', 'browser']),
      project: ProjectSummary.nullable(),
    }),
  },
  'project.recent': {
    description: 'Recently opened projects, newest first.',
    input: z.object({}),
    output: z.array(
      z.object({ name: z.string(), path: z.string(), openedAt: z.string(), exists: z.boolean() }),
    ),
  },
  'project.openRecent': {
    description: 'Open a project from the recent list (the renderer never names arbitrary paths).',
    input: z.object({ path: z.string().min(1) }),
    output: ProjectSummary,
  },
  'files.choose': {
    description: 'Ask the user for files with the native open dialog (Electron only; browser mode uploads).',
    input: z.object({ purpose: z.enum(['import']).default('import') }),
    output: z.object({
      files: z.array(z.object({ file: FileRef, name: z.string(), size: z.number().int() })),
    }),
  },
  'project.choose': {
    description:
      'Create or open a project with the native dialog (Electron only). Null when the user cancels.',
    input: z.object({ mode: z.enum(['create', 'open']) }),
    output: ProjectSummary.nullable(),
  },
  'files.describe': {
    description: 'Name and size of a file the Node side holds a reference to.',
    input: z.object({ file: FileRef }),
    output: z.object({ name: z.string(), size: z.number().int() }),
  },
  'table.preview': {
    description: 'First rows, header and row count of a CSV file, streamed (never read whole).',
    long: true,
    input: z.object({ file: FileRef, rows: z.number().int().min(1).max(200).default(10) }),
    output: z.object({
      fileName: z.string(),
      size: z.number().int(),
      columns: z.array(z.string()),
      rows: z.array(z.array(Cell)),
      rowCount: z.number().int(),
    }),
  },
  'table.import': {
    description: 'Import a CSV file into the project as a generic table, all or nothing.',
    long: true,
    input: z.object({ file: FileRef }),
    output: z.object({
      importId: z.number().int(),
      rowCount: z.number().int(),
      columns: z.array(z.string()),
    }),
  },
  'table.list': {
    description: 'Generic table imports in the project.',
    input: z.object({}),
    output: z.array(
      z.object({
        importId: z.number().int(),
        fileName: z.string(),
        rowCount: z.number().int(),
        columns: z.array(z.string()),
        importedAt: z.string(),
      }),
    ),
  },
  'table.countBy': {
    description: 'Rows per distinct value of one column of an import; small counts are suppressed.',
    input: z.object({ importId: z.number().int(), column: z.number().int().min(0) }),
    output: z.object({
      column: z.string(),
      threshold: z.number().int(),
      groups: z.array(
        z.object({
          value: z.string(),
          count: z.number().int().nullable(),
          suppressed: z.boolean(),
          /** Why a suppressed group is hidden, for people (e.g. "n < 10"). */
          reason: z.string().nullable(),
        }),
      ),
    }),
  },
  'project.dimensions': {
    description:
      'What the project holds to filter and split by: cohorts, programs, sites, partners, attributes, scales.',
    input: z.object({}),
    output: ProjectDimensions,
  },
  'project.settings': {
    description:
      'The project settings that shape metrics (suppression threshold, dosage bands, scale rules).',
    input: z.object({}),
    output: ProjectSettings,
  },
  'project.updateSettings': {
    description: 'Change project settings; a threshold under 5 is refused.',
    input: ProjectSettings.partial(),
    output: ProjectSettings,
  },
  'metrics.compute': {
    description:
      'Compute the dashboard metric set for the filters, split by up to two dimensions; suppressed before it leaves.',
    input: z.object({
      filters: MetricFilters.default({}),
      by: z.array(Dimension).max(2).default([]),
      sections: z.array(z.enum(METRIC_SECTIONS)).optional(),
    }),
    output: MetricsResult,
  },
  ...exportContract,
  ...importContract,
} as const satisfies Record<string, MethodSpec>;

export interface MethodSpec {
  description: string;
  input: z.ZodType;
  output: z.ZodType;
  /** Long work: reports progress events and can be cancelled. */
  long?: boolean;
}

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];
export const isMethodName = (v: unknown): v is MethodName =>
  typeof v === 'string' && Object.hasOwn(contract, v);

/** What a caller passes (defaults may be omitted). */
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives, after validation and defaults. */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = z.output<Contract[M]['output']>;

/** Progress of long work, sent at least every 250 ms while it runs. */
export const Progress = z.object({
  phase: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  unit: z.enum(['rows', 'bytes', 'steps']),
  rate: z.number().nullable(), // units per second
  message: z.string().optional(),
  /** False once the work can no longer be cancelled (an import saving what it has read). */
  cancellable: z.boolean().optional(),
});
export type Progress = z.infer<typeof Progress>;

/** The wire envelope of one call, the same over IPC and HTTP. */
export interface CallRequest {
  callId: string;
  method: string;
  input: unknown;
}
export interface ProgressEvent {
  callId: string;
  progress: Progress;
}
