import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, matchesGlob, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

/** The `files:` globs of electron-builder.yml that include (no leading !). */
function packedGlobs(): string[] {
  const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  const block = /^files:\n((?:[ \t]+(?:-.*|#.*)\n)+)/m.exec(yml)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => /^\s+-\s+'?([^'#\s]+)'?/.exec(l)?.[1])
    .filter((p): p is string => p !== undefined && !p.startsWith('!'));
}

describe('the packaged app can start the import worker', () => {
  let built: { worker: string; dir: string } | undefined;
  afterAll(() => {
    if (built) rmSync(built.dir, { recursive: true, force: true });
  });

  it('packs the worker, the chunks it loads and the packages it imports; only the native module is unpacked', async () => {
    built = await buildCli();
    const unpack = asarUnpack();
    const unpacked = (path: string) => unpack.some((p) => matchesGlob(path, p));
    const packed = (path: string) => packedGlobs().some((p) => matchesGlob(path, p));
    const { files, packages } = workerGraph(built.worker);
    expect(files.length).toBeGreaterThan(1); // the entry and at least one shared chunk
    // The app's bundle is out/main, laid out as this build (entry + chunks/): in the archive, under
    // its integrity check, not unpacked beside it (Electron starts workers from inside app.asar).
    for (const file of files) {
      const inApp = `out/main/${relative(built.dir, file)}`;
      expect(packed(inApp), inApp).toBe(true);
      expect(unpacked(inApp), inApp).toBe(false);
    }
    // Every package the worker imports ships with the app: a run-time dependency, not a dev one.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect([...packages]).toEqual(expect.arrayContaining(['better-sqlite3', 'papaparse']));
    for (const name of packages) expect(Object.keys(pkg.dependencies), name).toContain(name);
    for (const name of withDependencies(packages))
      if (name !== 'better-sqlite3' && name !== 'bindings' && name !== 'file-uri-to-path')
        expect(unpacked(`node_modules/${name}/package.json`), `node_modules/${name}`).toBe(false);
    // The native module cannot load from inside an archive.
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(unpacked('out/main/index.js')).toBe(false);
    expect(unpacked('out/renderer/index.html')).toBe(false);
  }, 120_000);
});
