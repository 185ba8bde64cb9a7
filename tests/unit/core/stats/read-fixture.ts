import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_DIR = join(import.meta.dirname, '../../../fixtures/stats');

/** The committed fixture CSVs are plain: a header, an id column, numbers or empty cells, no quoting. */
export function readNumericCsv(rel: string): {
  ids: string[];
  columns: Record<string, (number | null)[]>;
  names: string[];
} {
  const lines = readFileSync(join(FIXTURE_DIR, rel), 'utf8').trim().split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const names = header.slice(1);
  const columns: Record<string, (number | null)[]> = Object.fromEntries(names.map((n) => [n, []]));
  const ids: string[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    ids.push(cells[0] ?? '');
    names.forEach((name, j) => {
      const cell = cells[j + 1] ?? '';
      columns[name]?.push(cell === '' ? null : Number(cell));
    });
  }
  return { ids, columns, names };
}

export function readMatrix(rel: string): (number | null)[][] {
  const { ids, columns, names } = readNumericCsv(rel);
  return ids.map((_, i) => names.map((n) => columns[n]?.[i] ?? null));
}

export function readReference<T>(): T {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, 'reference.json'), 'utf8')) as T; // shape written by make-reference.py
}
