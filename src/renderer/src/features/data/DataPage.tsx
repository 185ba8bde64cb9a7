import { useCallback, useEffect, useState } from 'react';
import type { Output } from '@shared/contract';
import { useApi } from '../../api/use-api';
import { ErrorNote } from '../../components/ErrorNote';
import { SettingsPanel } from '../settings/SettingsPanel';
import { ImportPanel } from './ImportPanel';
import { TableChart } from './TableChart';

type Tables = Output<'table.list'>;

export function DataPage() {
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
    <div className="page">
      <h1>Data</h1>
      <ImportPanel
        onImported={(importId) => {
          setSelected(importId);
          load();
        }}
      />
      <ErrorNote error={error} />
      <section className="card" aria-labelledby="imports-heading">
        <h2 id="imports-heading">Imported tables</h2>
        {tables.length === 0 ? (
          <p className="empty">Nothing imported yet. Choose or drop a CSV file above.</p>
        ) : (
          <ul className="import-list">
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
      </section>
      <SettingsPanel />
    </div>
  );
}
