import { useRef, useState } from 'react';
import type { Output, Progress } from '@shared/contract';
import type { UploadedFile } from '@shared/bridge';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorNote } from '../../components/ErrorNote';
import { FileDrop } from '../../components/FileDrop';
import { ProgressBar } from '../../components/ProgressBar';

type Preview = Output<'table.preview'>;

export function ImportPanel({ onImported }: { onImported(importId: number): void }) {
  const api = useApi();
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [cancellable, setCancellable] = useState(false);

  async function take(f: File) {
    reset();
    try {
      setProgress({ phase: 'Reading', done: 0, total: f.size, unit: 'bytes', rate: null });
      const uploaded = await api.uploadFile(f, (sent, total) =>
        setProgress({ phase: 'Reading', done: sent, total, unit: 'bytes', rate: null }),
      );
      setFile(uploaded);
      setPreview(
        await api.call('table.preview', { file: uploaded.file, rows: 8 }, { onProgress: setProgress }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  }

  async function choose() {
    reset();
    try {
      const { files } = await api.call('files.choose', { purpose: 'import' });
      const first = files[0];
      if (!first) return;
      setFile(first);
      setPreview(await api.call('table.preview', { file: first.file, rows: 8 }, { onProgress: setProgress }));
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  }

  async function runImport() {
    if (!file) return;
    abort.current = new AbortController();
    setCancellable(true);
    setError(null);
    try {
      const r = await api.call(
        'table.import',
        { file: file.file },
        { onProgress: setProgress, signal: abort.current.signal },
      );
      setDone(`Imported ${r.rowCount.toLocaleString()} rows from ${file.name}.`);
      setPreview(null);
      setFile(null);
      onImported(r.importId);
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'cancelled'
          ? new Error('Import cancelled: nothing was added.')
          : err,
      );
    } finally {
      setProgress(null);
      setCancellable(false);
      abort.current = null;
    }
  }

  function reset() {
    setError(null);
    setDone(null);
    setPreview(null);
    setFile(null);
  }

  return (
    <section className="raw-import" aria-label="Read a CSV as a raw table">
      <FileDrop
        testId="dropzone"
        inputTestId="file-input"
        onFile={(f) => void take(f)}
        onOpenDialog={api.kind === 'electron' ? () => void choose() : undefined}
      >
        Drop any CSV here, or
      </FileDrop>
      {progress && (
        <ProgressBar progress={progress} onCancel={cancellable ? () => abort.current?.abort() : undefined} />
      )}
      <ErrorNote error={error} />
      {done && (
        <p className="ok" role="status">
          {done}
        </p>
      )}
      {preview && (
        <div className="preview" data-testid="preview">
          <p>
            <strong>{preview.fileName}</strong>:{' '}
            <span data-testid="row-count">{preview.rowCount.toLocaleString()}</span> rows ×{' '}
            {preview.columns.length} columns. First rows:
          </p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  {preview.columns.map((c, i) => (
                    <th key={i} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r, i) => (
                  <tr key={i}>
                    {preview.columns.map((_, j) => (
                      <td key={j}>{r[j] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" className="primary" onClick={() => void runImport()} disabled={!!progress}>
            Import {preview.rowCount.toLocaleString()} rows
          </button>
        </div>
      )}
    </section>
  );
}
