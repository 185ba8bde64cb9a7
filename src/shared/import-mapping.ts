import { z } from 'zod';
import { ISSUE_SEVERITIES, MISSING_REASONS, RESPONDENT_KINDS, SOURCE_FILE_KINDS, WAVES } from './vocab';

/**
 * The mapping format: how one file's columns become rows of the evaluation model. The same object is
 * proposed by `import.preview`, edited in the wizard, saved as a named template, written to a JSON
 * file for `trellis import --mapping FILE`, and stored with every import (imports.settings_json).
 * docs/mapping-format.md describes it for people.
 */

/** Encodings the reader can decode. `windows-1252` is the fallback for bytes that are not UTF-8. */
export const TEXT_ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'iso-8859-1',
  'iso-8859-15',
  'windows-1250',
  'windows-1251',
  'macintosh',
] as const;

export const ImportKind = z.enum(SOURCE_FILE_KINDS);
export type ImportKind = z.infer<typeof ImportKind>;

/** Read settings the user may override (all optional: detection fills the rest). */
export const ReadOverrides = z
  .object({
    // The same lists as src/core/csv (TEXT_ENCODINGS, DELIMITERS ...); src/core/import/mapping.ts checks it.
    encoding: z.enum(TEXT_ENCODINGS).optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    lineEnding: z.enum(['auto', 'crlf', 'lf', 'cr']).optional(),
    preambleRowCount: z.number().int().min(0).optional(),
    headerRowCount: z.number().int().min(0).optional(),
    platform: z
      .enum(['qualtrics', 'qualtrics_legacy', 'surveymonkey', 'google_forms', 'redcap', 'plain'])
      .optional(),
    decimalSeparator: z.enum(['.', ',']).optional(),
    dateOrder: z.enum(['ymd', 'mdy', 'dmy']).optional(),
    dropDefaultRows: z.boolean().optional(),
  })
  .strict();
export type ReadOverrides = z.infer<typeof ReadOverrides>;

export const IdNormalisationSchema = z
  .object({
    trim: z.boolean().optional(),
    caseFold: z.boolean().optional(),
    stripSeparators: z.boolean().optional(),
    stripLeadingZeros: z.boolean().optional(),
  })
  .strict();

/** Label -> value, or label -> typed missing reason. */
export const ScaleOptionSpec = z.union([
  z.object({ label: z.string().min(1), value: z.number() }).strict(),
  z.object({ label: z.string().min(1), missing: z.enum(MISSING_REASONS) }).strict(),
]);
export type ScaleOptionSpec = z.infer<typeof ScaleOptionSpec>;

/**
 * A response scale. With `options`, every answer must be one of the labels (case and spacing ignored).
 * Without options it is numeric: answers are numbers from `min` to `max`; `missingCodes` (e.g. -99)
 * are typed missing.
 */
export const ScaleSpec = z
  .object({
    code: z.string().min(1),
    name: z.string().min(1),
    min: z.number(),
    max: z.number(),
    options: z.array(ScaleOptionSpec).default([]),
    missingCodes: z.array(z.number()).default([]),
    /** What an empty cell means. */
    blank: z.enum(MISSING_REASONS).default('skipped'),
  })
  .strict();
export type ScaleSpec = z.infer<typeof ScaleSpec>;

export const ItemSpec = z
  .object({
    /** Column key: the Qualtrics ImportId (QID1_2), else the header text. */
    column: z.string().min(1),
    /** Stable item code in the instrument, e.g. INT3. */
    code: z.string().min(1),
    text: z.string().default(''),
    scale: z.string().min(1),
    construct: z.string().optional(),
    reverse: z.boolean().default(false),
    /** Set by the proposal when the reverse flag is only a guess from the wording. */
    reverseSuggested: z.boolean().optional(),
  })
  .strict();
export type ItemSpec = z.infer<typeof ItemSpec>;

export const SurveySpec = z
  .object({
    instrument: z
      .object({
        code: z.string().min(1),
        name: z.string().min(1),
        version: z.string().default('1'),
        respondentKind: z.enum(RESPONDENT_KINDS).default('youth'),
      })
      .strict(),
    scales: z.array(ScaleSpec).default([]),
    constructs: z
      .array(
        z
          .object({
            code: z.string().min(1),
            name: z.string().min(1),
            minItems: z.number().int().min(1).default(1),
          })
          .strict(),
      )
      .default([]),
    items: z.array(ItemSpec).default([]),
    /** Other columns kept as participant attributes (youth surveys). */
    attributes: z
      .array(z.object({ column: z.string().min(1), name: z.string().min(1) }).strict())
      .default([]),
  })
  .strict();
export type SurveySpec = z.infer<typeof SurveySpec>;

export const Mapping = z
  .object({
    format: z.literal('trellis-mapping').default('trellis-mapping'),
    version: z.literal(1).default(1),
    kind: ImportKind,
    settings: ReadOverrides.default({}),
    /** Cohort code for every row (e.g. 2024-25), unless a `cohort` field names a column. */
    cohort: z.string().optional(),
    /** Wave for every row of a survey, unless a `wave` field names a column. */
    wave: z.enum(WAVES).optional(),
    /** Program (code or name) for every row, unless a `program` field names a column. */
    program: z.string().optional(),
    /** Model field -> column key. Field names per kind are listed in docs/mapping-format.md. */
    fields: z.record(z.string(), z.string()).default({}),
    /** Field -> (label in the file -> value the model wants), e.g. type: { School: 'school' }. */
    valueMaps: z.record(z.string(), z.record(z.string(), z.string())).default({}),
    /** Field -> separator of a list cell (mentor_keys: '; '). */
    listSeparators: z.record(z.string(), z.string()).default({}),
    /** Attributes stored per cohort (grade); the others hold for the person (cohort NULL). */
    yearlyAttributes: z.array(z.string()).default(['grade']),
    idNormalisation: IdNormalisationSchema.default({}),
    /** Create programs, sites, activity types, sessions, participants and partners that are not in the project yet. */
    createMissing: z.boolean().default(false),
    survey: SurveySpec.optional(),
  })
  .strict();
export type Mapping = z.infer<typeof Mapping>;
export type MappingInput = z.input<typeof Mapping>;

/** One problem found while importing: row and column numbered, with a stable code. */
export const ImportIssue = z.object({
  code: z.string(),
  severity: z.enum(ISSUE_SEVERITIES),
  message: z.string(),
  /** 1-based record number in the file (header rows included), as a spreadsheet shows it. */
  row: z.number().int().optional(),
  /** 1-based column number. */
  column: z.number().int().optional(),
  columnName: z.string().optional(),
  value: z.string().optional(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

/** What to do with rows that have errors: refuse the whole file, or import the others and list them. */
export const ImportPolicy = z.enum(['refuse', 'skip_invalid']);
export type ImportPolicy = z.infer<typeof ImportPolicy>;
