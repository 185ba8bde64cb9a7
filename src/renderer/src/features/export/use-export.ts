import { useCallback, useRef, useState } from 'react';
import type { Progress } from '@shared/contract';
import type { ExportDelivery } from '@shared/export-contract';
import { finishDelivery } from './deliver';

/** Runs one export at a time: progress, cancel, the outcome sentence and warnings, or the error. */
export function useExportRun() {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [done, setDone] = useState<{ message: string; warnings: string[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(
    async (
      work: (opts: { onProgress: (p: Progress) => void; signal: AbortSignal }) => Promise<ExportDelivery>,
    ) => {
      abort.current = new AbortController();
      setBusy(true);
      setDone(null);
      setError(null);
      setProgress(null);
      try {
        const d = await work({ onProgress: setProgress, signal: abort.current.signal });
        const message = finishDelivery(d);
        setDone(d.cancelled ? null : { message, warnings: d.warnings });
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
        setProgress(null);
      }
    },
    [],
  );
  const cancel = useCallback(() => abort.current?.abort(), []);
  return { busy, progress, done, error, run, cancel, setError, setDone };
}
