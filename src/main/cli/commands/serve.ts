import { join } from 'node:path';
import { createDispatch } from '../../services/dispatch';
import { createHandlers } from '../../services/handlers';
import { Session } from '../../services/session';
import { readRecent, trellisHome } from '../../services/recent-projects';
import { startLoopbackServer } from '../../server/loopback-server';
import { rendererDir, resourcesDir } from '../app-paths';
import { prepareDemoProject } from '../../services/demo-project';
import type { CommandSpec } from '../commands';
import { UsageError } from '../io';
import { projectPath } from '../project-arg';

export const serveCommand: CommandSpec = {
  summary: 'Start browser mode: the app on 127.0.0.1, for any local browser.',
  usage: `Usage: trellis serve [--project PATH | --demo] [--port N] [--json]
  Opens PATH (created if missing), or the built-in demo partnership with --demo, or the most recent
  project. Prints the URL with a per-launch token; stop with Ctrl+C.`,
  options: {
    project: { type: 'string' },
    demo: { type: 'boolean' },
    port: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, io, version }) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port must be a number from 0 to 65535.');
    const session = new Session('browser', version);
    const explicit = projectPath(values, false);
    if (explicit) session.open(explicit);
    else if (values.demo) {
      const demo = join(trellisHome(), 'Demo partnership.trellis');
      await prepareDemoProject(demo, resourcesDir());
      session.open(demo, { isDemo: true });
    } else {
      const recent = readRecent()[0];
      session.open(recent?.path ?? join(trellisHome(), 'My partnership.trellis'));
    }
    const server = await startLoopbackServer({
      session,
      dispatch: createDispatch(createHandlers(session)),
      rendererDir: rendererDir(),
      port,
    });
    io.out(
      values.json
        ? JSON.stringify({ url: server.url, port: server.port, project: session.summary() })
        : `Trellis is running at ${server.url}\nProject: ${session.project.path}\nOnly this machine can reach it. Stop with Ctrl+C.`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    session.close();
  },
};
