import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The built renderer: beside the bundle when built (out/main -> out/renderer), or the repo's out/
 * when the CLI runs from source (tests).
 */
export function rendererDir(): string {
  const candidates = [
    join(import.meta.dirname, '..', 'renderer'),
    resolve(import.meta.dirname, '..', '..', '..', 'out', 'renderer'),
    resolve(process.cwd(), 'out', 'renderer'),
  ];
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? candidates[0]!;
}

/** resources/ (the demo partnership's files), beside the bundle or in the repo. */
export function resourcesDir(): string {
  const candidates = [
    process.env.TRELLIS_RESOURCES,
    join(import.meta.dirname, '..', '..', 'resources'),
    resolve(import.meta.dirname, '..', '..', '..', 'resources'),
    resolve(process.cwd(), 'resources'),
  ].filter((c): c is string => !!c);
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}
