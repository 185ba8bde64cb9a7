import { useCallback, useEffect, useState } from 'react';
import type { Output } from '@shared/contract';
import { useApi } from '../../api/use-api';
import { ErrorNote } from '../../components/ErrorNote';
import { clearMetricsCache } from '../../components/use-metrics';
import { ImportsPanel } from '../import/ImportsPanel';
import { ImportWizard } from '../import/ImportWizard';
import { MatchReportPanel } from '../import/MatchReportPanel';
import { TemplatesPanel } from '../import/TemplatesPanel';
import { SettingsPanel } from '../settings/SettingsPanel';
import { ImportPanel } from './ImportPanel';
import { TableChart } from './TableChart';

type Tables = Output<'table.list'>;
type Imports = Output<'import.list'>;

/**
 * The Data page: the import wizard, the imports with their reports and undo, the pre/post match
 * report, mapping templates with their codebooks, project settings, and a quick look at any CSV.
 */
export function DataPage() {
  const api = useApi();
  const [imports, setImports] = useState<Imports>([]);
  const [generation, setGeneration] = useState(0);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    api.call('import.list', {}).then(setImports, setError);
  }, [api]);
  useEffect(load, [load, generation]);
  const changed = useCallback(() => {
    clearMetricsCache(); // the dashboards read the project again
    setGeneration((g) => g + 1);
  }, []);

  return (
    <div className="page">
      <h1>Data</h1>
      <ImportWizard onImported={changed} />
      <ErrorNote error={error} />
      <ImportsPanel imports={imports} onChanged={changed} />
      <MatchReportPanel generation={generation} onChanged={changed} />
      <TemplatesPanel generation={generation} />
      <SettingsPanel />
      <QuickLook />
    </div>
  );
}

/** Count the rows of any CSV by a column, without adding it to the evaluation (the raw-table path). */
function QuickLook() {
  const api = useApi();
  const [tables, setTables] = useState<Tables>([]);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const load = useCallback(() => {
    api.call('table.list', {}).then((t) => {
      setTables(t);
      setSelected((s) => s ?? t[0]?.importId ?? null);
    }, setError);
  }, [api]);
  useEffect(load, [load]);
  const current = tables.find((t) => t.importId === selected) ?? null;
  return (
    <details className="card quick-look" data-testid="quick-look">
      <summary>
        <h2>Quick look at a CSV</h2>
        <span className="hint">
          Count the rows of any table by one of its columns. It is kept as a raw table, not added to the
          evaluation.
        </span>
      </summary>
      <ImportPanel
        onImported={(importId) => {
          setSelected(importId);
          load();
        }}
      />
      <ErrorNote error={error} />
      {tables.length > 0 && (
        <ul className="import-list" aria-label="Raw tables">
          {tables.map((t) => (
            <li key={t.importId}>
              <button
                type="button"
                aria-pressed={t.importId === selected}
                onClick={() => setSelected(t.importId)}
              >
                {t.fileName} · {t.rowCount.toLocaleString()} rows
              </button>
            </li>
          ))}
        </ul>
      )}
      {current && <TableChart key={current.importId} table={current} />}
    </details>
  );
}
