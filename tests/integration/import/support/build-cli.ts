import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../../../..');

/**
 * Builds the CLI and the import worker from the sources into a temp directory, as electron-vite builds
 * out/main (aliases, migrations as text, dependencies external), so tests can run the real thing in
 * child processes and worker threads without depending on a previous `npm run build`.
 */
export async function buildCli(): Promise<{ cli: string; worker: string; dir: string }> {
  // Inside the repository, so the bundle's external packages (better-sqlite3) resolve from node_modules.
  mkdirSync(join(root, 'out'), { recursive: true });
  const dir = mkdtempSync(join(root, 'out', 'test-cli-'));
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { '@shared': join(root, 'src/shared'), '@core': join(root, 'src/core') } },
    build: {
      ssr: true,
      target: 'node22',
      outDir: dir,
      emptyOutDir: false,
      rolldownOptions: {
        input: {
          cli: join(root, 'src/main/cli/main.ts'),
          'import-worker': join(root, 'src/main/import/worker/import-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  });
  return { cli: join(dir, 'cli.js'), worker: join(dir, 'import-worker.js'), dir };
}
