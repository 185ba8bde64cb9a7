import { join } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { openProject } from '../../../src/main/db/open-project';
import { persisted } from '../../../src/main/metrics/layers';
import { useTempDir } from '../../helpers/temp';

/**
 * The store of base layers (src/main/metrics/layers.ts) packs typed arrays to read less from the
 * project file: what a later process reads back must be exactly what was built, value for value and
 * of the same array types, whatever the numbers are.
 */
const N = 5000;
function layer() {
  const ids = new Int32Array(N).map((_, i) => (i % 7 === 0 ? -1 : 40_000 + ((i * 37) % 10_000)));
  // Answers on a 1-5 scale with missing codes, as the survey layer holds them.
  const answers = new Float64Array(N).map((_, i) => (i % 11 === 0 ? NaN : i % 13 === 0 ? -1e9 : 1 + (i % 5)));
  const minutes = new Float64Array(N).map((_, i) => 30 + (i % 90) * 15);
  const fractions = new Float64Array(N).map((_, i) => i / 7); // no packing fits: stored as it is
  const signedZero = new Float64Array(N).map((_, i) => (i === 3 ? -0 : i % 2)); // -0 must survive
  const wide = new Int32Array(N).map((_, i) => i * 1000); // range too wide and too many values
  const floats = new Float32Array(N).map((_, i) => [0.5, 1.25, NaN][i % 3]!);
  const small = new Uint8Array(N).map((_, i) => i % 3);
  const short = new Float64Array([1, 2, 3]);
  return {
    ids,
    nested: { answers, list: [minutes, { fractions }], labels: ['a', 'b'] },
    signedZero,
    wide,
    floats,
    small,
    short,
    count: 7,
  };
}
type Layer = ReturnType<typeof layer>;

const sameArray = (a: ArrayBufferView & ArrayLike<number>, b: ArrayBufferView & ArrayLike<number>) =>
  a.constructor === b.constructor &&
  a.length === b.length &&
  Array.from(a).every((v, i) => Object.is(v, b[i]));

describe('the stored base layers', () => {
  const temp = useTempDir();

  it('give a new process the same typed arrays, value for value, from a smaller blob', () => {
    const path = join(temp(), 'store.trellis');
    let project = openProject(path);
    // A blob stored under the bare key by a Trellis from before packing goes when the packed one is written.
    project.db.prepare("INSERT INTO metrics_layers (key, data) VALUES ('test-layer:v1', x'00')").run();
    const built = layer();
    const first = persisted<Layer, Layer>(
      project.db,
      'test-layer:v1',
      () => built,
      (v) => v,
      (v) => v,
    );
    expect(first).toBe(built);
    const blobs = project.db.prepare('SELECT key, length(data) AS size FROM metrics_layers').all() as {
      key: string;
      size: number;
    }[];
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.key.startsWith('test-layer:v1')).toBe(true);
    // ids, answers and minutes pack to 1-2 bytes per value instead of 4-8.
    expect(blobs[0]!.size).toBeLessThan(serialize(built).length * 0.75);
    project.close();

    project = openProject(path);
    const read = persisted<Layer, Layer>(
      project.db,
      'test-layer:v1',
      () => {
        throw new Error('the stored layer should have been read');
      },
      (v) => v,
      (v) => v,
    );
    project.close();
    expect(read).not.toBe(built);
    const pairs: [ArrayBufferView & ArrayLike<number>, ArrayBufferView & ArrayLike<number>][] = [
      [read.ids, built.ids],
      [read.nested.answers, built.nested.answers],
      [read.nested.list[0] as Float64Array, built.nested.list[0] as Float64Array],
      [
        (read.nested.list[1] as { fractions: Float64Array }).fractions,
        (built.nested.list[1] as { fractions: Float64Array }).fractions,
      ],
      [read.signedZero, built.signedZero],
      [read.wide, built.wide],
      [read.floats, built.floats],
      [read.small, built.small],
      [read.short, built.short],
    ];
    for (const [a, b] of pairs) expect(sameArray(a, b)).toBe(true);
    expect(Object.is(read.signedZero[3], -0)).toBe(true);
    expect(read.nested.labels).toEqual(['a', 'b']);
    expect(read.count).toBe(7);
  });
});
