import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temp directory per test, removed afterwards. Also points TRELLIS_HOME there. */
export function useTempDir(): () => string {
  let dir = '';
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-test-'));
    dirs.push(dir);
    process.env.TRELLIS_HOME = join(dir, 'home');
    return dir;
  };
}
