import { open } from 'node:fs/promises';
import { makeIssue, SNIFF_BYTES, sniffSample, type ReadSettings, type SniffResult } from '../../../core/csv';

/** Larger samples, tried in turn when the first one holds no complete data row (very wide headers). */
const SAMPLE_SIZES = [SNIFF_BYTES, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024] as const;

export type SniffFileResult = SniffResult & { fileSize?: number; sampleBytes?: number };

async function readHead(path: string, size: number): Promise<{ bytes: Uint8Array; fileSize: number }> {
  const handle = await open(path, 'r');
  try {
    const { size: fileSize } = await handle.stat();
    const buffer = new Uint8Array(Math.min(size, fileSize));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { bytes: buffer.subarray(0, filled), fileSize };
  } finally {
    await handle.close();
  }
}

/**
 * Reads only the start of a file (64 KB, more only if that holds no complete data row) and detects
 * encoding, dialect, platform and columns, with a preview of the first data rows.
 */
export async function sniffFile(
  path: string,
  overrides: Partial<ReadSettings> = {},
): Promise<SniffFileResult> {
  let last: SniffFileResult | undefined;
  for (const size of SAMPLE_SIZES) {
    let head: { bytes: Uint8Array; fileSize: number };
    try {
      head = await readHead(path, size);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown'; // fs errors carry an errno code
      return { ok: false, issues: [makeIssue('read_failed', { detail: { errno: code } })] };
    }
    const isWholeFile = head.bytes.length >= head.fileSize;
    const result = sniffSample(head.bytes, isWholeFile, overrides);
    last = { ...result, fileSize: head.fileSize, sampleBytes: head.bytes.length };
    // A sample that ends inside the header (a very wide or very long header) reads as "empty" or
    // "no data rows": only a refusal about the whole file is final.
    const sampleTooShort =
      !result.ok &&
      !isWholeFile &&
      result.issues.every(
        (i) => i.code === 'file_empty' || i.code === 'no_data_rows' || i.severity !== 'error',
      );
    if (sampleTooShort) continue;
    if (!result.ok || isWholeFile || result.sampleDataRowCount > 0) return last;
  }
  return last ?? { ok: false, issues: [makeIssue('read_failed')] };
}
