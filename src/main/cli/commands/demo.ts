import { ensureDemoProject } from '../../services/demo-project';
import { resourcesDir } from '../app-paths';
import type { CommandSpec } from '../commands';
import { projectPath } from '../project-arg';

export const demoCommand: CommandSpec = {
  summary: 'Build the demo partnership in a project, through the import pipeline.',
  usage: `Usage: trellis demo --project PATH [--json]
  Imports every file of resources/demo as its manifest describes. A project that already holds the
  demo is left as it is.`,
  options: { project: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, io }) {
    const path = projectPath(values)!;
    const { project, built, reports } = await ensureDemoProject(path, resourcesDir());
    project.close();
    if (values.json) {
      io.out(
        JSON.stringify({
          path,
          built,
          imports: reports.map((r) => ({
            importId: r.importId,
            fileName: r.fileName,
            kind: r.kind,
            rowsRead: r.rowsRead,
            rowsImported: r.rowsImported,
            rowsSkipped: r.rowsSkipped,
            rowsDropped: r.rowsDropped,
          })),
        }),
      );
      return;
    }
    if (!built) {
      io.out(`${path} already holds the demo partnership.`);
      return;
    }
    const lines = reports.map(
      (r) =>
        `  ${String(r.importId).padStart(3)}  ${r.kind.padEnd(13)} ${String(r.rowsImported).padStart(6)} rows${r.rowsSkipped ? `, ${r.rowsSkipped} skipped` : ''}  ${r.fileName}`,
    );
    io.out(`Built the demo partnership in ${path}:\n${lines.join('\n')}`);
  },
};
