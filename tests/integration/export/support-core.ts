import { join } from 'node:path';
import { expect } from 'vitest';
import type { ExportDelivery } from '../../../src/shared/export-contract';
import type { Result } from '../../../src/shared/errors';
import { createDispatch } from '../../../src/main/services/dispatch';
import { exportHandlers } from '../../../src/main/services/export-handlers';
import { createHandlers } from '../../../src/main/services/handlers';
import { Session } from '../../../src/main/services/session';
import type { NativeDialogs } from '../../../src/main/services/native';
import { seedSmallPartnership } from '../../helpers/model-seed';
import { sampleMetrics, STUB_CATALOGUE } from './catalogue-stub';

/**
 * The real session, dispatcher and export handlers on a real project file (the small seeded
 * partnership, so the methods section has real imports and a real codebook), with the stub catalogue
 * and metrics standing in for the dashboards' and the metrics engine's.
 */
export function exportCore(
  dir: string,
  frontDoor: 'browser' | 'electron' = 'browser',
  native?: NativeDialogs,
) {
  const session = new Session(frontDoor, '0.0.0-test', native ?? null);
  session.open(join(dir, 'report.trellis'));
  seedSmallPartnership(session.project.db);
  const handlers = {
    ...createHandlers(session),
    ...exportHandlers(session, (q) => sampleMetrics(q), { catalogue: STUB_CATALOGUE }),
  };
  const dispatch = createDispatch(handlers, (e) => console.error(e));
  return { session, dispatch };
}

/** The delivery of a successful export, failing the test with the error otherwise. */
export function delivered(r: Result<unknown>): ExportDelivery {
  if (!r.ok) expect.fail(`export failed: ${r.error.code}: ${r.error.message}`);
  return r.value as ExportDelivery;
}

/** Fetch a browser-mode download the way the loopback route does (one shot). */
export function download(session: Session, d: ExportDelivery): Buffer {
  expect(d.downloadUrl).toMatch(/^\/api\/download\/[A-Za-z0-9_-]{20,}$/);
  const file = session.downloads.take(d.downloadUrl!.split('/').pop()!);
  expect(file, 'the download is waiting').not.toBeNull();
  return file!.data;
}
