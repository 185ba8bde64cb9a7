import type { MetricSection } from '@shared/metrics';
import { formatCell, type MetricTable } from './metric-tables';

/**
 * A metric table as a person reads it on a page: the columns that matter for the section, numbers
 * formatted, a 95% CI as one "[low, high]" cell, empty columns dropped. The file exports (CSV, XLSX)
 * keep every column; a Letter page has room for about ten.
 */

export interface DisplayTable {
  title: string;
  columns: { label: string; numeric: boolean }[];
  rows: { cells: string[]; suppressed: boolean }[];
  notes: string[];
}

/** Columns shown in the report, by label (group columns and Note are always kept). */
const REPORT_COLUMNS: Partial<Record<MetricSection, string[]>> = {
  dosage: [
    'Youth (n)',
    'Contact hours, total',
    'Contact hours, mean',
    'Contact hours, median',
    'Attendance rate, mean (%)',
    'Regular attendees (%)',
  ],
  prePost: [
    'Scale',
    'Matched (n)',
    'Mean pre',
    'Mean post',
    'Mean change',
    '95% CI low',
    '95% CI high',
    'p (paired t)',
    'p (Wilcoxon)',
    'Effect size',
    'Effect size name',
  ],
  prePostByDosage: [
    'Dosage band',
    'Scale',
    'Matched (n)',
    'Mean pre',
    'Mean post',
    'Mean change',
    '95% CI low',
    '95% CI high',
    'p (paired t)',
    'Effect size',
    'Effect size name',
  ],
  items: ['Scale', 'Item', 'Item text', 'Wave', 'n', 'Agree (%)'],
  contributions: [
    'Partner',
    'Partner type',
    'Mentor hours',
    'Sessions led',
    'Funding (USD)',
    'In kind (USD)',
    'Youth reached',
  ],
};

export function displayTable(t: MetricTable): DisplayTable {
  const wanted = REPORT_COLUMNS[t.section];
  const groupCount = t.groupColumns;
  let keep = t.columns
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => i < groupCount || c.label === 'Note' || !wanted || wanted.includes(c.label));

  const formatted = t.rows.map((row) => keep.map(({ c, i }) => formatCell(row[i], c.kind)));
  // Drop columns with nothing in them (e.g. Note when nothing is suppressed).
  const hasValue = keep.map((_, k) => formatted.some((r) => r[k] !== '–' && r[k] !== ''));
  keep = keep.filter((_, k) => hasValue[k]);
  let rows = formatted.map((r) => r.filter((_, k) => hasValue[k]));
  let columns = keep.map(({ c }) => ({ label: c.label, numeric: c.kind !== 'text' }));

  // "95% CI low" + "95% CI high" -> "95% CI" with "[low, high]".
  const lo = columns.findIndex((c) => /^95% CI low/.test(c.label));
  const hi = columns.findIndex((c) => /^95% CI high/.test(c.label));
  if (lo >= 0 && hi === lo + 1) {
    const unit = /\(%\)/.test(columns[lo]!.label) ? ' (%)' : '';
    columns = [...columns.slice(0, lo), { label: `95% CI${unit}`, numeric: true }, ...columns.slice(hi + 1)];
    rows = rows.map((r) => [
      ...r.slice(0, lo),
      r[lo] === '–' || r[hi] === '–' ? '–' : `[${r[lo]}, ${r[hi]}]`,
      ...r.slice(hi + 1),
    ]);
  }
  // "Effect size" + "Effect size name" -> "0.67 (g_av)": a number never travels without its name.
  const es = columns.findIndex((c) => c.label === 'Effect size');
  const esName = columns.findIndex((c) => c.label === 'Effect size name');
  if (es >= 0 && esName === es + 1) {
    columns = [...columns.slice(0, esName), ...columns.slice(esName + 1)];
    rows = rows.map((r) => [
      ...r.slice(0, es),
      r[es] === '–' ? '–' : `${r[es]} (${r[esName]})`,
      ...r.slice(esName + 1),
    ]);
  }
  const suppressed = new Set(t.suppressedRows);
  return {
    title: t.title,
    columns,
    rows: rows.map((cells, i) => ({ cells, suppressed: suppressed.has(i) })),
    notes: t.notes,
  };
}
