import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { Output, Progress } from '@shared/contract';
import type { UploadedFile } from '@shared/bridge';
import type { ImportKind, Mapping, ReadOverrides } from '@shared/import-mapping';
import type { Wave } from '@shared/vocab';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorNote } from '../../components/ErrorNote';
import { onImportIntent } from './import-intent';
import { mappingProblems } from './mapping-edit';
import { CodebookStep } from './CodebookStep';
import { MappingStep } from './MappingStep';
import { ReportStep } from './ReportStep';
import { ReviewStep } from './ReviewStep';
import { SettingsStep } from './SettingsStep';
import './import.css';
import { ProgressBar } from '../../components/ProgressBar';

export type Preview = Output<'import.preview'>;
export type Report = Output<'import.run'>;

type StepId = 'file' | 'settings' | 'mapping' | 'codebook' | 'review' | 'import' | 'report';
const STEPS: { id: StepId; label: string }[] = [
  { id: 'file', label: 'Choose a file' },
  { id: 'settings', label: 'Detected settings' },
  { id: 'mapping', label: 'Columns' },
  { id: 'codebook', label: 'Codebook' },
  { id: 'review', label: 'Review issues' },
  { id: 'import', label: 'Import' },
  { id: 'report', label: 'Report' },
];

/** What the preview is asked with; any change previews the file again. */
export interface PreviewRequest {
  settings: ReadOverrides;
  kind?: ImportKind;
  template?: string;
  cohort?: string;
  wave?: Wave;
}

/**
 * The import wizard: choose or drop -> detected settings -> columns -> codebook -> review issues ->
 * import with progress and cancel -> report. Every step calls the same contract methods as the CLI.
 */
/** `onImported` runs when the project changed: an import committed, or a template was saved. */
export function ImportWizard({ onImported }: { onImported(): void }) {
  const api = useApi();
  const [step, setStep] = useState<StepId>('file');
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [request, setRequest] = useState<PreviewRequest>({ settings: {} });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [edited, setEdited] = useState(false);
  const [dry, setDry] = useState<Report | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const isSurvey = mapping?.kind === 'survey';
  const steps = STEPS.filter((s) => s.id !== 'codebook' || isSurvey);

  const go = useCallback((s: StepId) => {
    setStep(s);
    setError(null);
    // keyboard and screen-reader users land on the new step's heading
    requestAnimationFrame(() => heading.current?.focus());
  }, []);

  const runPreview = useCallback(
    async (f: UploadedFile, req: PreviewRequest, next: StepId = 'settings') => {
      setBusy('Reading the file…');
      setError(null);
      try {
        const p = await api.call(
          'import.preview',
          {
            file: f.file,
            settings: req.settings,
            ...(req.kind ? { kind: req.kind } : {}),
            ...(req.template ? { template: req.template } : {}),
            ...(req.cohort ? { cohort: req.cohort } : {}),
            ...(req.wave ? { wave: req.wave } : {}),
          },
          { onProgress: setProgress },
        );
        setPreview(p);
        setRequest(req);
        setMapping({ ...p.mapping, settings: { ...p.mapping.settings, ...req.settings } });
        setDry(null);
        if (edited) setNote('The file was read again: the columns were proposed again for the new settings.');
        setEdited(false);
        go(next);
      } catch (err) {
        setError(err);
      } finally {
        setBusy(null);
        setProgress(null);
      }
    },
    [api, edited, go],
  );

  const start = useCallback(
    async (f: UploadedFile) => {
      setFile(f);
      setPreview(null);
      setMapping(null);
      setReport(null);
      setDry(null);
      setNote(null);
      await runPreview(f, { settings: {} });
    },
    [runPreview],
  );

  const take = useCallback(
    async (f: File) => {
      setError(null);
      setStep('file');
      setBusy(`Sending ${f.name}…`);
      try {
        const uploaded = await api.uploadFile(f, (sent, total) =>
          setProgress({ phase: 'Sending', done: sent, total, unit: 'bytes', rate: null }),
        );
        setProgress(null);
        await start(uploaded);
      } catch (err) {
        setError(err);
        setBusy(null);
        setProgress(null);
      }
    },
    [api, start],
  );

  const choose = useCallback(async () => {
    if (api.kind !== 'electron') {
      fileInput.current?.click();
      return;
    }
    setError(null);
    setStep('file');
    try {
      const { files } = await api.call('files.choose', { purpose: 'import' });
      if (files[0]) await start(files[0]);
    } catch (err) {
      setError(err);
    }
  }, [api, start]);

  useEffect(
    () =>
      onImportIntent((intent) => {
        if (intent.kind === 'file') void take(intent.file);
        else void choose();
      }),
    [take, choose],
  );

  const edit = (m: Mapping) => {
    setMapping(m);
    setEdited(true);
    setDry(null);
  };

  async function review() {
    if (!file || !mapping) return;
    setBusy('Checking every row (nothing is saved yet)…');
    setError(null);
    go('review');
    abort.current = new AbortController();
    try {
      setDry(
        await api.call(
          'import.run',
          { file: file.file, mapping, policy: 'skip_invalid', dryRun: true },
          { onProgress: setProgress, signal: abort.current.signal },
        ),
      );
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'cancelled'
          ? new Error('Check cancelled: nothing was saved. Check again when ready.')
          : err,
      );
    } finally {
      setBusy(null);
      setProgress(null);
      abort.current = null;
    }
  }

  async function runImport(policy: 'refuse' | 'skip_invalid') {
    if (!file || !mapping) return;
    abort.current = new AbortController();
    setProgress({ phase: 'Importing', done: 0, total: null, unit: 'rows', rate: null, message: 'Starting…' });
    go('import');
    try {
      const r = await api.call(
        'import.run',
        { file: file.file, mapping, policy, dryRun: false },
        { onProgress: setProgress, signal: abort.current.signal },
      );
      setReport(r);
      go('report');
      if (r.status === 'imported') onImported();
    } catch (err) {
      setStep('review');
      setError(
        err instanceof ApiError && err.code === 'cancelled'
          ? new Error('Import cancelled: nothing was added to the project.')
          : err,
      );
    } finally {
      setProgress(null);
      abort.current = null;
    }
  }

  function restart() {
    setFile(null);
    setPreview(null);
    setMapping(null);
    setDry(null);
    setReport(null);
    setNote(null);
    go('file');
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) void take(f);
  };

  const reachable = (s: StepId): boolean => {
    if (step === 'import') return false;
    if (s === 'file') return true;
    if (!preview || !mapping) return false;
    if (s === 'import') return false;
    if (s === 'report') return report !== null;
    return true;
  };
  const problems = mapping ? mappingProblems(mapping) : [];
  const current = steps.find((s) => s.id === step) ?? steps[0]!;

  return (
    <section className="card wizard" aria-labelledby="wizard-title" data-testid="import-wizard">
      <h2 id="wizard-title">Import a file</h2>
      <nav aria-label="Import steps">
        <ol className="wizard-steps">
          {steps.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                className="wizard-step"
                aria-current={s.id === step ? 'step' : undefined}
                disabled={!reachable(s.id) || s.id === step}
                onClick={() => (s.id === 'review' ? void review() : go(s.id))}
              >
                <span className="step-number" aria-hidden="true">
                  {i + 1}
                </span>
                {s.label}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <h3 ref={heading} tabIndex={-1} className="step-title" data-testid="wizard-step">
        {current.label}
        {file && step !== 'file' && <span className="step-file"> · {file.name}</span>}
      </h3>
      {note && (
        <p className="hint" role="status">
          {note}
        </p>
      )}

      {step === 'file' && (
        <div
          className={`dropzone${dragging ? ' dragging' : ''}`}
          data-testid="wizard-dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            e.stopPropagation();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>
            Drop a survey export (Qualtrics, SurveyMonkey, Google Forms, REDCap), a roster, an attendance log
            or any CSV here, or
          </p>
          <label className="button primary-label">
            Choose a file…
            <input
              ref={fileInput}
              type="file"
              accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
              data-testid="wizard-file-input"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void take(f);
                e.target.value = '';
              }}
            />
          </label>
          {api.kind === 'electron' && (
            <button type="button" onClick={() => void choose()}>
              Open dialog…
            </button>
          )}
        </div>
      )}

      {busy && step !== 'import' && (
        <p className="loading" role="status">
          {busy}
        </p>
      )}
      <ErrorNote error={error} />

      {step === 'settings' && preview && file && (
        <SettingsStep
          preview={preview}
          request={request}
          busy={busy !== null}
          onChange={(req) => void runPreview(file, req, 'settings')}
          onNext={() => go('mapping')}
        />
      )}
      {step === 'mapping' && preview && mapping && file && (
        <MappingStep
          preview={preview}
          mapping={mapping}
          request={request}
          problems={problems}
          busy={busy !== null}
          onEdit={edit}
          onRepreview={(req) => void runPreview(file, req, 'mapping')}
          onBack={() => go('settings')}
          onNext={() => (isSurvey ? go('codebook') : void review())}
        />
      )}
      {step === 'codebook' && preview && mapping && (
        <CodebookStep
          preview={preview}
          mapping={mapping}
          onEdit={edit}
          onBack={() => go('mapping')}
          onNext={() => void review()}
          problems={problems}
        />
      )}
      {step === 'review' && mapping && (
        <ReviewStep
          dry={dry}
          busy={busy !== null}
          problems={problems}
          onFix={() => go('mapping')}
          onImport={(policy) => void runImport(policy)}
        />
      )}
      {step === 'import' && progress && (
        <ProgressBar
          progress={progress}
          onCancel={() => abort.current?.abort()}
          cancelLabel="Cancel import"
          testId="import-progress"
        />
      )}
      {step === 'report' && report && mapping && (
        <ReportStep
          report={report}
          mapping={mapping}
          preview={preview}
          onAnother={restart}
          onSaved={onImported}
        />
      )}
      {progress && step !== 'import' && (
        <ProgressBar
          progress={progress}
          onCancel={step === 'review' ? () => abort.current?.abort() : undefined}
          cancelLabel="Cancel the check"
          testId="import-progress"
        />
      )}
    </section>
  );
}
