import { useState } from 'react';
import type { Output } from '@shared/contract';
import { useApi } from '../../api/use-api';
import { ErrorNote } from '../../components/ErrorNote';
import { downloadIssuesCsv } from './download';
import { PLATFORM_LABELS } from './SettingsStep';

type Imports = Output<'import.list'>;
const fmt = new Intl.NumberFormat('en-US');

/** The project's imports, newest first: what each added, its issues CSV, and undo (confirmed). */
export function ImportsPanel({ imports, onChanged }: { imports: Imports; onChanged(): void }) {
  const api = useApi();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function undo(importId: number) {
    setError(null);
    try {
      const r = await api.call('import.undo', { importId });
      setMessage(`Undid the import of ${r.fileName}: ${fmt.format(r.removedRows)} rows removed.`);
      setConfirming(null);
      onChanged();
    } catch (err) {
      setError(err);
      setConfirming(null);
    }
  }

  return (
    <section className="card" aria-labelledby="imports-heading" data-testid="imports-panel">
      <h2 id="imports-heading">Imports</h2>
      {message && (
        <p className="ok" role="status">
          {message}
        </p>
      )}
      <ErrorNote error={error} />
      {imports.length === 0 ? (
        <p className="empty">Nothing imported yet: start with the roster, then attendance and surveys.</p>
      ) : (
        <div className="table-scroll">
          <table className="imports-table" data-testid="imports-table">
            <caption className="visually-hidden">Imports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col">Format</th>
                <th scope="col">Rows imported</th>
                <th scope="col">Skipped</th>
                <th scope="col">Issues</th>
                <th scope="col">Imported on</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr key={i.importId} data-import-id={i.importId}>
                  <td>{i.importId}</td>
                  <th scope="row" title={`sha256 ${i.sha256}`}>
                    {i.fileName}
                  </th>
                  <td>{i.kind}</td>
                  <td>
                    {PLATFORM_LABELS[i.format] ?? i.format} · {i.encoding.toUpperCase()}
                  </td>
                  <td data-testid="rows-imported">
                    {fmt.format(i.rowsImported)} <span className="hint">of {fmt.format(i.rowsRead)}</span>
                  </td>
                  <td>{fmt.format(i.rowsSkipped)}</td>
                  <td>{fmt.format(i.issueCount)}</td>
                  <td>{i.importedAt.replace('T', ' ').slice(0, 16)}</td>
                  <td>
                    <div className="actions">
                      {i.issueCount > 0 && (
                        <button
                          type="button"
                          onClick={() => void downloadIssuesCsv(api, i.importId).then(setMessage, setError)}
                          aria-label={`Download the issues of ${i.fileName} (CSV)`}
                        >
                          Issues CSV
                        </button>
                      )}
                      {confirming === i.importId ? (
                        <span role="group" aria-label={`Confirm undoing ${i.fileName}`} className="confirm">
                          Remove its {fmt.format(i.rowsImported)} rows?{' '}
                          <button
                            type="button"
                            className="danger"
                            autoFocus
                            onClick={() => void undo(i.importId)}
                          >
                            Yes, undo import
                          </button>
                          <button type="button" onClick={() => setConfirming(null)}>
                            Keep it
                          </button>
                        </span>
                      ) : (
                        <button
                          type="button"
                          onClick={() => {
                            setMessage(null);
                            setConfirming(i.importId);
                          }}
                          aria-label={`Undo the import of ${i.fileName}`}
                        >
                          Undo…
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
