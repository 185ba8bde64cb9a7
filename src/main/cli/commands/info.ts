import { openProject } from '../../db/open-project';
import type { CommandSpec } from '../commands';
import { projectPath } from '../project-arg';

export const infoCommand: CommandSpec = {
  summary: 'Show a project file: schema version and what it holds.',
  usage: 'Usage: trellis info --project PATH [--json]',
  options: { project: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, io }) {
    const path = projectPath(values)!;
    const project = openProject(path);
    try {
      const db = project.db;
      const info = {
        path,
        schemaVersion: db.pragma('user_version', { simple: true }) as number,
        imports: db.prepare('SELECT count(*) FROM imports').pluck().get() as number,
      };
      io.out(
        values.json
          ? JSON.stringify(info)
          : `${info.path}\n  schema version ${info.schemaVersion}\n  imports ${info.imports}`,
      );
    } finally {
      project.close();
    }
  },
};
