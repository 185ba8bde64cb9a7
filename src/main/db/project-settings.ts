import { MIN_SUPPRESSION_THRESHOLD } from '@core/privacy';
import { DEFAULT_PROJECT_SETTINGS, ProjectSettings } from '@shared/metrics';
import { TrellisError } from '@shared/errors';
import type { Db } from './open-project';

const KEY = 'settings';

/** The project's settings, defaults filled in; a damaged value falls back to the defaults. */
export function readSettings(db: Db): ProjectSettings {
  const raw = db.prepare('SELECT value FROM project_meta WHERE key = ?').pluck().get(KEY) as
    string | undefined;
  if (raw === undefined) return { ...DEFAULT_PROJECT_SETTINGS };
  try {
    return ProjectSettings.parse({ ...DEFAULT_PROJECT_SETTINGS, ...JSON.parse(raw) });
  } catch {
    return { ...DEFAULT_PROJECT_SETTINGS };
  }
}

export function updateSettings(db: Db, patch: Partial<ProjectSettings>): ProjectSettings {
  if (patch.suppressionThreshold !== undefined && patch.suppressionThreshold < MIN_SUPPRESSION_THRESHOLD) {
    throw new TrellisError(
      'bad_input',
      `The suppression threshold cannot be below ${MIN_SUPPRESSION_THRESHOLD}.`,
    );
  }
  if (patch.dosageBandsHours && patch.dosageBandsHours.some((h, i, a) => i > 0 && h <= a[i - 1]!)) {
    throw new TrellisError('bad_input', 'Dosage band edges must rise, e.g. 10, 30, 60 hours.');
  }
  const next = ProjectSettings.parse({ ...readSettings(db), ...patch });
  db.prepare(
    'INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(KEY, JSON.stringify(next));
  return next;
}

/** Smallest group a figure may describe; youth data is private by default (10), never below 5. */
export const suppressionThreshold = (db: Db): number => readSettings(db).suppressionThreshold;
