import { expect, it } from 'vitest';
import { openProject } from '../../src/main/db/open-project';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
it('opens', () => {
  const d = mkdtempSync(join(tmpdir(), 't-'));
  const p = openProject(join(d, 'a.trellis'));
  expect(p.db.pragma('user_version', { simple: true })).toBe(1);
  expect(() => openProject(join(d, 'a.trellis'))).toThrow(/already open/);
  p.close();
  const q = openProject(join(d, 'a.trellis'));
  expect(q.db.pragma('synchronous', { simple: true })).toBe(2);
  q.close();
});
