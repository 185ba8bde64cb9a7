import { useState, type FormEvent } from 'react';
import type { Mapping } from '@shared/import-mapping';
import { useApi } from '../../api/use-api';
import { ErrorNote } from '../../components/ErrorNote';
import { downloadIssuesCsv } from './download';
import type { Preview, Report } from './ImportWizard';
import { IssueTable } from './ReviewStep';
import { PLATFORM_LABELS } from './SettingsStep';

const fmt = new Intl.NumberFormat('en-US');

/** Counts (read, imported, skipped, left out, already present, rows per table), issues CSV, template. */
export function ReportStep({
  report,
  mapping,
  preview,
  onAnother,
  onSaved,
}: {
  report: Report;
  mapping: Mapping;
  preview: Preview | null;
  onAnother(): void;
  onSaved(): void;
}) {
  const api = useApi();
  const [name, setName] = useState(() => preview?.templateUsed ?? defaultTemplateName(mapping));
  const [saved, setSaved] = useState<string | null>(null);
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.call('import.saveTemplate', {
        name: name.trim(),
        mapping,
        columnKeys: preview?.columns.map((c) => c.key) ?? [],
      });
      setSaved(`Saved the mapping as “${r.name}”: it is offered for the next file that fits.`);
      onSaved();
    } catch (err) {
      setError(err);
    }
  }

  const rows: [string, number, string][] = [
    ['Rows read', report.rowsRead, 'data rows after the header'],
    ['Imported', report.rowsImported, ''],
    ['Skipped (errors)', report.rowsSkipped, 'listed in the issues'],
    ['Left out by platform defaults', report.rowsDropped, 'previews, tests, spam'],
    ['Already in the project', report.rowsAlreadyPresent, 'from an earlier export'],
  ];
  return (
    <div className="step-body" data-testid="import-report">
      {report.status === 'imported' && (
        <p className="ok" role="status">
          Imported {fmt.format(report.rowsImported)} rows from {report.fileName}
          {report.importId !== null && <> (import #{report.importId})</>}.
        </p>
      )}
      {report.status === 'already_imported' && (
        <p className="warning" role="status">
          {report.fileName} was imported before (import #{report.previousImportId}): nothing was added.
        </p>
      )}
      {report.status === 'refused' && (
        <p className="error" role="alert">
          Nothing was imported: {fmt.format(report.rowsSkipped)} rows have errors (listed below). Fix the
          mapping or import the valid rows.
        </p>
      )}
      <p className="hint">
        {PLATFORM_LABELS[report.format] ?? report.format} · {report.encoding.toUpperCase()} · {report.kind} ·{' '}
        {(report.durationMs / 1000).toFixed(1)} s
      </p>
      <dl className="report-counts">
        {rows.map(([label, n, hint]) => (
          <div key={label} data-testid={`report-${label.split(' ')[0]!.toLowerCase()}`}>
            <dt>{label}</dt>
            <dd data-value={n}>
              {fmt.format(n)}
              {hint && n > 0 && <span className="hint"> {hint}</span>}
            </dd>
          </div>
        ))}
      </dl>
      {Object.keys(report.counts).length > 0 && (
        <table className="counts" data-testid="report-tables">
          <caption>Rows added per table</caption>
          <tbody>
            {Object.entries(report.counts).map(([t, n]) => (
              <tr key={t}>
                <th scope="row">{t.replace(/_/g, ' ')}</th>
                <td>{fmt.format(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.issues.length > 0 && (
        <IssueTable issues={report.issues} caption={`${fmt.format(report.issueCount)} issues`} />
      )}
      <div className="step-actions">
        {report.importId !== null && report.issueCount > 0 && (
          <button
            type="button"
            onClick={() => void downloadIssuesCsv(api, report.importId!).then(setDownloaded, setError)}
          >
            Download the issues (CSV)
          </button>
        )}
        <button type="button" onClick={onAnother}>
          Import another file
        </button>
      </div>
      {downloaded && (
        <p className="ok" role="status">
          {downloaded}
        </p>
      )}
      {report.status === 'imported' && (
        <form className="save-template" onSubmit={(e) => void save(e)}>
          <label>
            Save this mapping for the next wave or cohort as{' '}
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              data-testid="template-name"
            />
          </label>{' '}
          <button type="submit" disabled={!name.trim()}>
            Save mapping
          </button>
        </form>
      )}
      {saved && (
        <p className="ok" role="status">
          {saved}
        </p>
      )}
      <ErrorNote error={error} />
    </div>
  );
}

function defaultTemplateName(m: Mapping): string {
  if (m.kind === 'survey' && m.survey) return m.survey.instrument.name;
  return `${m.kind[0]!.toUpperCase()}${m.kind.slice(1)} file`;
}
