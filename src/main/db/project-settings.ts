import { DEFAULT_SUPPRESSION_THRESHOLD, MIN_SUPPRESSION_THRESHOLD } from '@core/privacy';
import type { Db } from './open-project';


/** Smallest group a figure may describe; youth data is private by default (10), never below 5. */
export function suppressionThreshold(db: Db): number {
  const v = db.prepare("SELECT value FROM project_meta WHERE key = 'suppression_threshold'").pluck().get() as
    | string
    | undefined;
  const n = v === undefined ? DEFAULT_SUPPRESSION_THRESHOLD : Number(v);
  return Number.isInteger(n) && n >= MIN_SUPPRESSION_THRESHOLD ? n : DEFAULT_SUPPRESSION_THRESHOLD;
}
