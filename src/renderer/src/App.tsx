import { useCallback, useEffect, useState } from 'react';
import type { Output } from '@shared/contract';
import type { ProjectDimensions } from '@shared/metrics';
import { useApi } from './api/use-api';
import { ErrorNote } from './components/ErrorNote';
import { clearMetricsCache } from './components/use-metrics';
import { CohortsPage } from './features/cohorts/CohortsPage';
import { DataPage } from './features/data/DataPage';
import { ExportActions, FilteredReportButton } from './features/export/connected';
import { FilterBar } from './features/filters/FilterBar';
import { FiltersProvider } from './features/filters/filters';
import { requestImport } from './features/import/import-intent';
import { OutcomesPage } from './features/outcomes/OutcomesPage';
import { OverviewPage } from './features/overview/OverviewPage';
import { PartnersPage } from './features/partners/PartnersPage';
import { ReachPage } from './features/reach/ReachPage';

type Info = Output<'app.info'>;

export const PAGES = [
  { id: 'overview', label: 'Overview' },
  { id: 'reach', label: 'Reach & dosage' },
  { id: 'outcomes', label: 'Youth outcomes' },
  { id: 'partners', label: 'Partners' },
  { id: 'cohorts', label: 'Cohorts' },
  { id: 'data', label: 'Data' },
] as const;
type PageId = (typeof PAGES)[number]['id'];
const isPageId = (v: string): v is PageId => PAGES.some((p) => p.id === v);

/** The page in the address (#/reach), so reloads and the back button keep it. */
function usePage(): PageId {
  const read = () => {
    const id = window.location.hash.replace(/^#\/?/, '');
    return isPageId(id) ? id : 'overview';
  };
  const [page, setPage] = useState<PageId>(read);
  useEffect(() => {
    const on = () => setPage(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return page;
}

export function App() {
  const api = useApi();
  const [info, setInfo] = useState<Info | null>(null);
  const [dimensions, setDimensions] = useState<ProjectDimensions | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const page = usePage();

  const refresh = useCallback(() => {
    clearMetricsCache();
    api.call('app.info', {}).then((i) => {
      setInfo(i);
      setGeneration((g) => g + 1); // a new project remounts the pages
      if (i.project) api.call('project.dimensions', {}).then(setDimensions, setError);
      else setDimensions(null);
    }, setError);
  }, [api]);

  useEffect(() => {
    refresh();
    return api.onMenu((action) => {
      if (action === 'project-changed') refresh();
      if (action === 'import') {
        window.location.hash = '#/data';
        requestImport({ kind: 'choose' });
      }
    });
  }, [api, refresh]);

  // A file dropped anywhere on the window goes to the import wizard on the Data page.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      if (!info?.project) return;
      window.location.hash = '#/data';
      requestImport({ kind: 'file', file });
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [info?.project]);

  const project = info?.project ?? null;
  const dashboard = page !== 'data';
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <FiltersProvider key={generation} dimensions={dimensions}>
        <header className="app-header">
          <div className="brand">
            <span className="logo" aria-hidden="true">
              ⋕
            </span>
            Trellis
          </div>
          <div className="project" data-testid="project-name">
            {project ? (
              <>
                {project.name}
                {project.isDemo && <span className="badge">demo</span>}
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
          {project && <FilteredReportButton />}
          <div className="mode" title="How this window reaches Trellis">
            {info ? (info.frontDoor === 'electron' ? 'Desktop' : 'Browser mode (this computer only)') : ''}
          </div>
        </header>
        {project && (
          <nav className="page-nav" aria-label="Pages">
            <ul>
              {PAGES.map((p) => (
                <li key={p.id}>
                  <a
                    href={`#/${p.id}`}
                    aria-current={p.id === page ? 'page' : undefined}
                    data-testid={`nav-${p.id}`}
                  >
                    {p.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {project?.isDemo && (
          <DemoBanner
            electron={api.kind === 'electron'}
            onCreate={() => void api.call('project.choose', { mode: 'create' }).then(refresh, setError)}
          />
        )}
        {project && dashboard && <FilterBar />}
        <ExportActions>
          <main className="app-main" id="main" tabIndex={-1}>
            <ErrorNote error={error} />
            {info && !project && (
              <Welcome
                electron={api.kind === 'electron'}
                onChoose={(mode) => void api.call('project.choose', { mode }).then(refresh, setError)}
              />
            )}
            {project && page === 'overview' && <OverviewPage key={generation} />}
            {project && page === 'reach' && <ReachPage key={generation} />}
            {project && page === 'outcomes' && <OutcomesPage key={generation} />}
            {project && page === 'partners' && <PartnersPage key={generation} />}
            {project && page === 'cohorts' && <CohortsPage key={generation} />}
            {project && page === 'data' && <DataPage key={generation} />}
          </main>
        </ExportActions>
      </FiltersProvider>
    </div>
  );
}

/** Shown while the demo partnership is open: it is fictional, and how to start a real project. */
function DemoBanner({ electron, onCreate }: { electron: boolean; onCreate(): void }) {
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      <strong>You are exploring the demo partnership</strong> (fictional youth, partners and surveys).{' '}
      {electron ? (
        <>
          To evaluate your own partnership,{' '}
          <button type="button" className="link-button" onClick={onCreate}>
            create a new project
          </button>{' '}
          and import your files on its Data page.
        </>
      ) : (
        <>
          To evaluate your own partnership, start Trellis with a project file of your own:{' '}
          <code>trellis serve --project my-partnership.trellis</code>, then import your files on the Data
          page.
        </>
      )}
    </div>
  );
}

function Welcome({ electron, onChoose }: { electron: boolean; onChoose(mode: 'create' | 'open'): void }) {
  return (
    <section className="card welcome" data-testid="welcome">
      <h1>Welcome to Trellis</h1>
      <p>
        No project is open. A project is one <code>.trellis</code> file on this computer holding your rosters,
        attendance, surveys and partner records; nothing leaves the machine.
      </p>
      {electron ? (
        <p className="actions">
          <button type="button" className="primary" onClick={() => onChoose('create')}>
            Create a project…
          </button>
          <button type="button" onClick={() => onChoose('open')}>
            Open a project…
          </button>
        </p>
      ) : (
        <p>
          Start browser mode with a project: <code>trellis serve --project my-partnership.trellis</code>, or
          explore the demo partnership with <code>trellis serve --demo</code>.
        </p>
      )}
    </section>
  );
}
