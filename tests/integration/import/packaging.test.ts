import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, matchesGlob, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unpackedPath } from '../../../src/main/import/host';
import { buildCli } from './support/build-cli';

const root = resolve(import.meta.dirname, '../../..');

/** The asarUnpack patterns of electron-builder.yml (a plain list under the key). */
function asarUnpack(): string[] {
  const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  const block = /^asarUnpack:\n((?:[ \t]+(?:-.*|#.*)\n)+)/m.exec(yml)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => /^\s+-\s+'?([^'#\s]+)'?/.exec(l)?.[1])
    .filter((p): p is string => p !== undefined);
}

/** Every file the worker loads (following relative imports) and every package it imports by name. */
function workerGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (files.includes(file)) continue;
    files.push(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)["']([^"']+)["']/g)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
      else if (!spec.startsWith('node:') && !builtinModules.includes(spec))
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return { files, packages };
}

/** A package and, recursively, the packages it depends on at run time. */
function withDependencies(names: Iterable<string>): Set<string> {
  const all = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (all.has(name)) continue;
    all.add(name);
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    queue.push(...Object.keys(pkg.dependencies ?? {}));
  }
  return all;
}

describe('the packaged app can start the import worker', () => {
  let built: { worker: string; dir: string } | undefined;
  afterAll(() => {
    if (built) rmSync(built.dir, { recursive: true, force: true });
  });

  it('electron-builder unpacks the built worker, the chunks it loads and every package it imports', async () => {
    built = await buildCli();
    const patterns = asarUnpack();
    const unpacked = (path: string) => patterns.some((p) => matchesGlob(path, p));
    const { files, packages } = workerGraph(built.worker);
    expect(files.length).toBeGreaterThan(1); // the entry and at least one shared chunk
    // The app's bundle is out/main, laid out as this build (entry + chunks/).
    for (const file of files) expect(unpacked(`out/main/${relative(built.dir, file)}`), file).toBe(true);
    expect([...packages]).toEqual(expect.arrayContaining(['better-sqlite3', 'papaparse']));
    for (const name of withDependencies(packages))
      expect(unpacked(`node_modules/${name}/package.json`), `node_modules/${name}`).toBe(true);
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    // Nothing else of the app is unpacked: the renderer and the Electron entry stay in the archive.
    expect(unpacked('out/main/index.js')).toBe(false);
    expect(unpacked('out/renderer/index.html')).toBe(false);
  }, 120_000);

  it('the host starts the unpacked copy of a worker found inside app.asar', () => {
    expect(unpackedPath('/opt/Trellis/resources/app.asar/out/main/import-worker.js')).toBe(
      '/opt/Trellis/resources/app.asar.unpacked/out/main/import-worker.js',
    );
    expect(unpackedPath('C:\\Trellis\\resources\\app.asar\\out\\main\\import-worker.js')).toBe(
      'C:\\Trellis\\resources\\app.asar.unpacked\\out\\main\\import-worker.js',
    );
    expect(unpackedPath('/work/trellis/out/main/import-worker.js')).toBe(
      '/work/trellis/out/main/import-worker.js',
    );
  });
});
