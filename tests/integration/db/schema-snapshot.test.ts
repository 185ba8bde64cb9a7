import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSchema, SCHEMA_FILE } from '../../../scripts/dump-schema';
import { useTempProject } from '../../helpers/temp-project';

describe('schema snapshot', () => {
  const project = useTempProject();

  it(`a freshly migrated project matches ${SCHEMA_FILE}`, () => {
    const { db } = project();
    const committed = readFileSync(resolve(import.meta.dirname, '../../..', SCHEMA_FILE), 'utf8');
    const actual = formatSchema(db);
    if (actual !== committed) {
      expect.fail(
        `The migrated schema differs from ${SCHEMA_FILE}. If the change is intended, regenerate it with\n` +
          `  node scripts/dump-schema.ts   (or: npx vite-node scripts/dump-schema.ts)\n` +
          `and commit the diff. First difference near:\n${firstDifference(committed, actual)}`,
      );
    }
  });
});

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  const i = al.findIndex((line, n) => line !== bl[n]);
  const at = i === -1 ? al.length : i;
  return `line ${at + 1}\n  committed: ${al[at] ?? '(end)'}\n  migrated:  ${bl[at] ?? '(end)'}`;
}
