import type { Db } from '../../src/main/db/open-project';

/** The stored metrics layers' keys, without the suffix layers.ts adds for how it packs typed arrays. */
export const storedLayerKeys = (db: Db): string[] =>
  (db.prepare('SELECT key FROM metrics_layers ORDER BY key').pluck().all() as string[]).map((k) =>
    k.replace(/\|packed\d+$/, ''),
  );
