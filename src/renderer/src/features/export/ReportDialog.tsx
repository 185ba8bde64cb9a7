import { useEffect, useRef, useState } from 'react';
import type { Output } from '@shared/contract';
import type { EvaluationQuestion } from '@shared/export-contract';
import { METRIC_SECTIONS, type MetricFilters, type MetricSection } from '@shared/metrics';
import { SECTION_TITLES } from '@core/report/metric-tables';
import { useApi } from '../../api/use-api';
import { ErrorNote } from '../../components/ErrorNote';
import { ProgressBar } from '../../components/ProgressBar';
import { useExportRun } from './use-export';
import './export.css';

type Catalogue = Output<'export.catalogue'>;

/**
 * The report dialog: which charts, the evaluation questions and the evidence under each, the
 * appendix tables, PDF or HTML. Starts from the default set (every chart with something to draw,
 * grouped under questions by dashboard page), so one click makes a complete report.
 */
export function ReportDialog({ filters = {}, onClose }: { filters?: MetricFilters; onClose: () => void }) {
  const api = useApi();
  const dialog = useRef<HTMLDialogElement>(null);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [title, setTitle] = useState('');
  const [charts, setCharts] = useState<string[]>([]);
  const [questions, setQuestions] = useState<EvaluationQuestion[]>([]);
  const [tables, setTables] = useState<MetricSection[]>([]);
  const [format, setFormat] = useState<'pdf' | 'html'>('pdf');
  const [pageSize, setPageSize] = useState<'Letter' | 'A4'>('Letter');
  const exp = useExportRun();

  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  // Filters arrive as a new object on each render of the parent: key the fetch on their content.
  const filterKey = JSON.stringify(filters);
  useEffect(() => {
    let live = true;
    api.call('export.catalogue', { filters: JSON.parse(filterKey) as MetricFilters }).then((c) => {
      if (!live) return;
      setCatalogue(c);
      setCharts(c.charts.filter((x) => x.inDefaultReport).map((x) => x.id));
      setQuestions(c.defaultQuestions);
      setTables(c.defaultTables);
    }, setLoadError);
    return () => {
      live = false;
    };
  }, [api, filterKey]);

  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
  const setQuestion = (i: number, patch: Partial<EvaluationQuestion>) =>
    setQuestions((qs) => qs.map((q, k) => (k === i ? { ...q, ...patch } : q)));

  const create = () =>
    exp.run((opts) =>
      api.call(
        'export.report',
        {
          title: title.trim() || undefined,
          filters,
          charts,
          tables,
          questions: questions
            .filter((q) => q.question.trim())
            .map((q) => ({ ...q, charts: q.charts.filter((c) => charts.includes(c)) })),
          format,
          pageSize,
        },
        opts,
      ),
    );
  const dashboard = () =>
    exp.run((opts) =>
      api.call('export.dashboard', { title: title.trim() || undefined, filters, charts }, opts),
    );

  const drawable = catalogue?.charts.filter((c) => !c.empty) ?? [];
  return (
    <dialog
      ref={dialog}
      className="report-dialog"
      aria-labelledby="report-dialog-title"
      onClose={onClose}
      data-testid="report-dialog"
    >
      <form method="dialog" onSubmit={(e) => e.preventDefault()}>
        <header>
          <h2 id="report-dialog-title">Report for funders</h2>
          <button type="button" aria-label="Close" onClick={() => dialog.current?.close()}>
            ✕
          </button>
        </header>
        <ErrorNote error={loadError} />
        {!catalogue && !loadError && <p className="hint">Loading the charts…</p>}
        {catalogue && (
          <>
            <label className="field wide">
              Title
              <input
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                placeholder="e.g. Year 2 evaluation report, NSF ITEST award 2212345"
                maxLength={200}
              />
            </label>

            <section aria-labelledby="rq-heading">
              <h3 id="rq-heading">Evaluation questions</h3>
              <p className="hint">
                The evidence is grouped under the questions your evaluation plan asks. Tick the charts that
                answer each one.
              </p>
              {questions.map((q, i) => (
                <div className="question" key={i} data-testid="report-question">
                  <label className="field wide">
                    Question {i + 1}
                    <textarea
                      rows={2}
                      value={q.question}
                      onChange={(e) => setQuestion(i, { question: e.target.value })}
                    />
                  </label>
                  <details>
                    <summary>
                      Evidence: {q.charts.length} chart{q.charts.length === 1 ? '' : 's'}
                      {q.tables.length ? `, ${q.tables.length} table${q.tables.length === 1 ? '' : 's'}` : ''}
                    </summary>
                    <div className="checks">
                      {drawable.map((c) => (
                        <label key={c.id} className="check">
                          <input
                            type="checkbox"
                            checked={q.charts.includes(c.id)}
                            onChange={(e) =>
                              setQuestion(i, { charts: toggle(q.charts, c.id, e.target.checked) })
                            }
                          />
                          {c.title}
                        </label>
                      ))}
                    </div>
                  </details>
                  <button
                    type="button"
                    className="link"
                    onClick={() => setQuestions((qs) => qs.filter((_, k) => k !== i))}
                  >
                    Remove question
                  </button>
                </div>
              ))}
              <div className="actions">
                <button
                  type="button"
                  onClick={() => setQuestions((qs) => [...qs, { question: '', charts: [], tables: [] }])}
                  disabled={questions.length >= 12}
                >
                  Add a question
                </button>
                <button type="button" onClick={() => setQuestions(catalogue.defaultQuestions)}>
                  Use the default questions
                </button>
              </div>
            </section>

            <section aria-labelledby="rc-heading">
              <h3 id="rc-heading">Charts</h3>
              <p className="hint">
                {charts.length} of {drawable.length} ticked. The default leaves out the per-cohort and
                per-item detail; tick what your funder asks for.
              </p>
              {pagesOf(catalogue.charts).map(([page, list]) => (
                <fieldset key={page} className="chart-group">
                  <legend>{PAGE_NAMES[page] ?? page}</legend>
                  <div className="checks columns">
                    {list.map((c) => (
                      <label key={c.id} className="check" title={c.empty ?? undefined}>
                        <input
                          type="checkbox"
                          disabled={!!c.empty}
                          checked={charts.includes(c.id)}
                          onChange={(e) => setCharts((l) => toggle(l, c.id, e.target.checked))}
                        />
                        {c.title}
                        {c.empty && <span className="hint"> (nothing to draw yet)</span>}
                      </label>
                    ))}
                  </div>
                </fieldset>
              ))}
              {catalogue.charts.length === 0 && <p className="hint">No charts yet: import data first.</p>}
            </section>

            <section aria-labelledby="rt-heading">
              <h3 id="rt-heading">Appendix tables</h3>
              <div className="checks columns">
                {METRIC_SECTIONS.map((s) => (
                  <label key={s} className="check">
                    <input
                      type="checkbox"
                      checked={tables.includes(s)}
                      onChange={(e) => setTables((l) => toggle(l, s, e.target.checked))}
                    />
                    {SECTION_TITLES[s]}
                  </label>
                ))}
              </div>
            </section>

            <section className="row">
              <div className="segmented" role="radiogroup" aria-label="Report format">
                {(['pdf', 'html'] as const).map((f) => (
                  <label key={f}>
                    <input
                      type="radio"
                      name="report-format"
                      checked={format === f}
                      onChange={() => setFormat(f)}
                    />
                    {f.toUpperCase()}
                  </label>
                ))}
              </div>
              {format === 'pdf' && (
                <label className="field">
                  Page
                  <select value={pageSize} onChange={(e) => setPageSize(e.target.value as 'Letter' | 'A4')}>
                    <option value="Letter">US Letter</option>
                    <option value="A4">A4</option>
                  </select>
                </label>
              )}
            </section>

            {exp.progress && <ProgressBar progress={exp.progress} onCancel={exp.cancel} />}
            <ErrorNote error={exp.error} />
            {exp.done && (
              <div className="export-done" role="status">
                <p>{exp.done.message}</p>
                {exp.done.warnings.map((w) => (
                  <p key={w} className="hint">
                    {w}
                  </p>
                ))}
              </div>
            )}
            <footer className="actions sticky">
              <button type="button" className="primary" disabled={exp.busy} onClick={create}>
                Create report
              </button>
              <button
                type="button"
                disabled={exp.busy}
                onClick={dashboard}
                title="One HTML file with the charts, for partners and board members without Trellis"
              >
                Standalone dashboard (HTML)
              </button>
            </footer>
          </>
        )}
      </form>
    </dialog>
  );
}

const PAGE_NAMES: Record<string, string> = {
  overview: 'Overview',
  reach: 'Reach and dosage',
  outcomes: 'Youth outcomes',
  partners: 'Partners',
  cohorts: 'Cohorts compared',
};

/** Charts grouped by dashboard page, in catalogue order. */
function pagesOf(charts: Catalogue['charts']): [string, Catalogue['charts']][] {
  const groups = new Map<string, Catalogue['charts']>();
  for (const c of charts) groups.set(c.page, [...(groups.get(c.page) ?? []), c]);
  return [...groups];
}

/** The header button that opens the dialog. */
export function ReportButton({ filters }: { filters?: MetricFilters }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="open-report">
        Report…
      </button>
      {open && <ReportDialog filters={filters} onClose={() => setOpen(false)} />}
    </>
  );
}
