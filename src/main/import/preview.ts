import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { statSync } from 'node:fs';
import type { z } from 'zod';
import type { importContract } from '@shared/import-contract';
import { Mapping, type ImportKind, type ReadOverrides } from '@shared/import-mapping';
import { TrellisError } from '@shared/errors';
import type { Wave } from '@shared/vocab';
import type { ReadSettings } from '@core/csv';
import { fromReadIssue, importIssue } from '@core/import/issues';
import { guessKind, proposeMapping, type ColumnSample } from '@core/import/propose';
import type { Db } from '../db/open-project';
import { readTable, sniffFile } from './read';
import { findImportBySha } from './run/run-import';
import { listTemplates } from './templates';

type PreviewOutput = z.output<(typeof importContract)['import.preview']['output']>;

/** Rows read to learn each column's values (the codebook proposal); the rest of the file is not read. */
const SAMPLE_ROWS = 5000;
const MAX_DISTINCT = 500;

export interface PreviewOptions {
  settings?: ReadOverrides;
  kind?: ImportKind;
  template?: string;
  cohort?: string;
  wave?: Wave;
  signal?: AbortSignal;
  fileName?: string;
  /** Bytes hashed so far (the whole file is hashed to recognise a re-import). */
  onProgress?: (bytes: number, total: number) => void;
}

export async function previewImport(
  db: Db | null,
  path: string,
  options: PreviewOptions = {},
): Promise<PreviewOutput> {
  const name = options.fileName ?? basename(path);
  const size = statSync(path).size;
  const signal = options.signal ?? new AbortController().signal;
  const templates = db ? listTemplates(db) : [];
  const template = options.template
    ? templates.find((t) => t.name.toLowerCase() === options.template!.toLowerCase())
    : undefined;
  if (options.template && !template)
    throw new TrellisError('not_found', `There is no mapping template called "${options.template}".`);
  // The template's read settings apply unless the caller overrides them.
  const overrides = {
    ...(template?.mapping.settings ?? {}),
    ...(options.settings ?? {}),
  } as Partial<ReadSettings>;

  // 1. Detect from the first bytes.
  const sniff = await sniffFile(path, overrides);
  if (!sniff.ok) {
    const first = sniff.issues.find((i) => i.severity === 'error') ?? sniff.issues[0];
    throw new TrellisError(
      'import_failed',
      `${name} cannot be imported: ${first?.message ?? 'it could not be read'}`,
      sniff.issues.map(fromReadIssue),
    );
  }
  // 2. Sample values per column (bounded: at most SAMPLE_ROWS rows, MAX_DISTINCT values a column).
  const width = sniff.columns.length;
  const counts = Array.from({ length: width }, () => new Map<string, number>());
  const blanks = new Array<number>(width).fill(0);
  const sampleRows: string[][] = [];
  const stop = new AbortController();
  signal.addEventListener('abort', () => stop.abort(), { once: true });
  let sampled = 0;
  const read = await readTable(
    path,
    overrides,
    (rows) => {
      for (const row of rows) {
        if (sampled >= SAMPLE_ROWS) break;
        sampled += 1;
        if (sampleRows.length < 20) sampleRows.push(row);
        for (let c = 0; c < width; c += 1) {
          const v = row[c] ?? '';
          if (v.trim() === '') blanks[c]! += 1;
          else {
            const m = counts[c]!;
            const n = m.get(v);
            if (n !== undefined) m.set(v, n + 1);
            else if (m.size < MAX_DISTINCT) m.set(v, 1);
          }
        }
      }
      if (sampled >= SAMPLE_ROWS) stop.abort();
    },
    stop.signal,
  );
  if (signal.aborted) throw new TrellisError('cancelled', 'Cancelled.');
  const sha256 = await hashFile(path, signal, (b) => options.onProgress?.(b, size));
  const samples: ColumnSample[] = sniff.columns.map((column, i) => ({
    column,
    format: sniff.columnFormats[i] ?? { kind: 'empty' },
    values: [...counts[i]!].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count),
    blankCount: blanks[i]!,
  }));

  // 3. The mapping: the template's, or a proposal.
  const kind = options.kind ?? template?.kind ?? guessKind(sniff.settings.platform, sniff.columns);
  const proposal = proposeMapping({
    kind,
    platform: sniff.settings.platform,
    samples,
    fileName: name,
    ...(options.cohort ? { cohort: options.cohort } : {}),
    ...(options.wave ? { wave: options.wave } : {}),
  });
  // The read re-detects from the same sample: a whole-file note it repeats is said once.
  const fileNotes = new Set(sniff.issues.filter((i) => i.row === undefined).map((i) => i.code));
  const issues = [
    ...sniff.issues,
    ...read.issues.filter(
      (i) => i.code !== 'read_aborted' && !(i.row === undefined && fileNotes.has(i.code)),
    ),
  ].map(fromReadIssue);
  let mapping = proposal.mapping;
  const keys = new Set(sniff.columns.map((c) => c.key));
  const differences = (known: readonly string[]) => {
    const knownSet = new Set(known);
    const added = [...keys].filter((k) => !knownSet.has(k));
    const removed = known.filter((k) => !keys.has(k));
    return added.length > 0 || removed.length > 0
      ? `${added.length} new (${added.slice(0, 5).join(', ')}), ${removed.length} gone (${removed.slice(0, 5).join(', ')})`
      : null;
  };
  if (template) {
    mapping = Mapping.parse({
      ...template.mapping,
      ...(options.cohort ? { cohort: options.cohort } : {}),
      ...(options.wave ? { wave: options.wave } : {}),
    });
  }
  // A later export of a survey already imported: compare its columns with that last import's (the
  // newest evidence of the survey's shape), else with the columns the template was made for.
  const last = db ? lastImportOfSameSurvey(db, mapping, sniff.settings.platform, keys) : null;
  const changedSinceImport = last ? differences(last.columnKeys) : null;
  if (last && changedSinceImport)
    issues.push(
      importIssue('columns_changed', {
        message: `This export's columns differ from the last import of this survey (${last.fileName}, import ${last.importId}): ${changedSinceImport}.`,
      }),
    );
  else if (!last && template && template.columnKeys.length > 0) {
    const changed = differences(template.columnKeys);
    if (changed)
      issues.push(
        importIssue('columns_changed', {
          message: `This export's columns differ from the ones template "${template.name}" was made for: ${changed}.`,
        }),
      );
  }
  for (const code of proposal.reverseSuggested)
    if (!template)
      issues.push(
        importIssue('reverse_suggested', {
          columnName: code,
          message: `Item ${code} reads as negatively worded: it is marked reverse-coded; confirm or clear the mark.`,
        }),
      );
  if (
    mapping.kind === 'survey' &&
    mapping.survey?.instrument.respondentKind === 'youth' &&
    !mapping.fields.participant_key
  )
    issues.push(importIssue('anonymous_responses'));
  if (mapping.kind === 'survey' && (!mapping.cohort || !mapping.wave) && !mapping.fields.wave)
    issues.push(
      importIssue('mapping_invalid', {
        message: `Say which ${[!mapping.cohort ? 'cohort (e.g. 2024-25)' : '', !mapping.wave ? 'wave (pre, post ...)' : ''].filter(Boolean).join(' and ')} this survey belongs to: the file name does not tell.`,
      }),
    );
  const previous = db ? findImportBySha(db, sha256) : undefined;
  if (previous)
    issues.unshift(
      importIssue('file_already_imported', {
        message: `This exact file was imported on ${previous.importedAt} (import ${previous.importId}): importing it again adds nothing.`,
      }),
    );

  return {
    fileName: name,
    size,
    sha256,
    alreadyImported: previous ?? null,
    detected: sniff.detected,
    settings: sniff.settings,
    dateOrderAmbiguous: sniff.dateOrderAmbiguous,
    headerRows: sniff.headerRows,
    columns: sniff.columns.map((c, i) => {
      const proposed = template ? roleFromMapping(mapping, c.key, c.label) : proposal.columns[i]!;
      return {
        index: c.index,
        key: c.key,
        label: c.label,
        question: c.question,
        subLabel: c.subLabel ?? null,
        platformRole: c.platformRole,
        valueKind: samples[i]!.format.kind,
        distinctValues: samples[i]!.values.slice(0, 30).map((v) => v.value),
        distinctCount: samples[i]!.values.length,
        role: proposed.role,
        target: proposed.target,
      };
    }),
    rows: sampleRows,
    droppedRows: sniff.previewDrops,
    mapping,
    codebooks: template ? [] : proposal.codebooks,
    templates: templates.map((t) => ({
      name: t.name,
      kind: t.kind,
      fits:
        t.columnKeys.length > 0 &&
        t.columnKeys.filter((k) => keys.has(k)).length >= 0.8 * t.columnKeys.length,
    })),
    templateUsed: template?.name ?? null,
    issues,
  };
}

/**
 * The newest import of the same survey: same kind and platform and, for a survey, the same instrument
 * code; failing that, the newest of that kind and platform that shares most of this file's columns
 * (a Qualtrics survey keeps its ImportIds from one export to the next). Imports made before column
 * keys were recorded are skipped.
 */
function lastImportOfSameSurvey(
  db: Db,
  mapping: Mapping,
  platform: string,
  keys: ReadonlySet<string>,
): { importId: number; fileName: string; columnKeys: string[] } | null {
  const rows = db
    .prepare(
      `SELECT id, file_name AS fileName, json_extract(settings_json, '$.mapping.survey.instrument.code') AS instrument,
         json_extract(settings_json, '$.columnKeys') AS columnKeys
       FROM imports WHERE kind = ? AND format = ? AND json_extract(settings_json, '$.columnKeys') IS NOT NULL
       ORDER BY id DESC LIMIT 200`,
    )
    .all(mapping.kind, platform) as {
    id: number;
    fileName: string;
    instrument: string | null;
    columnKeys: string;
  }[];
  const parsed = rows.map((r) => ({ ...r, keys: JSON.parse(r.columnKeys) as string[] })); // written by ImportSession
  const code = mapping.survey?.instrument.code;
  const sameInstrument = code ? parsed.find((r) => r.instrument === code) : undefined;
  const overlapping = parsed.find(
    (r) => r.keys.filter((k) => keys.has(k)).length > 0.5 * Math.max(r.keys.length, keys.size),
  );
  const found = sameInstrument ?? overlapping;
  return found ? { importId: found.id, fileName: found.fileName, columnKeys: found.keys } : null;
}

/** SHA-256 of a file, streamed, with progress. */
async function hashFile(
  path: string,
  signal: AbortSignal,
  onBytes: (bytes: number) => void,
): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (signal.aborted) throw new TrellisError('cancelled', 'Cancelled.');
    hash.update(chunk);
    bytes += chunk.length;
    onBytes(bytes);
  }
  return hash.digest('hex');
}

/** The role a saved mapping gives a column (for showing a template in the wizard). */
function roleFromMapping(mapping: Mapping, key: string, label: string) {
  const is = (k: string) => k === key || k === label;
  const item = mapping.survey?.items.find((i) => is(i.column));
  if (item) return { role: 'item' as const, target: item.code };
  const attr = mapping.survey?.attributes.find((a) => is(a.column));
  if (attr) return { role: 'attribute' as const, target: attr.name };
  const field = Object.entries(mapping.fields).find(([, k]) => is(k));
  if (!field) return { role: 'ignore' as const, target: null };
  const f = field[0];
  const role =
    f === 'participant_key'
      ? 'participant_id'
      : f === 'response_id'
        ? 'response_id'
        : f === 'responded_at'
          ? 'timestamp'
          : f === 'cohort' || f === 'program' || f === 'site' || f === 'wave'
            ? f
            : f.startsWith('attribute:')
              ? 'attribute'
              : 'field';
  return { role: role as 'field', target: f.startsWith('attribute:') ? f.slice(10) : f };
}
