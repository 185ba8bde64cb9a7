import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable, sniffFile } from '../../../src/main/import/read';

const dir = mkdtempSync(join(tmpdir(), 'trellis-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeLargeFile(path: string, targetBytes: number): Promise<number> {
  const out = createWriteStream(path);
  const header = 'id,when,score,comment\r\n';
  out.write(header);
  let bytes = header.length;
  let rows = 0;
  while (bytes < targetBytes) {
    let block = '';
    for (let i = 0; i < 5000; i += 1) {
      rows += 1;
      block += `${rows},2026-01-0${(rows % 9) + 1} 10:00:00,${rows % 5},"note ${rows}, with a comma\nand a line break"\r\n`;
    }
    bytes += block.length;
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return rows;
}

describe('readTable streaming', () => {
  it('streams a 200 MB file with bounded memory', { timeout: 240_000 }, async () => {
    const path = join(dir, 'large.csv');
    const expectedRows = await writeLargeFile(path, 200 * 1024 * 1024);
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    let seen = 0;
    let lastProgress = { bytes: 0, rows: 0 };
    const result = await readTable(path, undefined, (rows, progress) => {
      seen += rows.length;
      lastProgress = progress;
      if (seen % 50_000 < rows.length) peak = Math.max(peak, process.memoryUsage().rss);
    });
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(result.ok).toBe(true);
    expect(result.rowCount).toBe(expectedRows);
    expect(seen).toBe(expectedRows);
    expect(lastProgress.rows).toBe(expectedRows);
    expect(lastProgress.bytes).toBeGreaterThan(200 * 1024 * 1024);
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('stops when aborted and says so', async () => {
    const path = join(dir, 'abort.csv');
    await writeLargeFile(path, 5 * 1024 * 1024);
    const controller = new AbortController();
    let batches = 0;
    const result = await readTable(
      path,
      undefined,
      () => {
        batches += 1;
        if (batches === 3) controller.abort();
      },
      controller.signal,
    );
    expect(result.aborted).toBe(true);
    expect(result.ok).toBe(false);
    expect(batches).toBe(3);
    expect(result.issues.map((i) => i.code)).toContain('read_aborted');
  });

  it('applies overrides and reports ragged rows with record numbers', async () => {
    const path = join(dir, 'ragged.csv');
    writeFileSync(path, 'Title line\na;b;c\n1;2;3\n4;5\n6;7;8;9\n');
    const rows: string[][] = [];
    const result = await readTable(path, { preambleRowCount: 1 }, (batch) => rows.push(...batch));
    expect(result.settings?.delimiter).toBe(';');
    expect(result.headerRows).toEqual([['a', 'b', 'c']]);
    expect(rows).toEqual([
      ['1', '2', '3'],
      ['4', '5'],
      ['6', '7', '8', '9'],
    ]);
    expect(result.issues.filter((i) => i.code === 'row_field_count_mismatch').map((i) => i.row)).toEqual([
      4, 5,
    ]);
  });

  it('drops Qualtrics preview rows by default and keeps them when asked', async () => {
    const path = join(dir, 'qualtrics.csv');
    writeFileSync(
      path,
      'Status,ResponseId,Q1\nResponse Type,Response ID,Q\n"{""ImportId"":""status""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}"\n0,R_1,2\n1,R_2,3\n4,R_3,4\n',
    );
    const kept: string[][] = [];
    const result = await readTable(path, undefined, (batch) => kept.push(...batch));
    expect(kept.map((r) => r[1])).toEqual(['R_1', 'R_3']);
    expect(result.droppedRows).toEqual([{ row: 5, reason: 'qualtrics_status', value: '1' }]);
    const all: string[][] = [];
    await readTable(path, { dropDefaultRows: false }, (batch) => all.push(...batch));
    expect(all).toHaveLength(3);
  });

  it.each([
    ['empty', '', 'file_empty'],
    ['header only', 'a,b,c\r\n', 'no_data_rows'],
    ['binary', '\u0000\u0001\u0002PNG\u0000\u0000', 'file_binary'],
  ])('refuses a %s file with a code', async (_name, content, code) => {
    const path = join(dir, `${code}.csv`);
    writeFileSync(path, content);
    const sniff = await sniffFile(path);
    expect(sniff).toMatchObject({ ok: false, issues: [{ code }] });
    const result = await readTable(path, undefined, () => undefined);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual([code]);
  });

  it('reports a missing file as data', async () => {
    const result = await sniffFile(join(dir, 'nope.csv'));
    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'read_failed', detail: { errno: 'ENOENT' } }],
    });
  });
});
