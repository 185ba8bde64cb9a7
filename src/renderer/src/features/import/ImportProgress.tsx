import type { Progress } from '@shared/contract';
import { progressFigures } from './progress-figures';

/**
 * Progress of reading or importing: a bar (role=progressbar with its value), rows, percent and rate
 * in words, announced politely to screen readers, and Cancel while an import runs.
 */
export function ImportProgress({
  progress,
  onCancel,
  cancelLabel = 'Cancel import',
}: {
  progress: Progress;
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  const f = progressFigures(progress);
  return (
    <div className="import-progress" data-testid="import-progress">
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
