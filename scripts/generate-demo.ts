/**
 * Generates the built-in demo partnership's source files into resources/demo/: the files a real
 * evaluator would have (rosters, partner lists, session and attendance logs, Qualtrics and Google
 * Forms survey exports) plus manifest.json, which tells the importer how to map each one.
 *
 *   node scripts/generate-demo.ts          (Node >= 22.18 strips the types itself)
 *   npx vite-node scripts/generate-demo.ts
 *
 * Deterministic: one committed seed, a seeded PRNG, no clock. Running it twice gives the same bytes
 * (tests/integration/db/demo-files.test.ts checks that against the committed files).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildManifest } from './demo/manifest.ts';
import { createRng } from './demo/prng.ts';
import { buildSurveys } from './demo/surveys.ts';
import { buildTables } from './demo/tables.ts';
import { buildWorld } from './demo/world.ts';

export const DEMO_SEED = 20220801;
export const DEMO_DIR = resolve(import.meta.dirname, '../resources/demo');

/** Every demo file, by name, as the exact text to write (UTF-8). */
export function generateDemo(seed = DEMO_SEED): Map<string, string> {
  const rng = createRng(seed);
  // 1. The partnership: people, programs, sessions and who attended.
  const world = buildWorld(rng.fork('world'));
  // 2. Spreadsheets, 3. survey exports, 4. the manifest that describes them.
  const tables = buildTables(rng.fork('tables'), world);
  const surveys = buildSurveys(rng.fork('surveys'), world);
  const manifest = buildManifest(seed, tables, surveys);
  const files = new Map<string, string>();
  for (const f of [...tables, ...surveys]) files.set(f.path, f.text);
  files.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}

/** Writes the files into dir, removing generated files (csv, json) that are no longer produced. */
export function writeDemo(dir: string, seed = DEMO_SEED): string[] {
  const files = generateDemo(seed);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (/\.(csv|json)$/.test(name) && !files.has(name)) rmSync(join(dir, name));
  }
  for (const [name, text] of files) writeFileSync(join(dir, name), text, 'utf8');
  return [...files.keys()];
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const names = writeDemo(DEMO_DIR);
  console.log(`wrote ${names.length} files to ${DEMO_DIR}`);
}
