import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { ProjectDimensions } from '@shared/metrics';
import { SPLITS } from '@core/charts/catalogue';
import { buildCohortChanges, buildHeadlines } from '@core/charts/headlines';
import { DashboardPage, type PageResults } from '../../components/DashboardPage';
import type { MetricsRequest } from '../../components/use-metrics';
import { useFilters } from '../filters/filters';
import { balancedRows } from './balanced-rows';

const EXTRA: MetricsRequest[] = [
  { by: SPLITS.overall, sections: ['reach', 'dosage', 'prePost'] },
  { by: SPLITS.cohort, sections: ['reach', 'dosage', 'prePost', 'goals'] },
];

/** What to import next, from what the project holds. Empty when nothing is missing. */
export function nextSteps(d: ProjectDimensions | null): string[] {
  if (!d) return [];
  const steps: string[] = [];
  if (d.counts.participants === 0)
    steps.push(
      'Import a roster (one row per youth, program and cohort) to start: every figure counts youth from it.',
    );
  if (d.counts.attendance === 0)
    steps.push('Import attendance logs (sign-in sheets) for reach, contact hours, dosage and retention.');
  if (d.counts.youthResponses === 0)
    steps.push('Import a youth pre survey and a post survey export for scale scores and matched change.');
  else if (d.waves.length < 2)
    steps.push(
      `Only the ${d.waves[0] ?? 'one'} wave is imported: import the other wave for matched pre/post change.`,
    );
  if (d.counts.partnerResponses === 0)
    steps.push('Import a partner survey for partnership health (collaboration factors).');
  if (d.cohorts.length === 1)
    steps.push('One cohort so far: cohort comparisons appear with the next cohort.');
  return steps;
}

export function OverviewPage() {
  const { dimensions } = useFilters();
  const steps = useMemo(() => nextSteps(dimensions), [dimensions]);
  return (
    <DashboardPage
      page="overview"
      title="Overview"
      intro="The partnership at a glance for the current filters: who was reached, for how long, and what changed for youth. Every figure names its n."
      extraRequests={EXTRA}
      wideCharts={['overview-prepost', 'partners-goals']}
      header={(r) => <Headlines results={r} steps={steps} />}
    />
  );
}

function Headlines({ results, steps }: { results: PageResults; steps: string[] }) {
  const overall = results['overall'];
  const byCohort = results['cohort'];
  const headlines = useMemo(() => (overall ? buildHeadlines(overall) : []), [overall]);
  const changes = useMemo(() => (byCohort ? buildCohortChanges(byCohort) : null), [byCohort]);
  const tiles = useRef<HTMLElement>(null);
  const layout = useBalancedRows(tiles, headlines.length);
  return (
    <>
      {steps.length > 0 && (
        <section className="card next-steps" aria-labelledby="next-steps" data-testid="next-steps">
          <h2 id="next-steps">What to import next</h2>
          <ul>
            {steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <p>
            <a href="#/data">Go to the Data page</a> to import files.
          </p>
        </section>
      )}
      <section
        ref={tiles}
        aria-label="Headline figures"
        className="headlines"
        data-testid="headlines"
        style={layout ? { gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))` } : undefined}
      >
        {headlines.map((h, i) => (
          <div
            className={`headline${h.suppressed ? ' suppressed' : ''}${i === 0 && layout?.leadSpans ? ' lead' : ''}`}
            key={h.id}
            data-testid={`headline-${h.id}`}
          >
            <div className="headline-label">{h.label}</div>
            <div className="headline-value" data-testid="headline-value" data-raw={h.raw ?? ''}>
              {h.value}
            </div>
            {h.n && <div className="headline-n">{h.n}</div>}
            <div className="headline-detail">{h.detail}</div>
          </div>
        ))}
      </section>
      <section className="card changes" aria-labelledby="changes-heading" data-testid="cohort-changes">
        {changes ? (
          <>
            <h2 id="changes-heading">
              What changed since the last cohort: {changes.previous} → {changes.latest}
            </h2>
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Figure</th>
                    <th scope="col">{changes.previous}</th>
                    <th scope="col">{changes.latest}</th>
                    <th scope="col">Change</th>
                    <th scope="col">Goal for {changes.latest}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.rows.map((r) => (
                    <tr key={r.id} data-testid={`change-${r.id}`}>
                      <th scope="row">{r.label}</th>
                      <td className="num">{r.previous}</td>
                      <td className="num">{r.latest}</td>
                      <td className="num">{r.change}</td>
                      <td>{r.goal}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <>
            <h2 id="changes-heading">What changed since the last cohort</h2>
            <p className="empty">
              Only one cohort in this selection: the change since the last cohort appears once a second cohort
              is imported, or when the cohort filter includes two.
            </p>
          </>
        )}
      </section>
    </>
  );
}

function useBalancedRows(box: RefObject<HTMLElement | null>, count: number) {
  const [layout, setLayout] = useState<{ columns: number; leadSpans: boolean } | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || count === 0) return;
    const measure = () => {
      const next = balancedRows(count, el.clientWidth);
      setLayout((prev) =>
        prev?.columns === next.columns && prev.leadSpans === next.leadSpans ? prev : next,
      );
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [box, count]);
  return layout;
}
