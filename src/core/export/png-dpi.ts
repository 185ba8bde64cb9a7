import CRC32 from 'crc-32';

/**
 * Write the resolution into a PNG: one pHYs chunk (pixels per metre, unit = metre) placed before
 * the first IDAT, replacing any pHYs already there. Browsers write none, so without this a 1950 px
 * chart opens in Word at 72 or 96 dpi, i.e. 20-27 inches wide.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const METRES_PER_INCH = 0.0254;

export function dpiToPixelsPerMetre(dpi: number): number {
  return Math.round(dpi / METRES_PER_INCH);
}

interface Chunk {
  type: string;
  /** Offset of the chunk's length field. */
  start: number;
  /** Offset just past its CRC. */
  end: number;
  data: Uint8Array;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

function readChunks(png: Uint8Array): Chunk[] {
  if (!isPng(png)) throw new TypeError('not a PNG: the signature is missing');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  let at = 8;
  while (at < png.length) {
    if (at + 12 > png.length) throw new TypeError(`truncated PNG: chunk header at byte ${at}`);
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > png.length) throw new TypeError(`truncated PNG: chunk at byte ${at} runs past the end`);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    chunks.push({ type, start: at, end, data: png.subarray(at + 8, at + 8 + length) });
    at = end;
    if (type === 'IEND') break;
  }
  return chunks;
}

function makeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  // The CRC covers the type and the data, not the length.
  view.setUint32(8 + data.length, CRC32.buf(out.subarray(4, 8 + data.length)) >>> 0);
  return out;
}

/** Returns a new PNG whose pHYs says `dpi` in both directions; the pixels are untouched. */
export function setPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  if (!(dpi > 0 && Number.isFinite(dpi))) throw new RangeError(`dpi must be a positive number, got ${dpi}`);
  const chunks = readChunks(png);
  const firstIdat = chunks.findIndex((c) => c.type === 'IDAT');
  if (firstIdat < 0) throw new TypeError('PNG has no IDAT chunk');
  const ppm = dpiToPixelsPerMetre(dpi);
  const body = new Uint8Array(9);
  const bv = new DataView(body.buffer);
  bv.setUint32(0, ppm);
  bv.setUint32(4, ppm);
  body[8] = 1; // unit: metre
  const phys = makeChunk('pHYs', body);

  const parts: Uint8Array[] = [png.subarray(0, 8)];
  chunks.forEach((c, i) => {
    if (i === firstIdat) parts.push(phys);
    if (c.type !== 'pHYs') parts.push(png.subarray(c.start, c.end));
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface PngInfo {
  width: number;
  height: number;
  /** From pHYs when its unit is metres; null when there is no pHYs or its unit is unknown. */
  dpiX: number | null;
  dpiY: number | null;
}

/** Size and resolution of a PNG, read from IHDR and pHYs. */
export function readPngInfo(png: Uint8Array): PngInfo {
  const chunks = readChunks(png);
  const ihdr = chunks[0];
  if (!ihdr || ihdr.type !== 'IHDR') throw new TypeError('PNG does not start with IHDR');
  const hv = new DataView(ihdr.data.buffer, ihdr.data.byteOffset, ihdr.data.byteLength);
  const phys = chunks.find((c) => c.type === 'pHYs');
  let dpiX: number | null = null;
  let dpiY: number | null = null;
  if (phys && phys.data.length === 9 && phys.data[8] === 1) {
    const pv = new DataView(phys.data.buffer, phys.data.byteOffset, 9);
    dpiX = pv.getUint32(0) * METRES_PER_INCH;
    dpiY = pv.getUint32(4) * METRES_PER_INCH;
  }
  return { width: hv.getUint32(0), height: hv.getUint32(4), dpiX, dpiY };
}
