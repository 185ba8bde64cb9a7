import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Output } from '@shared/contract';
import { TrellisError } from '@shared/errors';
import type { Db } from '../db/open-project';
import { progressReporter, throwIfCancelled, type CallContext } from '../services/context';
import { streamCsv } from './stream-csv';

export async function previewTable(
  file: { path: string; name: string; size: number },
  rowsWanted: number,
  ctx: CallContext,
): Promise<Output<'table.preview'>> {
  let columns: string[] | null = null;
  const rows: string[][] = [];
  let dataRows = 0;
  const report = progressReporter(ctx, 'Counting rows', 'bytes');
  await streamCsv(file.path, {
    signal: ctx.signal,
    onRows(batch, bytes) {
      for (const r of batch) {
        if (!columns) columns = r;
        else {
          if (rows.length < rowsWanted) rows.push(r);
          dataRows++;
        }
      }
      report(bytes, file.size);
    },
  });
  if (!columns) throw new TrellisError('import_failed', `${file.name} is empty: there is no header row.`);
  return { fileName: file.name, size: file.size, columns, rows, rowCount: dataRows };
}

export function sha256File(path: string, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const s = createReadStream(path);
    signal.addEventListener('abort', () => s.destroy(new TrellisError('cancelled', 'Cancelled.')), {
      once: true,
    });
    s.on('data', (c) => hash.update(c));
    s.on('error', reject);
    s.on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * Imports a CSV as a generic table, all or nothing: one transaction from the first row to the last,
 * rolled back on any error or cancel.
 */
export async function importTable(
  db: Db,
  file: { path: string; name: string; size: number },
  ctx: CallContext,
): Promise<Output<'table.import'>> {
  const sha256 = await sha256File(file.path, ctx.signal);
  throwIfCancelled(ctx.signal);
  const report = progressReporter(ctx, 'Importing', 'bytes');
  const insertImport = db.prepare(
    `INSERT INTO imports (file_name, file_size, sha256, kind, format, encoding, rows_read, rows_imported, imported_at)
     VALUES (?, ?, ?, 'table', 'plain_csv', 'utf-8', 0, 0, ?)`,
  );
  const insertColumn = db.prepare(
    'INSERT INTO import_columns (import_id, column_index, name) VALUES (?, ?, ?)',
  );
  const insertCell = db.prepare(
    'INSERT INTO import_cells (import_id, row_number, column_index, value) VALUES (?, ?, ?, ?)',
  );
  let importId = 0;
  let columns: string[] | null = null;
  let rowNumber = 0;
  // Hazard: the transaction spans several event-loop turns while the stream is read. The project's
  // connection must not be used for other writes meanwhile; the dispatcher runs one long write at a time.
  db.exec('BEGIN IMMEDIATE');
  try {
    await streamCsv(file.path, {
      signal: ctx.signal,
      onRows(batch, bytes) {
        for (const r of batch) {
          if (!columns) {
            columns = r;
            importId = Number(
              insertImport.run(file.name, file.size, sha256, new Date().toISOString()).lastInsertRowid,
            );
            r.forEach((name, i) => insertColumn.run(importId, i, name));
            continue;
          }
          rowNumber++;
          r.forEach((value, i) => {
            if (i < columns!.length && value !== '') insertCell.run(importId, rowNumber, i, value);
          });
        }
        report(bytes, file.size);
      },
    });
    if (!columns) throw new TrellisError('import_failed', `${file.name} is empty: there is no header row.`);
    throwIfCancelled(ctx.signal);
    // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL among them): never COMMIT blind.
    if (!db.inTransaction)
      throw new TrellisError('import_failed', 'The import was interrupted: nothing was imported.');
    db.prepare('UPDATE imports SET rows_read = ?, rows_imported = ? WHERE id = ?').run(
      rowNumber,
      rowNumber,
      importId,
    );
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (err instanceof Error && /SQLITE_FULL/.test((err as { code?: string }).code ?? '')) {
      throw new TrellisError(
        'disk_full',
        'The disk is full: nothing was imported. Free some space and try again.',
      );
    }
    throw err;
  }
  report(file.size, file.size, true);
  return { importId, rowCount: rowNumber, columns: columns ?? [] };
}
