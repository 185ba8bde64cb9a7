import type { Progress } from '@shared/contract';

const fmt = new Intl.NumberFormat('en-US');

const amount = (n: number, unit: Progress['unit']) =>
  unit === 'bytes' ? `${(n / 1e6).toFixed(1)} MB` : `${fmt.format(Math.round(n))} ${unit}`;

/**
 * Rows, percent and rate of a progress event in words. import.run counts rows (its total is unknown
 * until the end) and puts the share of bytes read in its message as "(NN%)"; reading counts bytes.
 */
export function progressFigures(p: Progress): { percent: number | null; text: string } {
  let percent: number | null = null;
  if (p.total) percent = Math.min(100, Math.round((100 * p.done) / p.total));
  else {
    const m = /\((\d+(?:\.\d+)?)%\)/.exec(p.message ?? '');
    if (m) percent = Math.min(100, Math.round(Number(m[1])));
  }
  const parts = [
    p.total ? `${amount(p.done, p.unit)} of ${amount(p.total, p.unit)}` : amount(p.done, p.unit),
  ];
  if (percent !== null) parts.push(`${percent}%`);
  if (p.rate) parts.push(`${amount(p.rate, p.unit)}/s`);
  if (p.done === 0 && p.message && percent === null) return { percent, text: p.message };
  return { percent, text: parts.join(' · ') };
}
