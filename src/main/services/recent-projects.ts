import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';

const RecentList = z.array(z.object({ name: z.string(), path: z.string(), openedAt: z.string() }));
type RecentList = z.infer<typeof RecentList>;

/** Where Trellis keeps its own small state (recent projects); TRELLIS_HOME overrides it (tests). */
export function trellisHome(): string {
  const dir =
    process.env.TRELLIS_HOME ??
    (process.platform === 'win32'
      ? join(process.env.APPDATA ?? homedir(), 'Trellis')
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support', 'Trellis')
        : join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'trellis'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

const MAX = 10;

export function readRecent(): RecentList {
  const file = join(trellisHome(), 'recent.json');
  if (!existsSync(file)) return [];
  try {
    return RecentList.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return []; // a damaged list is not worth an error: it is rebuilt as projects are opened
  }
}

export function rememberRecent(path: string): void {
  const list = [{ name: basename(path).replace(/\.trellis$/, ''), path, openedAt: new Date().toISOString() }]
    .concat(readRecent().filter((r) => r.path !== path))
    .slice(0, MAX);
  const file = join(trellisHome(), 'recent.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(list, null, 2));
  renameSync(`${file}.tmp`, file); // atomic replace
}

export const recentWithStatus = () => readRecent().map((r) => ({ ...r, exists: existsSync(r.path) }));
