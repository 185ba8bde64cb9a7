import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/main/export/write-file';
import { useTempDir } from '../../helpers/temp';

describe('writeFileAtomic', () => {
  const temp = useTempDir();

  it('replaces the file whole and leaves no temporary file behind', async () => {
    const dir = temp();
    const path = join(dir, 'Cañon City report.pdf');
    writeFileSync(path, 'old');
    await writeFileAtomic(path, new Uint8Array([37, 80, 68, 70]));
    expect(readFileSync(path, 'latin1')).toBe('%PDF');
    expect(readdirSync(dir)).toEqual(['Cañon City report.pdf']);
  });

  it('fails without touching the target when the directory is missing', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'x'));
    await expect(writeFileAtomic(join(dir, 'nope', 'a.csv'), 'a')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual(['x']);
  });
});
