import type { Progress } from '@shared/contract';

const fmt = new Intl.NumberFormat();
const human = (n: number, unit: Progress['unit']) =>
  unit === 'bytes' ? `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB` : `${fmt.format(Math.round(n))} ${unit}`;

export function ProgressBar({ progress, onCancel }: { progress: Progress; onCancel?: () => void }) {
  const pct = progress.total ? Math.min(100, (100 * progress.done) / progress.total) : null;
  return (
    <div className="progress" role="status" aria-live="polite">
      <div className="progress-label">
        {progress.phase}: {human(progress.done, progress.unit)}
        {progress.total ? ` of ${human(progress.total, progress.unit)}` : ''}
        {progress.rate ? ` · ${human(progress.rate, progress.unit)}/s` : ''}
      </div>
      <progress max={100} value={pct ?? undefined} aria-label={progress.phase} />
      {onCancel && progress.cancellable !== false && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
