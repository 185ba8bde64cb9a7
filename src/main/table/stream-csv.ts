import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { TrellisError } from '@shared/errors';
import { restoreFormula } from '@core/export/csv';

export interface StreamCsvOptions {
  signal?: AbortSignal;
  /** Called with each parsed batch; return false to stop reading. */
  onRows(rows: string[][], bytesRead: number): boolean | void;
}

/**
 * Streams a UTF-8 CSV file through papaparse in chunks: memory stays bounded whatever the file size.
 * (The walking skeleton's reader; the import pipeline's readTable adds encoding and dialect detection.)
 */
export function streamCsv(
  path: string,
  { signal, onRows }: StreamCsvOptions,
): Promise<{ rows: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    let bytes = 0;
    let rows = 0;
    let first = true;
    let settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      stream.destroy();
      if (err) reject(err);
      else resolve({ rows, bytes });
    };
    stream.on('data', (chunk) => {
      bytes += Buffer.byteLength(chunk as string, 'utf8');
    });
    stream.on('error', (err) =>
      finish(new TrellisError('file_unreadable', `Could not read the file: ${err.message}`)),
    );
    const onAbort = () => finish(new TrellisError('cancelled', 'Cancelled: nothing was changed.'));
    signal?.addEventListener('abort', onAbort, { once: true });
    Papa.parse<string[]>(stream, {
      header: false,
      skipEmptyLines: 'greedy',
      chunk(results, parser) {
        if (settled) return parser.abort();
        const data = results.data;
        if (first && data[0]?.[0]?.startsWith('\uFEFF')) {
          data[0][0] = data[0][0].slice(1); // BOM
        }
        first = false;
        // A CSV that Trellis (or anyone careful) exported has formula-like cells as "'=..."; read them
        // back as the text they stand for.
        for (const row of data) for (let i = 0; i < row.length; i++) row[i] = restoreFormula(row[i]!);
        rows += data.length;
        try {
          if (onRows(data, bytes) === false) {
            finish();
            parser.abort();
          }
        } catch (err) {
          finish(err); // before abort(): papaparse's abort calls complete() synchronously
          parser.abort();
        }
      },
      complete: () => finish(),
      error: (err: Error) =>
        finish(new TrellisError('file_unreadable', `Could not parse the file: ${err.message}`)),
    });
  });
}
