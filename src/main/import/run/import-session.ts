import type { Statement } from 'better-sqlite3';
import type { ImportReport } from '@shared/import-contract';
import type { ImportIssue, ImportPolicy, Mapping } from '@shared/import-mapping';
import { TrellisError } from '@shared/errors';
import type { Column, ReadSettings } from '@core/csv';
import { restoreFormula } from '@core/export/csv';
import { checkMappingFields } from '@core/import/fields';
import { fromReadIssue, importIssue } from '@core/import/issues';
import type { Db } from '../../db/open-project';
import type { ReadTableResult } from '../read';
import { RAW, type EncodedRows, type RowDecoder } from '../worker/row-codec';
import { createEntityWriter } from '../write/entity-writers';
import { RowView, type KindWriter, type WriteEnv } from '../write/env';
import { RefResolver } from '../write/refs';
import { createSurveyWriter, validateSurvey } from '../write/survey-writer';

/** Issues kept in memory for the report (all of them go to import_issues). */
const REPORTED_ISSUES = 200;

export interface FileFacts {
  name: string;
  size: number;
  sha256: string;
}

export interface SessionStart {
  file: FileFacts;
  mapping: Mapping;
  policy: ImportPolicy;
  dryRun: boolean;
  settings: ReadSettings;
  columns: Column[];
  /** Data rows the file probably holds (0 when unknown): large imports build indexes at the end. */
  estimatedRows?: number;
}

/** An AFTER INSERT trigger set aside for a bulk load: its SQL, WHEN test and body. */
interface DeferredTrigger {
  sql: string;
  when: string | null;
  body: string;
}

/** Imports expected to add at least this many rows (and more than the table holds) load in bulk. */
const BULK_MIN_ROWS = 100_000;

/** Finds a column by key, then export label, then question text (labels repeat less than questions). */
export function columnResolver(columns: readonly Column[]): (key: string) => number | undefined {
  const byKey = new Map<string, number>();
  const byLabel = new Map<string, number>();
  const byQuestion = new Map<string, number>();
  for (const c of columns) {
    if (!byKey.has(c.key)) byKey.set(c.key, c.index);
    if (!byLabel.has(c.label)) byLabel.set(c.label, c.index);
    const q = c.subLabel ? `${c.question} - ${c.subLabel}` : c.question;
    if (!byQuestion.has(q)) byQuestion.set(q, c.index);
  }
  // Keys and labels are tidied (runs of white space made one space, trimmed): so is a raw header.
  const tidy = (key: string) => key.replace(/\s+/g, ' ').trim();
  return (key) =>
    byKey.get(key) ??
    byLabel.get(key) ??
    byQuestion.get(key) ??
    byKey.get(tidy(key)) ??
    byLabel.get(tidy(key));
}

/**
 * One import as one transaction. The caller feeds it batches of parsed rows (from the same thread or
 * from a parser thread) and then finishes it: commit, or roll back on refusal, dry run, cancel or
 * any failure. Nothing of the import survives a rollback, a crash or a kill: the transaction was
 * never committed.
 */
export class ImportSession {
  readonly counts: Record<string, number> = {};
  private readonly issues: ImportIssue[] = [];
  private issueCount = 0;
  private errorRows = 0;
  private rowsRead = 0;
  private rowsImported = 0;
  private rowsPresent = 0;
  private importId = 0;
  private writer!: KindWriter;
  private view!: RowView;
  private insertIssue!: Statement<unknown[]>;
  private readonly started = performance.now();
  private open = false;
  /**
   * Survey and attendance files: a text cell that Trellis's own CSV export neutralised ("'=1+2")
   * reads back as the original text ("=1+2"), as table.import does (restoreFormula).
   */
  private readonly restoresText: boolean;
  /** Indexes dropped for a bulk load, rebuilt (sorted, far faster) before the commit. */
  private deferred: {
    table: string;
    indexes: { name: string; sql: string }[];
    triggers: DeferredTrigger[];
  } | null = null;
  /** Foreign-key enforcement was switched off for this import (attendance): on again once it ends. */
  private restoreForeignKeys = false;

  constructor(
    private readonly db: Db,
    private readonly start: SessionStart,
  ) {
    this.restoresText = start.mapping.kind === 'survey' || start.mapping.kind === 'attendance';
  }

  /** Opens the transaction and prepares the writer; throws a TrellisError for an unusable mapping. */
  begin(): void {
    const { db, start } = this;
    const { mapping } = start;
    const resolve = columnResolver(start.columns);
    const fieldIndex = new Map<string, number>();
    const missing: string[] = [];
    for (const [field, key] of Object.entries(mapping.fields)) {
      const index = resolve(key);
      if (index === undefined) missing.push(`${field} -> "${key}"`);
      else fieldIndex.set(field, index);
    }
    const problems = checkMappingFields(mapping.kind, mapping.fields, mapping);
    if (missing.length > 0)
      problems.unshift(`these mapped columns are not in the file: ${missing.join(', ')}`);
    // Attendance rows point at sessions and participants the import itself looked up or created in
    // this transaction: the writer checks those ids once before the commit (AttendanceRows) instead of
    // SQLite looking up three parents for every row. The pragma only takes outside a transaction.
    if (mapping.kind === 'attendance' && db.pragma('foreign_keys', { simple: true }) === 1) {
      db.pragma('foreign_keys = OFF');
      this.restoreForeignKeys = true;
    }
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      this.endForeignKeyPause();
      throw err;
    }
    this.open = true;
    try {
      this.importId = Number(
        db
          .prepare(
            `INSERT INTO imports (file_name, file_size, sha256, kind, format, encoding, settings_json, rows_read, rows_imported,
               rows_skipped, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)`,
          )
          .run(
            start.file.name,
            start.file.size,
            start.file.sha256,
            mapping.kind,
            start.settings.platform,
            start.settings.encoding,
            // The column keys let the next export of the same survey be compared with this one.
            JSON.stringify({
              settings: start.settings,
              mapping,
              policy: start.policy,
              columnKeys: start.columns.map((c) => c.key),
            }),
            new Date().toISOString(),
          ).lastInsertRowid,
      );
      const env: WriteEnv = {
        db,
        importId: this.importId,
        mapping,
        settings: start.settings,
        columns: start.columns,
        refs: new RefResolver(db, this.importId, mapping.idNormalisation, this.counts),
        counts: this.counts,
        fieldIndex,
        resolveColumn: resolve,
      };
      if (mapping.kind === 'survey') problems.push(...validateSurvey(env, mapping.survey));
      if (problems.length > 0) {
        throw new TrellisError(
          'import_failed',
          `The mapping does not fit ${start.file.name}: ${problems.join('; ')}.`,
          problems.map((p) => importIssue('mapping_invalid', { message: p })),
        );
      }
      this.deferIndexes();
      this.writer = mapping.kind === 'survey' ? createSurveyWriter(env) : createEntityWriter(env);
      this.view = new RowView(env);
      this.insertIssue = db.prepare(
        `INSERT INTO import_issues (import_id, severity, code, message, row, column, column_name, value, is_skipped)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
    } catch (err) {
      this.rollback();
      throw err;
    }
  }

  /**
   * A large load into attendance: drop the table's indexes inside the transaction and rebuild them
   * at the end. Maintaining them row by row costs five times the insert itself once they
   * outgrow the page cache; building them by sorting does not. A rollback (or a crash) restores them
   * with everything else. Only when the file adds more rows than the table already has.
   */
  private deferIndexes(): void {
    const { db, start } = this;
    // Surveys need none: answers go in key order into a table with no secondary index, and the few
    // sittings (one per respondent) keep their small indexes up to date as they go.
    if (start.mapping.kind !== 'attendance') return;
    const table = 'attendance';
    const expected = start.estimatedRows ?? 0;
    if (expected < BULK_MIN_ROWS) return;
    // attendance has no rowid (keyed by session and participant): count it.
    const existing = db.prepare('SELECT count(*) FROM attendance').pluck().get() as number;
    if (existing > expected) return;
    const indexes = db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
      )
      .all(table) as { name: string; sql: string }[];
    for (const i of indexes) db.exec(`DROP INDEX "${i.name.replaceAll('"', '""')}"`);
    this.deferred = { table, indexes, triggers: this.deferTriggers(table) };
  }

  /**
   * The table's AFTER INSERT triggers whose body does not look at the row (the metrics_layers
   * triggers: "any insert empties the stored layers") would run their WHEN test once per row; for a
   * bulk load they are dropped and, at the end, created again and run once: the committed result is
   * the same. A rollback restores them with everything else. Triggers of any other shape stay.
   */
  private deferTriggers(table: string): DeferredTrigger[] {
    const shape =
      /^CREATE\s+TRIGGER\s+("?[\w]+"?)\s+AFTER\s+INSERT\s+ON\s+"?\w+"?\s+(?:FOR\s+EACH\s+ROW\s+)?(?:WHEN\s+([\s\S]+?)\s+)?BEGIN\s+([\s\S]+?;)\s*END$/i;
    const deferred: DeferredTrigger[] = [];
    const triggers = this.db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? ORDER BY name")
      .all(table) as { name: string; sql: string }[];
    for (const t of triggers) {
      const m = shape.exec(t.sql.trim());
      if (!m || /\b(NEW|OLD)\s*\./i.test(t.sql)) continue;
      this.db.exec(`DROP TRIGGER "${t.name.replaceAll('"', '""')}"`);
      deferred.push({ sql: t.sql, when: m[2] ?? null, body: m[3]! });
    }
    return deferred;
  }

  /** Rebuilds deferred indexes (attendance's uniqueness is its key, never dropped). */
  private rebuildIndexes(): void {
    const d = this.deferred;
    if (!d) return;
    this.deferred = null;
    // Parsing is over, so a core is free: let SQLite sort in a helper thread. Each sorting thread
    // takes as much memory as the page cache, so the cache shrinks to 32 MB meanwhile (RSS stays
    // where it was). Both are put back afterwards (the inline path runs on the front door's connection).
    const { db } = this;
    const cache = db.pragma('cache_size', { simple: true }) as number;
    const threads = db.pragma('threads', { simple: true }) as number;
    db.pragma('threads = 1');
    if (cache < -32768) db.pragma('cache_size = -32768');
    try {
      this.createIndexes(d);
    } finally {
      db.pragma(`threads = ${Math.trunc(threads)}`);
      db.pragma(`cache_size = ${Math.trunc(cache)}`);
    }
  }

  private createIndexes(d: NonNullable<ImportSession['deferred']>): void {
    for (const i of d.indexes) this.db.exec(i.sql);
    for (const t of d.triggers) {
      this.db.exec(t.sql);
      const fired = this.rowsImported > 0;
      if (fired && (t.when === null || this.db.prepare(`SELECT ${t.when}`).pluck().get()))
        this.db.exec(t.body);
    }
  }

  private record(issue: ImportIssue, skipped: boolean): void {
    this.issueCount += 1;
    if (this.issues.length < REPORTED_ISSUES) this.issues.push(issue);
    this.insertIssue.run(
      this.importId,
      issue.severity,
      issue.code,
      issue.message,
      issue.row ?? null,
      issue.column ?? null,
      issue.columnName ?? null,
      issue.value ?? null,
      skipped ? 1 : 0,
    );
  }

  /** Writes a batch of data rows; `rowNumbers` are their 1-based record numbers in the file. */
  writeBatch(rows: readonly string[][], rowNumbers: ArrayLike<number>): void {
    for (let i = 0; i < rows.length; i += 1) this.writeRow(rows[i]!, rowNumbers[i]!);
  }

  /**
   * Writes a dictionary-coded batch from the parser thread. A writer that can work on the codes
   * (attendance: ids resolved once per distinct value) takes each row it can; every other row is
   * decoded and goes the usual way, with the same checks and issues.
   */
  writeEncoded(batch: EncodedRows, decoder: RowDecoder, rowNumbers: ArrayLike<number>): void {
    const coded = this.writer.writeCoded?.bind(this.writer);
    if (!coded) {
      this.writeBatch(decoder.decode(batch), rowNumbers);
      return;
    }
    decoder.accept(batch);
    const { codes, width } = batch;
    const dictionary = (c: number) => decoder.dictionary(c);
    let next = 0;
    for (let r = 0; r < batch.count; r += 1) {
      const at = r * width;
      if (coded(codes, at, rowNumbers[r]!, dictionary)) {
        this.rowsRead += 1;
        this.rowsImported += 1;
        for (let c = 0; c < width; c += 1) if (codes[at + c] === RAW) next += 1;
      } else {
        const decoded = decoder.row(batch, r, next);
        next = decoded.next;
        this.writeRow(decoded.row, rowNumbers[r]!);
      }
    }
  }

  private writeRow(row: string[], rowNumber: number): void {
    const view = this.view;
    if (this.restoresText) restoreRow(row);
    view.reset(row, rowNumber);
    this.rowsRead += 1;
    const outcome = this.writer.writeRow(view);
    if (outcome === 'written') this.rowsImported += 1;
    else if (outcome === 'present') this.rowsPresent += 1;
    else this.errorRows += 1;
    if (view.issues.length > 0) for (const issue of view.issues) this.record(issue, outcome === 'skipped');
  }

  /** Ends the import: commit (when allowed) or roll back. Always returns the report or throws. */
  finish(read: ReadTableResult): ImportReport {
    const { db, start } = this;
    try {
      this.writer.flush((row, issue) => {
        this.rowsImported -= 1;
        this.errorRows += 1;
        this.record(issue, true);
      });
      if (!read.aborted && db.inTransaction) this.rebuildIndexes();
      for (const issue of read.issues) this.record(fromReadIssue(issue), false);
      if (read.droppedRowCount > 0)
        this.record(
          importIssue('rows_dropped_by_default', {
            message: `${read.droppedRowCount} rows the platform marks as previews, tests or spam were left out.`,
          }),
          false,
        );
      if (read.aborted) throw new TrellisError('cancelled', 'Cancelled: nothing was imported.');
      const fatal = read.issues.find((i) => i.severity === 'error');
      if (!read.ok || fatal) {
        throw new TrellisError(
          'import_failed',
          `${start.file.name} could not be read to the end: ${fatal?.message ?? 'reading failed'}${fatal?.row ? ` (row ${fatal.row})` : ''}. Nothing was imported.`,
          this.issues,
        );
      }
      // SQLite ends a transaction by itself on some errors (SQLITE_FULL among them): never COMMIT blind.
      if (!db.inTransaction)
        throw new TrellisError('import_failed', 'The import was interrupted: nothing was imported.');
      const refused = start.policy === 'refuse' && this.errorRows > 0;
      const nothing = this.rowsImported === 0 && this.errorRows > 0;
      if (refused || nothing || start.dryRun) {
        this.rollback();
        return this.report(start.dryRun && !refused && !nothing ? 'dry_run' : 'refused', null, read);
      }
      if (this.restoreForeignKeys) this.checkForeignKeys();
      db.prepare('UPDATE imports SET rows_read = ?, rows_imported = ?, rows_skipped = ? WHERE id = ?').run(
        this.rowsRead,
        this.rowsImported,
        this.errorRows,
        this.importId,
      );
      db.exec('COMMIT');
      this.open = false;
      this.endForeignKeyPause();
      return this.report('imported', this.importId, read);
    } catch (err) {
      this.rollback();
      throw translateSqliteError(err);
    }
  }

  /** Abandons the import (cancel, a reader failure): rolls back whatever was written. */
  rollback(): void {
    if (this.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.open = false;
    this.endForeignKeyPause();
  }

  /**
   * With enforcement paused (attendance), the other tables such an import writes to (all small next
   * to attendance, whose ids AttendanceRows checks) get SQLite's full check before the commit.
   */
  private checkForeignKeys(): void {
    for (const table of ['sessions', 'participants', 'programs', 'sites', 'activity_types', 'cohorts']) {
      if ((this.db.pragma(`foreign_key_check(${table})`) as unknown[]).length > 0)
        throw new Error(`the import would break a foreign key of ${table}`);
    }
  }

  private endForeignKeyPause(): void {
    if (!this.restoreForeignKeys || this.db.inTransaction) return;
    this.restoreForeignKeys = false;
    this.db.pragma('foreign_keys = ON');
  }

  private report(
    status: ImportReport['status'],
    importId: number | null,
    read: ReadTableResult,
  ): ImportReport {
    const { start } = this;
    return {
      status,
      importId,
      fileName: start.file.name,
      sha256: start.file.sha256,
      kind: start.mapping.kind,
      format: start.settings.platform,
      encoding: start.settings.encoding,
      rowsRead: this.rowsRead,
      rowsImported: status === 'imported' || status === 'dry_run' ? this.rowsImported : 0,
      rowsSkipped: this.errorRows,
      rowsDropped: read.droppedRowCount,
      rowsAlreadyPresent: this.rowsPresent,
      counts: status === 'imported' || status === 'dry_run' ? { ...this.counts } : {},
      issues: this.issues,
      issueCount: this.issueCount,
      previousImportId: null,
      durationMs: Math.round(performance.now() - this.started),
      settings: start.settings,
    };
  }
}

/** Undoes the export's formula neutralising in place; only cells starting with an apostrophe are looked at. */
function restoreRow(row: string[]): void {
  for (let c = 0; c < row.length; c += 1) {
    const cell = row[c]!;
    if (cell.charCodeAt(0) === 39) row[c] = restoreFormula(cell);
  }
}

export function translateSqliteError(err: unknown): unknown {
  const code = (err as { code?: string } | null)?.code ?? '';
  if (code === 'SQLITE_FULL' || /SQLITE_FULL|database or disk is full/.test(String((err as Error)?.message)))
    return new TrellisError(
      'disk_full',
      'The disk is full (or the project reached its size limit): nothing was imported. Free some space and try again.',
    );
  return err;
}
