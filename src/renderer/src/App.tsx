import { useCallback, useEffect, useState } from 'react';
import type { Output } from '@shared/contract';
import { useApi } from './api/use-api';
import { ErrorNote } from './components/ErrorNote';
import { DataPage } from './features/data/DataPage';
import { ReportButton } from './features/export/ReportDialog';

type Info = Output<'app.info'>;

export function App() {
  const api = useApi();
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  const refresh = useCallback(() => {
    api.call('app.info', {}).then((i) => {
      setInfo(i);
      setGeneration((g) => g + 1); // a new project remounts the pages
    }, setError);
  }, [api]);

  useEffect(() => {
    refresh();
    return api.onMenu((action) => {
      if (action === 'project-changed') refresh();
    });
  }, [api, refresh]);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ⋕
          </span>
          Trellis
        </div>
        <div className="project" data-testid="project-name">
          {info?.project ? (
            <>
              {info.project.name}
              {info.project.isDemo && <span className="badge">demo</span>}
            </>
          ) : (
            'No project open'
          )}
        </div>
        {api.kind === 'electron' && (
          <div className="header-actions">
            <button
              type="button"
              onClick={() => void api.call('project.choose', { mode: 'create' }).then(refresh, setError)}
            >
              New project…
            </button>
            <button
              type="button"
              onClick={() => void api.call('project.choose', { mode: 'open' }).then(refresh, setError)}
            >
              Open…
            </button>
          </div>
        )}
        {info?.project && <ReportButton />}
        <div className="mode" title="How this window reaches Trellis">
          {info ? (info.frontDoor === 'electron' ? 'Desktop' : 'Browser mode (this computer only)') : ''}
        </div>
      </header>
      <main className="app-main">
        <ErrorNote error={error} />
        {info?.project && <DataPage key={generation} />}
      </main>
    </div>
  );
}
