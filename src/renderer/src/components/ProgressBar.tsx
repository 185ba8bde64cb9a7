import type { Progress } from '@shared/contract';
import { progressFigures } from './progress-figures';

/**
 * Progress of any long job (an import, a check, an export, a report): a bar (role=progressbar with its
 * value, sliding when the total is unknown), the amount done, percent and rate in words, announced
 * politely to screen readers, and Cancel while the job can still be cancelled (the contract's
 * `cancellable: false`, e.g. an import that is saving, removes it).
 */
export function ProgressBar({
  progress,
  onCancel,
  cancelLabel = 'Cancel',
  testId = 'progress',
}: {
  progress: Progress;
  onCancel?: () => void;
  cancelLabel?: string;
  testId?: string;
}) {
  const f = progressFigures(progress);
  return (
    <div className="progress" data-testid={testId}>
      <div
        className="bar"
        role="progressbar"
        aria-label={progress.phase}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={f.percent ?? undefined}
        aria-valuetext={f.text}
      >
        <div
          className={`bar-fill${f.percent === null ? ' indeterminate' : ''}`}
          style={{ width: `${f.percent ?? 30}%` }}
        />
      </div>
      <p role="status" aria-live="polite" className="progress-text" data-testid="progress-text">
        {progress.phase}: {f.text}
      </p>
      {onCancel && progress.cancellable !== false && (
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      )}
    </div>
  );
}
