/**
 * How the rest of the app asks the Data page's import wizard to start: the Electron menu's "Import…"
 * (open the chooser) or a file dropped anywhere on the window. The request waits until the wizard
 * is mounted to take it.
 */
export type ImportIntent = { kind: 'choose' } | { kind: 'file'; file: File };

let pending: ImportIntent | null = null;
const listeners = new Set<(i: ImportIntent) => void>();

export function requestImport(intent: ImportIntent): void {
  if (listeners.size === 0) {
    pending = intent;
    return;
  }
  for (const l of listeners) l(intent);
}

/** The wizard listens; a request made before it mounted is delivered at once. */
export function onImportIntent(listener: (i: ImportIntent) => void): () => void {
  listeners.add(listener);
  if (pending) {
    const p = pending;
    pending = null;
    listener(p);
  }
  return () => listeners.delete(listener);
}
