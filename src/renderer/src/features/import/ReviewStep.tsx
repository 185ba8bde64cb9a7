import type { ImportIssue } from '@shared/import-mapping';
import type { Report } from './ImportWizard';

const fmt = new Intl.NumberFormat('en-US');
const SHOWN = 200;

/**
 * The dry run's verdict before anything is saved: how many rows would go in, every issue with its row
 * and column, and the choice: fix the mapping, or import the valid rows and keep the others listed.
 */
export function ReviewStep({
  dry,
  busy,
  problems,
  onFix,
  onImport,
}: {
  dry: Report | null;
  busy: boolean;
  problems: string[];
  onFix(): void;
  onImport(policy: 'refuse' | 'skip_invalid'): void;
}) {
  if (!dry) {
    return busy ? null : (
      <div className="step-actions">
        <button type="button" onClick={onFix}>
          Back to the columns
        </button>
      </div>
    );
  }
  const errors = dry.issues.filter((i) => i.severity === 'error');
  const others = dry.issues.filter((i) => i.severity !== 'error');
  const nothing = dry.rowsImported === 0;
  return (
    <div className="step-body" data-testid="review">
      {dry.status === 'already_imported' ? (
        <p className="warning" role="status">
          This file was imported before (import #{dry.previousImportId}): importing it again adds nothing.
        </p>
      ) : (
        <p role="status" data-testid="review-summary">
          {dry.rowsSkipped === 0 ? (
            <>
              All <strong>{fmt.format(dry.rowsImported)}</strong> rows are ready to import.
            </>
          ) : (
            <>
              <strong>{fmt.format(dry.rowsImported)}</strong> of {fmt.format(dry.rowsRead)} rows are ready;{' '}
              <strong className="warn-text">
                {fmt.format(dry.rowsSkipped)} row{dry.rowsSkipped === 1 ? ' has' : 's have'} errors
              </strong>
              .
            </>
          )}
          {dry.rowsDropped > 0 && (
            <> {fmt.format(dry.rowsDropped)} rows are left out by the platform's defaults.</>
          )}
          {dry.rowsAlreadyPresent > 0 && (
            <> {fmt.format(dry.rowsAlreadyPresent)} responses are already in the project and add nothing.</>
          )}
        </p>
      )}
      {Object.keys(dry.counts).length > 0 && (
        <p className="hint">
          Would add:{' '}
          {Object.entries(dry.counts)
            .map(([t, n]) => `${fmt.format(n)} ${t.replace(/_/g, ' ')}`)
            .join(', ')}
          .
        </p>
      )}
      {dry.issues.length > 0 && (
        <IssueTable
          issues={[...errors, ...others]}
          caption={`${errors.length} errors, ${others.length} warnings and notes`}
        />
      )}
      <div className="step-actions">
        <button type="button" onClick={onFix}>
          Fix the mapping
        </button>
        {!nothing && dry.status !== 'already_imported' && dry.rowsSkipped === 0 && (
          <button
            type="button"
            className="primary"
            disabled={problems.length > 0}
            onClick={() => onImport('refuse')}
          >
            Import {fmt.format(dry.rowsImported)} rows
          </button>
        )}
        {!nothing && dry.status !== 'already_imported' && dry.rowsSkipped > 0 && (
          <button
            type="button"
            className="primary"
            disabled={problems.length > 0}
            onClick={() => onImport('skip_invalid')}
          >
            Import the {fmt.format(dry.rowsImported)} valid rows, list the {fmt.format(dry.rowsSkipped)}{' '}
            skipped
          </button>
        )}
      </div>
      {nothing && dry.status !== 'already_imported' && (
        <p className="error" role="alert">
          No row of this file can be imported as mapped: fix the mapping (the issues above say what is wrong).
        </p>
      )}
    </div>
  );
}

export function IssueTable({ issues, caption }: { issues: readonly ImportIssue[]; caption: string }) {
  return (
    <div className="table-scroll issues-scroll">
      <table className="issues" data-testid="issues-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {issues.slice(0, SHOWN).map((i, n) => (
            <tr key={n} className={`sev-${i.severity}`}>
              <td>{i.severity}</td>
              <td>{i.row ?? ''}</td>
              <td>
                {i.column ?? ''}
                {i.columnName ? ` ${i.columnName}` : ''}
              </td>
              <td>{i.value === undefined ? '' : i.value === '' ? '(empty)' : `“${i.value}”`}</td>
              <td className="wrap">{i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {issues.length > SHOWN && (
        <p className="hint">
          {fmt.format(issues.length - SHOWN)} more issues are in the issues CSV of the import's report.
        </p>
      )}
    </div>
  );
}
