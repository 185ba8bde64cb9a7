import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openProject, type Project } from '../../src/main/db/open-project';
import { useTempDir } from './temp';

/** A fresh migrated project file in a temp directory per call, closed and removed after each test. */
export function useTempProject(): () => Project {
  const temp = useTempDir();
  const open: Project[] = [];
  // Registered after useTempDir's hook, so (hooks run as a stack) projects close before the dir goes.
  afterEach(() => {
    for (const p of open.splice(0)) p.close();
  });
  return () => {
    const p = openProject(join(temp(), 'model.trellis'));
    open.push(p);
    return p;
  };
}
