import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');

// The benchmarks, bundled like the app's main process (aliases, SQL migrations as text) and run with
// plain node: `npm run bench:import`. The import worker is built beside them, as in out/main.
export default defineConfig({
  root,
  resolve: {
    alias: { '@shared': resolve(root, 'src/shared'), '@core': resolve(root, 'src/core') },
  },
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node22',
    outDir: resolve(root, 'out/bench'),
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        'import.bench': resolve(root, 'bench/import.bench.ts'),
        'import-worker': resolve(root, 'src/main/import/worker/import-worker.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
