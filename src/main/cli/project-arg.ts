import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TrellisError } from '@shared/errors';
import { prepareDemoProject } from '../services/demo-project';
import { trellisHome } from '../services/recent-projects';
import { resourcesDir } from './app-paths';
import { UsageError } from './io';
import type { OptionValues } from './commands';

export function projectPath(values: OptionValues, required = true): string | undefined {
  const p = values.project;
  if (typeof p === 'string' && p.length > 0) return resolve(p.endsWith('.trellis') ? p : `${p}.trellis`);
  if (required) throw new UsageError('--project PATH is required.');
  return undefined;
}

/**
 * The project a command that reads figures (metrics, export, report) works on. It must exist: opening
 * a path that is not there would create an empty project and print empty figures as if they were the
 * answer. `--project demo`, when there is no demo.trellis here, is the built-in demo partnership (the
 * one `trellis serve --demo` opens, built on first use).
 */
export async function existingProjectPath(values: OptionValues, command: string): Promise<string> {
  const path = projectPath(values)!;
  if (existsSync(path)) return path;
  if (values.project === 'demo') {
    const demo = join(trellisHome(), 'Demo partnership.trellis');
    await prepareDemoProject(demo, resourcesDir());
    return demo;
  }
  throw new TrellisError(
    'not_found',
    `There is no project at ${path}. trellis ${command} reads an existing project: import files into it first (trellis import FILE --project ${path}), build the demo partnership there (trellis demo --project ${path}), or use --project demo for the built-in demo.`,
  );
}
