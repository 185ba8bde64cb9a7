import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * Bundles a benchmark into .bench/ for plain `node` (vite-node is not installed): the same aliases and
 * import.meta.glob handling as the app's main bundle, better-sqlite3 and Node built-ins external.
 *   npx vite build --config bench/metrics.vite.config.ts   (BENCH_ENTRY=bench/x.bench.ts for another one)
 */
const root = resolve(import.meta.dirname, '..');
const entry = process.env.BENCH_ENTRY ?? 'bench/metrics.bench.ts';
export default defineConfig({
  root,
  logLevel: 'warn',
  resolve: {
    alias: { '@shared': resolve(root, 'src/shared'), '@core': resolve(root, 'src/core') },
  },
  build: {
    ssr: resolve(root, entry),
    outDir: resolve(root, '.bench'),
    emptyOutDir: false,
    target: 'node22',
    minify: false,
    rolldownOptions: {
      external: ['better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'esm', entryFileNames: '[name].mjs' },
    },
  },
});
