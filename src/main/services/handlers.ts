import type { MethodName, Output, ParsedInput } from '@shared/contract';
import { TrellisError } from '@shared/errors';
import { readSettings, updateSettings } from '../db/project-settings';
import { metricsHandlers } from '../metrics/handlers';
import { importTable, previewTable } from '../table/table-import';
import { readDimensions } from './dimensions';
import { countTableBy, listTables } from '../table/table-queries';
import type { CallContext } from './context';
import { exportHandlers } from './export-handlers';
import { createImportHandlers } from './import-handlers';
import { recentWithStatus } from './recent-projects';
import type { Session } from './session';

/** One handler per contract method; a missing one is a compile error. */
export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>, ctx: CallContext) => Promise<Output<M>> | Output<M>;
};

export function createHandlers(session: Session): Handlers {
  const handlers: Handlers = {
    'app.info': () => ({
      version: session.version,
      frontDoor: session.frontDoor,
      project: session.summary(),
    }),
    'project.recent': () => recentWithStatus(),
    'project.openRecent': ({ path }) => {
      const known = recentWithStatus().find((r) => r.path === path);
      if (!known) throw new TrellisError('not_found', 'That project is not in the recent list.');
      session.open(path);
      return session.summary()!;
    },
    'files.choose': async ({ purpose }) => {
      const paths = await session.nativeDialogs.chooseFiles(purpose);
      return {
        files: paths.map((path) => {
          const file = session.files.register(path);
          const { name, size } = session.files.resolve(file);
          return { file, name, size };
        }),
      };
    },
    'project.choose': async ({ mode }) => {
      const path = await session.nativeDialogs.chooseProject(mode);
      if (path === null) return null;
      session.open(path);
      return session.summary()!;
    },
    'files.describe': ({ file }) => {
      const { name, size } = session.files.resolve(file);
      return { name, size };
    },
    'table.preview': ({ file, rows }, ctx) => previewTable(session.files.resolve(file), rows, ctx),
    'table.import': ({ file }, ctx) => importTable(session.project.db, session.files.resolve(file), ctx),
    'table.list': () => listTables(session.project.db),
    'table.countBy': ({ importId, column }) => countTableBy(session.project.db, importId, column),
    'project.dimensions': () => readDimensions(session.project.db),
    'project.settings': () => readSettings(session.project.db),
    'project.updateSettings': (patch) => updateSettings(session.project.db, patch),
    ...metricsHandlers(session),
    ...exportHandlers(session, (query, ctx) => handlers['metrics.compute'](query, ctx)),
    ...createImportHandlers(session),
  };
  return handlers;
}
