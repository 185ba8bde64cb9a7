import { useState, type DragEvent, type ReactNode, type Ref } from 'react';

/** What the file pickers accept: the delimited text files Trellis reads. */
export const TEXT_FILE_TYPES = '.csv,.tsv,.txt,text/csv,text/tab-separated-values';

/**
 * A drop zone with a file picker: drop a file on it or choose one (and, in Electron, the native
 * Open dialog). The first file goes to `onFile`. A drop here is this zone's own: it does not reach
 * the window (where a drop opens the import wizard).
 */
export function FileDrop({
  children,
  onFile,
  onOpenDialog,
  testId,
  inputTestId,
  inputRef,
  primary = false,
}: {
  /** What to drop here, in a sentence ending "…here, or". */
  children: ReactNode;
  onFile(file: File): void;
  /** Electron only: the native Open dialog. */
  onOpenDialog?: () => void;
  testId: string;
  inputTestId: string;
  /** The hidden input, for a menu command that opens the picker. */
  inputRef?: Ref<HTMLInputElement>;
  primary?: boolean;
}) {
  const [dragging, setDragging] = useState(false);
  const stop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div
      className={`dropzone${dragging ? ' dragging' : ''}`}
      data-testid={testId}
      onDragOver={(e) => {
        stop(e);
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        stop(e);
        setDragging(false);
        const f = e.dataTransfer.files[0];
        if (f) onFile(f);
      }}
    >
      <p>{children}</p>
      <label className={`button${primary ? ' primary-label' : ''}`}>
        Choose a file…
        <input
          ref={inputRef}
          type="file"
          accept={TEXT_FILE_TYPES}
          data-testid={inputTestId}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) onFile(f);
            e.target.value = '';
          }}
        />
      </label>
      {onOpenDialog && (
        <button type="button" onClick={onOpenDialog}>
          Open dialog…
        </button>
      )}
    </div>
  );
}
