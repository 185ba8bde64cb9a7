/**
 * The import worker thread (built as out/main/import-worker.js). One file, two roles:
 *
 *   role 'import': opens its own connection to the project, runs one ImportSession (one transaction)
 *                  and inserts the rows a parser thread sends it; reports progress and the report.
 *   role 'parse':  streams and parses the file (decode -> papaparse) and posts batches of rows to the
 *                  import thread, at most MAX_IN_FLIGHT batches ahead, so parsing and inserting overlap
 *                  while memory stays bounded.
 *
 * The front door's thread (Electron main, the loopback server, the CLI) stays free: it only forwards
 * progress and cancel.
 */
import { MessageChannel, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { TrellisError } from '@shared/errors';
import { readTable, type ReadTableResult } from '../read';
import { ImportSession, translateSqliteError } from '../run/import-session';
import { alreadyImportedReport, estimateRows, findImportBySha, resolveReadSettings } from '../run/run-import';
import { sha256File } from '../../table/table-import';
import type { HostToWorker, ImportJob, ParseToImport, WorkerToHost } from './protocol';
import { RowDecoder, RowEncoder } from './row-codec';

const MAX_IN_FLIGHT = 3;
const BATCH_ROWS = 4096;
const BATCH_CELLS = 65_536;
const PROGRESS_MS = 200;

async function parseRole(job: ImportJob & { port: MessagePort }): Promise<void> {
  const { port } = job;
  const stop = new AbortController();
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', (m: { type: 'ack' } | { type: 'stop' }) => {
    if (m.type === 'ack') {
      inFlight -= 1;
      wake?.();
      wake = null;
    } else stop.abort();
  });
  let pending: string[][] = [];
  let pendingNumbers: number[] = [];
  let last = { bytes: 0, totalBytes: 0, rows: 0 };
  const encoder = new RowEncoder();
  const send = async (): Promise<void> => {
    const batch = encoder.encode(pending);
    const rowNumbers = Int32Array.from(pendingNumbers);
    port.postMessage(
      {
        type: 'rows',
        batch,
        rowNumbers,
        bytes: last.bytes,
        totalBytes: last.totalBytes,
        rowsSoFar: last.rows,
      } satisfies ParseToImport,
      [batch.codes.buffer as ArrayBuffer, rowNumbers.buffer as ArrayBuffer],
    );
    pending = [];
    pendingNumbers = [];
    inFlight += 1;
    while (inFlight >= MAX_IN_FLIGHT && !stop.signal.aborted) await new Promise<void>((r) => (wake = r));
  };
  try {
    const result = await readTable(
      job.path,
      job.overrides,
      async (rows, progress) => {
        // Batches of about BATCH_ROWS rows: one message per 64 KB chunk would cost more in messaging
        // than in parsing.
        for (let i = 0; i < rows.length; i += 1) {
          pending.push(rows[i]!);
          pendingNumbers.push(progress.rowNumbers[i]!);
        }
        last = progress;
        // Narrow files (attendance logs) send more rows at a time: fewer messages per row.
        if (pending.length >= BATCH_ROWS && pending.length * (pending[0]?.length ?? 0) >= BATCH_CELLS)
          await send();
        else if (pending.length >= 4 * BATCH_ROWS) await send();
      },
      stop.signal,
    );
    if (pending.length > 0) await send();
    port.postMessage({ type: 'done', result } satisfies ParseToImport);
  } catch (err) {
    port.postMessage({
      type: 'failed',
      message: err instanceof Error ? err.message : String(err),
    } satisfies ParseToImport);
  }
  port.close();
}

function openConnection(projectPath: string): Database.Database {
  const db = new Database(projectPath, { fileMustExist: true, timeout: 10_000 });
  // The project was opened (and migrated) by the front door; this connection only adds rows.
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536'); // 64 MB page cache: fewer spills to the WAL mid-load, RSS stays bounded
  // The import commits (durably: synchronous=FULL) without then copying its pages into the project
  // file; that checkpoint runs after the report went out (below), not while the user waits.
  db.pragma('wal_autocheckpoint = 0');
  if (db.pragma('journal_mode', { simple: true }) !== 'wal')
    throw new Error('the project is not in WAL mode');
  return db;
}

async function importRole(job: ImportJob): Promise<void> {
  const post = (m: WorkerToHost) => parentPort!.postMessage(m);
  const cancel = new AbortController();
  parentPort!.on('message', (m: HostToWorker) => {
    if (m.type === 'cancel') cancel.abort();
  });
  const db = openConnection(job.projectPath);
  let parser: Worker | null = null;
  try {
    // The parser thread starts first (it boots, sniffs and parses its first batches, which wait in
    // the port) while this thread hashes the file; a file already imported stops it unused.
    const { sniff, overrides } = await resolveReadSettings(job.path, job.mapping);
    const { port1, port2 } = new MessageChannel();
    parser = new Worker(job.workerFile, {
      workerData: { ...job, role: 'parse', overrides, port: port2 },
      resourceLimits: { maxOldGenerationSizeMb: 96 },
      transferList: [port2],
    });
    let parserError: unknown = null;
    const earlyError = (err: unknown) => (parserError ??= err);
    parser.on('error', earlyError);
    const sha256 = await sha256File(job.path, cancel.signal);
    const previous = findImportBySha(db, sha256);
    if (previous) {
      port1.postMessage({ type: 'stop' });
      post({
        type: 'result',
        report: alreadyImportedReport(job.fileName, sha256, job.mapping, previous.importId),
      });
      return;
    }
    const session = new ImportSession(db, {
      file: { name: job.fileName, size: job.size, sha256 },
      mapping: job.mapping,
      policy: job.policy,
      dryRun: job.dryRun,
      settings: sniff.settings,
      columns: sniff.columns,
      estimatedRows: estimateRows(sniff),
    });
    session.begin();
    let lastProgress = 0;
    const read = await new Promise<ReadTableResult>((resolve, reject) => {
      const fail = (err: unknown) => {
        port1.postMessage({ type: 'stop' });
        reject(err);
      };
      cancel.signal.addEventListener(
        'abort',
        () => fail(new TrellisError('cancelled', 'Cancelled: nothing was imported.')),
        {
          once: true,
        },
      );
      parser!.off('error', earlyError);
      if (parserError !== null) {
        fail(parserError);
        return;
      }
      parser!.on('error', fail);
      // Batches are queued and written one per event-loop turn: a port that always has a message
      // would otherwise be drained in one go (Node processes up to 1,000 messages per wake-up), and
      // the host's cancel would wait behind the whole file.
      const queue: ParseToImport[] = [];
      const decoder = new RowDecoder();
      let scheduled = false;
      const handle = (m: ParseToImport) => {
        if (m.type === 'rows') {
          try {
            session.writeEncoded(m.batch, decoder, m.rowNumbers);
          } catch (err) {
            fail(err);
            return;
          }
          port1.postMessage({ type: 'ack' });
          const now = performance.now();
          if (now - lastProgress >= PROGRESS_MS) {
            lastProgress = now;
            post({ type: 'progress', rows: m.rowsSoFar, bytes: m.bytes, totalBytes: m.totalBytes });
          }
        } else if (m.type === 'done') resolve(m.result);
        else
          fail(
            new TrellisError(
              'import_failed',
              `Reading ${job.fileName} failed: ${m.message}. Nothing was imported.`,
            ),
          );
      };
      const drain = () => {
        scheduled = false;
        const m = queue.shift();
        if (!m || cancel.signal.aborted) return;
        handle(m);
        if (queue.length > 0) {
          scheduled = true;
          setImmediate(drain);
        }
      };
      port1.on('message', (m: ParseToImport) => {
        queue.push(m);
        if (!scheduled) {
          scheduled = true;
          setImmediate(drain);
        }
      });
    }).catch((err: unknown) => {
      session.rollback();
      throw err;
    });
    // Every row is in: from here the indexes are rebuilt and the transaction commits, in one go.
    post({ type: 'progress', rows: read.rowCount, bytes: job.size, totalBytes: job.size, finishing: true });
    const report = session.finish(read);
    post({ type: 'result', report });
    // Copy the committed pages from the WAL into the project file now, off the user's clock (a
    // passive checkpoint never blocks readers or the next writer; a kill here loses nothing).
    if (report.status === 'imported') db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    const e = translateSqliteError(err);
    post({
      type: 'error',
      error:
        e instanceof TrellisError
          ? e.toData()
          : { code: 'internal', message: e instanceof Error ? e.message : String(e) },
    });
  } finally {
    await parser?.terminate();
    db.close();
    // The host no longer listens once it has the result: let this thread end.
    parentPort!.removeAllListeners('message');
    parentPort!.unref();
  }
}

const job = workerData as
  (ImportJob & { role: 'import' }) | (ImportJob & { role: 'parse'; port: MessagePort });
if (job.role === 'parse') void parseRole(job);
else void importRole(job);
