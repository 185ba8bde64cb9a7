import { TrellisError } from '@shared/errors';
import type { MetricsResult } from '@shared/metrics';

/** Count fields that describe youth, per section, checked on every row that is not suppressed. */
const YOUTH_COUNTS: Partial<Record<keyof MetricsResult, readonly string[]>> = {
  reach: ['n', 'youthServed', 'youthEnrolled'],
  dosage: ['n', 'regularAttendees'],
  dosageBands: ['n'],
  retention: ['n', 'nBase', 'nRetained'],
  scales: ['n'],
  reliability: ['n', 'nComplete'],
  items: ['n'],
  prePost: ['n', 'nMatched'],
  prePostByDosage: ['n', 'nMatched'],
  matchReport: ['n', 'nPre', 'nPost', 'matched', 'onlyPre', 'onlyPost', 'duplicates'],
  partnerHealth: ['n'],
  contributions: ['youthReached'],
  goals: ['n'],
};

/**
 * The last check before a result leaves the metrics engine: no count of people below the threshold
 * (other than 0) on any row, visible or not. A failure here is a bug in a section, so it stops the
 * call rather than let the figure out.
 */
export function assertNothingSmall(result: MetricsResult): void {
  const t = result.threshold;
  const small = (v: unknown) => typeof v === 'number' && v > 0 && v < t;
  for (const [section, fields] of Object.entries(YOUTH_COUNTS)) {
    const rows = result[section as keyof MetricsResult] as unknown as Record<string, unknown>[]; // every listed key is a row array
    for (const row of rows) {
      for (const f of fields) {
        if (small(row[f])) {
          throw new TrellisError(
            'internal',
            `metrics: ${section}.${f} = ${String(row[f])} is below the threshold ${t} and was not suppressed.`,
          );
        }
      }
      if (section === 'items') {
        for (const list of [row.categories, row.missing] as { count: unknown }[][]) {
          for (const c of list)
            if (small(c.count))
              throw new TrellisError('internal', `metrics: an item count below ${t} was not suppressed.`);
        }
      }
    }
  }
}
