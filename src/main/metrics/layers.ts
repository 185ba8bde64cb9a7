import { deserialize, serialize } from 'node:v8';
import type { Db } from '../db/open-project';

/**
 * Base layers kept in the project file (table metrics_layers, migration 0005): built once from the big
 * tables, then read back as one blob by any later process. The migration's triggers empty the table
 * whenever attendance, sessions or responses change, so a stored layer is always the one the current
 * data gives; a key names the layer, its format version and any other input it depends on.
 *
 * A blob is the v8 serialisation of the encoded layer with its typed arrays packed (packLayer): reading
 * a blob costs about its size (SQLite walks a chain of 4 KB overflow pages, then v8 copies it out), and
 * the layers' arrays hold small ranges or few distinct values (ids, minutes, answers on a 1-5 scale
 * with a few missing codes), so packed they are a quarter of the size or less, and unpacking is one
 * pass per array. Packed blobs are stored under the layer's key plus PACKED_SUFFIX, so a Trellis from
 * before packing that opens the file never reads one (it builds and stores its own).
 *
 * The store's own writes do not count as data changes for the in-memory cache (ownChanges).
 */
const own = new WeakMap<Db, number>();

/** Rows this connection wrote into metrics_layers (subtracted from total_changes() by the cache). */
export function ownChanges(db: Db): number {
  return own.get(db) ?? 0;
}

export const PACKED_SUFFIX = '|packed1';

interface Statements {
  read: { get(key: string): unknown };
  write: { run(key: string, data: Buffer): unknown };
  dropUnpacked: { run(key: string): unknown };
  changes: { get(): unknown };
}
const statements = new WeakMap<Db, Statements>();
function statementsFor(db: Db): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      read: db.prepare('SELECT data FROM metrics_layers WHERE key = ?').pluck(),
      write: db.prepare('INSERT OR REPLACE INTO metrics_layers (key, data) VALUES (?, ?)'),
      dropUnpacked: db.prepare('DELETE FROM metrics_layers WHERE key = ?'),
      changes: db.prepare('SELECT total_changes()').pluck(),
    };
    statements.set(db, s);
  }
  return s;
}

export function persisted<T, E>(
  db: Db,
  key: string,
  build: () => T,
  encode: (value: T) => E,
  decode: (stored: E) => T,
): T {
  const s = statementsFor(db);
  const stored = s.read.get(key + PACKED_SUFFIX) as Buffer | undefined;
  if (stored) {
    try {
      return decode(unpackLayer(deserialize(stored)) as E); // written below under the same key
    } catch {
      // A layer this code cannot read (a damaged file, or a format change that kept its key): it is
      // built again from the tables and replaces the stored one, rather than failing every computation.
    }
  }
  const value = build();
  const before = s.changes.get() as number;
  try {
    s.write.run(key + PACKED_SUFFIX, serialize(packLayer(encode(value))));
    s.dropUnpacked.run(key); // the same layer as stored before packing, if any: dead weight now
  } catch {
    // A project that cannot be written now (read-only file, busy): the layer stays in memory only.
  }
  own.set(db, ownChanges(db) + ((s.changes.get() as number) - before));
  return value;
}

// Packing typed arrays --------------------------------------------------------------------------

type NumericArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;
const ARRAY_TYPES = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
};
type ArrayType = keyof typeof ARRAY_TYPES;

/** A packed typed array in a stored layer; the tag key is one no layer encoder uses. */
const TAG = '\u0000packed';
interface Packed {
  [TAG]: 'offset' | 'dict';
  type: ArrayType;
  /** offset (values null): value = data[i] + base. dict: value = values[data[i]]. */
  data: Uint8Array | Uint16Array;
  base: number;
  values: Float64Array | null;
}

/** Arrays shorter than this are stored as they are (nothing worth saving). */
const MIN_PACKED = 256;

const arrayType = (a: ArrayBufferView): ArrayType | null => {
  const name = a.constructor.name;
  return name in ARRAY_TYPES && a.constructor === ARRAY_TYPES[name as ArrayType] ? (name as ArrayType) : null;
};

/**
 * The encoded layer with each numeric typed array of MIN_PACKED or more elements that packs smaller
 * replaced by its packed form: all integers within a range of 256 or 65,536 as 1 or 2 bytes from the
 * smallest; else at most 256 distinct values as 1-byte codes into a table of them. Exact: unpackLayer
 * gives back arrays of the same types with the same values (NaN stays NaN; an array holding -0 is not
 * packed, since neither packing would tell it from 0). Objects and arrays are walked; nothing else is touched.
 */
export function packLayer(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) {
    const type = arrayType(value);
    return type ? (packArray(value as NumericArray, type) ?? value) : value;
  }
  return walk(value, packLayer);
}

/** The layer packLayer was given, from its packed form (after v8 deserialisation). */
export function unpackLayer(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && TAG in value) return unpackArray(value as Packed);
  return walk(value, unpackLayer);
}

/** `value` with f applied to the members of a plain object or array (a copy only where one changed). */
function walk(value: unknown, f: (v: unknown) => unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i += 1) {
      const v: unknown = value[i];
      if (v === null || typeof v !== 'object') continue;
      const w = f(v);
      if (w !== v) (out ??= [...(value as unknown[])])[i] = w;
    }
    return out ?? value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let out: Record<string, unknown> | null = null;
    for (const [k, v] of Object.entries(value)) {
      if (v === null || typeof v !== 'object') continue;
      const w = f(v);
      if (w !== v) (out ??= { ...value })[k] = w;
    }
    return out ?? value;
  }
  return value;
}

function packArray(a: NumericArray, type: ArrayType): Packed | null {
  const n = a.length;
  if (n < MIN_PACKED || a.BYTES_PER_ELEMENT === 1) return null;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  let negativeZero = false;
  for (let i = 0; i < n; i += 1) {
    const v = a[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && !Number.isInteger(v)) integers = false; // NaN is no integer
    if (v === 0 && 1 / v < 0) negativeZero = true;
  }
  // A Map and a subtraction both take -0 for 0: an array with one is stored as it is.
  if (negativeZero) return null;
  if (integers && max - min < 65536) {
    const narrow = max - min < 256;
    if ((narrow ? 1 : 2) >= a.BYTES_PER_ELEMENT) return null;
    const data = narrow ? new Uint8Array(n) : new Uint16Array(n);
    for (let i = 0; i < n; i += 1) data[i] = a[i]! - min;
    return { [TAG]: 'offset', type, data, base: min, values: null };
  }
  // A table of at most 256 distinct values (a Map keeps NaN apart from every number).
  const codes = new Map<number, number>();
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const v = a[i]!;
    let c = codes.get(v);
    if (c === undefined) {
      if (codes.size === 256) return null;
      codes.set(v, (c = codes.size));
    }
    data[i] = c;
  }
  return { [TAG]: 'dict', type, data, base: 0, values: Float64Array.from(codes.keys()) };
}

function unpackArray(p: Packed): NumericArray {
  const out = new ARRAY_TYPES[p.type](p.data.length);
  // One loop per output type that layers use, so each stays monomorphic (a shared loop over nine
  // array types runs several times slower).
  if (out instanceof Float64Array) fill64(out, p);
  else if (out instanceof Int32Array) fill32(out, p);
  else fillAny(out, p);
  return out;
}

function fill64(out: Float64Array, { data, base, values }: Packed): void {
  const n = data.length;
  if (values === null) for (let i = 0; i < n; i += 1) out[i] = data[i]! + base;
  else for (let i = 0; i < n; i += 1) out[i] = values[data[i]!]!;
}

function fill32(out: Int32Array, { data, base, values }: Packed): void {
  const n = data.length;
  if (values === null) for (let i = 0; i < n; i += 1) out[i] = data[i]! + base;
  else for (let i = 0; i < n; i += 1) out[i] = values[data[i]!]!;
}

function fillAny(out: NumericArray, { data, base, values }: Packed): void {
  const n = data.length;
  if (values === null) for (let i = 0; i < n; i += 1) out[i] = data[i]! + base;
  else for (let i = 0; i < n; i += 1) out[i] = values[data[i]!]!;
}
