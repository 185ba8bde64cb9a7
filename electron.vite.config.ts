import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { METHOD_NAMES } from './src/shared/contract';

const alias = {
  '@shared': resolve(import.meta.dirname, 'src/shared'),
  '@core': resolve(import.meta.dirname, 'src/core'),
};

// One Node bundle holds every front door of the core: the Electron shell (index), the CLI (cli,
// which also runs the loopback browser mode) and the import worker thread. Dependencies stay
// external (better-sqlite3 must load its own prebuilt binary at run time).
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/electron/main.ts'),
          cli: resolve(import.meta.dirname, 'src/main/cli/main.ts'),
          'import-worker': resolve(import.meta.dirname, 'src/main/import/worker/import-worker.ts'),
        },
      },
    },
  },
  preload: {
    // The preload's allowlist is the contract's method names, written in at build time: a sandboxed
    // preload can require nothing but 'electron', and bundling zod to read them would cost ~170 kB.
    define: { __TRELLIS_METHOD_NAMES__: JSON.stringify(METHOD_NAMES) },
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // Sandboxed preloads cannot be ES modules: emit CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    resolve: { alias },
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rolldownOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
    },
  },
});
