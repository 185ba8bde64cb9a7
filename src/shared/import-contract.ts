import { z } from 'zod';
import { ImportIssue, ImportKind, ImportPolicy, Mapping, ReadOverrides } from './import-mapping';
import { WAVES } from './vocab';

/**
 * The import pipeline's methods (spread into the contract in contract.ts). The wizard's steps:
 *   choose/drop -> import.preview (detected settings, columns, proposed mapping and codebooks)
 *   -> the user edits settings (preview again with `settings`) and the mapping
 *   -> import.run { dryRun: true } to list the issues without committing
 *   -> import.run { policy } commits all-or-nothing, with progress events and cancel
 *   -> the report; import.issuesCsv downloads the skipped rows; import.matchReport pairs pre/post.
 */

const FileRef = z.string().regex(/^f_[a-z0-9]{16,}$/, 'not a file reference');

/** Settings as detected or applied (every field present). */
export const ReadSettingsOut = z.object({
  encoding: z.string(),
  delimiter: z.string(),
  lineEnding: z.string(),
  preambleRowCount: z.number().int(),
  headerRowCount: z.number().int(),
  platform: z.string(),
  decimalSeparator: z.string(),
  dateOrder: z.string().optional(),
  dropDefaultRows: z.boolean(),
});

/** What a column is proposed to be in the model (the wizard's role picker). */
export const COLUMN_ROLES = [
  'participant_id',
  'response_id',
  'cohort',
  'program',
  'site',
  'wave',
  'timestamp',
  'item',
  'attribute',
  'field',
  'ignore',
] as const;
export const ColumnRole = z.enum(COLUMN_ROLES);

export const PreviewColumn = z.object({
  index: z.number().int(),
  /** Stable key the mapping refers to (Qualtrics ImportId, else the header). */
  key: z.string(),
  label: z.string(),
  question: z.string(),
  subLabel: z.string().nullable(),
  /** What the platform's conventions say (response_id, item, checkbox_option ...). */
  platformRole: z.string(),
  /** empty | integer | number | date | text, from the sampled rows. */
  valueKind: z.string(),
  /** Distinct values in the sample, most frequent first (at most 30). */
  distinctValues: z.array(z.string()),
  distinctCount: z.number().int(),
  /** The proposed role, and for role 'field' / 'attribute' / 'item' the target (field name, attribute, item code). */
  role: ColumnRole,
  target: z.string().nullable(),
});

export const Codebook = z.object({
  scale: z.string(),
  /** Columns (keys) coded with this scale. */
  columns: z.array(z.string()),
  /** Sampled values that fit neither an option nor a missing reason: edit the scale or they become issues. */
  unmatched: z.array(z.string()),
});

export const ImportReport = z.object({
  status: z.enum(['imported', 'refused', 'already_imported', 'dry_run']),
  importId: z.number().int().nullable(),
  fileName: z.string(),
  sha256: z.string(),
  kind: ImportKind,
  format: z.string(),
  encoding: z.string(),
  /** Data rows read (after header rows). */
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  /** Rows with an error left out (policy skip_invalid; listed in issues). */
  rowsSkipped: z.number().int(),
  /** Rows the platform's defaults leave out (Qualtrics previews, tests, spam). */
  rowsDropped: z.number().int(),
  /** Responses already in the project from an earlier export (same response id). */
  rowsAlreadyPresent: z.number().int(),
  /** Rows written per table, e.g. { responses: 4400, participants: 12 }. */
  counts: z.record(z.string(), z.number().int()),
  issues: z.array(ImportIssue),
  issueCount: z.number().int(),
  /** When the earlier import of the same file exists (status already_imported). */
  previousImportId: z.number().int().nullable(),
  durationMs: z.number(),
  settings: ReadSettingsOut.nullable(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportTemplate = z.object({
  name: z.string(),
  kind: ImportKind,
  platform: z.string().nullable(),
  columnKeys: z.array(z.string()),
  mapping: Mapping,
  updatedAt: z.string(),
});

const WaveMatch = z.object({
  instrument: z.string(),
  cohort: z.string(),
  preWave: z.enum(WAVES),
  postWave: z.enum(WAVES),
  preCount: z.number().int(),
  postCount: z.number().int(),
  matched: z.number().int(),
  onlyPre: z.array(z.string()),
  onlyPost: z.array(z.string()),
  /** Respondents who answered a wave more than once (only possible across several imports). */
  duplicatesPre: z.array(z.string()),
  duplicatesPost: z.array(z.string()),
  /**
   * An only-pre and an only-post ID one edit apart, for the user to confirm as one person: `prefix`
   * (the same number, the letters before it differ or were left off: likely) first, then
   * `one_character` (often another person in a numbered series: check before confirming).
   */
  nearMisses: z.array(
    z.object({ preKey: z.string(), postKey: z.string(), reason: z.enum(['prefix', 'one_character']) }),
  ),
});

export const importContract = {
  'import.preview': {
    description:
      'Detect a file (encoding, dialect, platform, columns), show its first rows and propose a mapping with codebooks.',
    long: true,
    input: z.object({
      file: FileRef,
      settings: ReadOverrides.default({}),
      /** Force a kind (attendance, survey ...) instead of the guess. */
      kind: ImportKind.optional(),
      /** Start from a saved template instead of the proposal. */
      template: z.string().optional(),
      cohort: z.string().optional(),
      wave: z.enum(WAVES).optional(),
    }),
    output: z.object({
      fileName: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      /** The same bytes were imported before (re-importing adds nothing). */
      alreadyImported: z
        .object({ importId: z.number().int(), importedAt: z.string(), fileName: z.string() })
        .nullable(),
      detected: ReadSettingsOut,
      settings: ReadSettingsOut,
      /** Why each detected setting was chosen is in issues (e.g. date_order_ambiguous: ask the user). */
      dateOrderAmbiguous: z.boolean(),
      headerRows: z.array(z.array(z.string())),
      columns: z.array(PreviewColumn),
      rows: z.array(z.array(z.string())),
      /** Preview rows the platform's defaults leave out (1-based file row, reason, value). */
      droppedRows: z.array(z.object({ row: z.number().int(), reason: z.string(), value: z.string() })),
      mapping: Mapping,
      codebooks: z.array(Codebook),
      templates: z.array(z.object({ name: z.string(), kind: ImportKind, fits: z.boolean() })),
      templateUsed: z.string().nullable(),
      issues: z.array(ImportIssue),
    }),
  },
  'import.run': {
    description:
      'Import a file with a mapping in one transaction: all rows or none (refuse), or the valid rows with the others listed (skip_invalid). dryRun reports without committing.',
    long: true,
    input: z.object({
      file: FileRef,
      mapping: Mapping,
      policy: ImportPolicy.default('refuse'),
      dryRun: z.boolean().default(false),
      /** Save the mapping under this name when the import commits. */
      saveTemplateAs: z.string().min(1).optional(),
    }),
    output: ImportReport,
  },
  'import.list': {
    description: 'Imports in the project, newest first.',
    input: z.object({}),
    output: z.array(
      z.object({
        importId: z.number().int(),
        fileName: z.string(),
        kind: z.string(),
        format: z.string(),
        encoding: z.string(),
        rowsRead: z.number().int(),
        rowsImported: z.number().int(),
        rowsSkipped: z.number().int(),
        issueCount: z.number().int(),
        importedAt: z.string(),
        sha256: z.string(),
      }),
    ),
  },
  'import.undo': {
    description:
      'Undo an import: its rows go; entities it created stay. Refused while a later import depends on it.',
    input: z.object({ importId: z.number().int() }),
    output: z.object({ importId: z.number().int(), fileName: z.string(), removedRows: z.number().int() }),
  },
  'import.templates': {
    description: 'Saved mapping templates, newest first, to offer for the next wave or cohort.',
    input: z.object({}),
    output: z.array(ImportTemplate),
  },
  'import.saveTemplate': {
    description: 'Save (or replace) a named mapping template.',
    input: z.object({
      name: z.string().min(1),
      mapping: Mapping,
      columnKeys: z.array(z.string()).default([]),
    }),
    output: z.object({ name: z.string(), updatedAt: z.string() }),
  },
  'import.issuesCsv': {
    description: "An import's issues (skipped rows and warnings) as CSV text, for download.",
    input: z.object({ importId: z.number().int() }),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  },
  'import.matchReport': {
    description:
      'Pre/post matching by participant ID for an instrument and cohort: matched, only-pre, only-post, duplicates, near-misses.',
    input: z.object({
      instrument: z.string().optional(),
      cohort: z.string().optional(),
      preWave: z.enum(WAVES).default('pre'),
      postWave: z.enum(WAVES).default('post'),
    }),
    output: z.array(WaveMatch),
  },
  'import.confirmMatch': {
    description:
      'Confirm a near-miss of the match report as one person: the post-wave answers of postKey move to preKey (for that instrument and cohort).',
    input: z.object({
      instrument: z.string().min(1),
      cohort: z.string().min(1),
      preKey: z.string().min(1),
      postKey: z.string().min(1),
      postWave: z.enum(WAVES).default('post'),
    }),
    output: z.object({ movedResponses: z.number().int() }),
  },
} as const;
