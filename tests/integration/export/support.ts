import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { buildCountByChart } from '../../../src/core/charts/count-by-chart';
import type { FigureCaption } from '../../../src/core/export/caption';

/** Labels that broke other tools' PDFs (jamovi #1334): non-ASCII, an ampersand, angle brackets. */
export const SITE_LABELS = ['Cañon City Library', 'Zoë', 'Florence & Penrose <pilot>'] as const;

export function siteChart(): TopLevelSpec {
  return buildCountByChart({
    column: 'site',
    threshold: 10,
    groups: [
      { value: SITE_LABELS[0], count: 34, suppressed: false },
      { value: SITE_LABELS[1], count: 21, suppressed: false },
      { value: SITE_LABELS[2], count: null, suppressed: true },
    ],
  });
}

export const SITE_CAPTION: FigureCaption = {
  shows: 'Youth reached per site in the 2025-26 school year.',
  n: '55 youth',
  statistic: 'count of distinct youth',
  suppression: 'Sites with fewer than 10 youth are suppressed.',
};

/** Exports are also kept under test-results/export/ so a person can open and look at them. */
export function keep(name: string, data: string | Uint8Array): string {
  const dir = join(import.meta.dirname, '../../../test-results/export');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** Run a poppler tool; its absence fails the test with the install command, never a silent pass. */
export function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts' | 'pdftoppm', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `${tool} is not installed; the PDF export tests need poppler-utils: sudo apt-get install -y poppler-utils`,
        {
          cause: e,
        },
      );
    }
    throw e;
  }
}

/** Width and height of a PDF's first page in points. */
export function pdfPageSize(pdfPath: string): { width: number; height: number; pages: number } {
  const info = poppler('pdfinfo', [pdfPath]);
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  if (!m) throw new Error(`pdfinfo gave no page size:\n${info}`);
  return { width: Number(m[1]), height: Number(m[2]), pages };
}
