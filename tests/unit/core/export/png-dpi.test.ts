import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { dpiToPixelsPerMetre, readPngInfo, setPngDpi } from '../../../../src/core/export/png-dpi';
import { EXPORT_PRESETS, pixelWidth, resolveFigureSize } from '../../../../src/core/export/presets';

function makePng(width: number, height: number, extra?: (png: PNG) => void): Uint8Array {
  const png = new PNG({ width, height });
  png.data.fill(255);
  extra?.(png);
  return new Uint8Array(PNG.sync.write(png));
}

interface RawChunk {
  type: string;
  data: Buffer;
  crc: number;
}
function chunks(png: Uint8Array): RawChunk[] {
  const b = Buffer.from(png);
  const out: RawChunk[] = [];
  for (let at = 8; at < b.length;) {
    const len = b.readUInt32BE(at);
    out.push({
      type: b.toString('latin1', at + 4, at + 8),
      data: b.subarray(at + 8, at + 8 + len),
      crc: b.readUInt32BE(at + 8 + len),
    });
    at += 12 + len;
  }
  return out;
}

/** A PNG with a pHYs already in it (72 dpi), built by hand after IHDR. */
function pngWithPhys(dpi: number): Uint8Array {
  const base = Buffer.from(makePng(4, 3));
  const body = Buffer.alloc(9);
  body.writeUInt32BE(dpiToPixelsPerMetre(dpi), 0);
  body.writeUInt32BE(dpiToPixelsPerMetre(dpi), 4);
  body[8] = 1;
  const head = Buffer.alloc(8);
  head.writeUInt32BE(9, 0);
  head.write('pHYs', 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  const ihdrEnd = 8 + 12 + 13;
  return new Uint8Array(Buffer.concat([base.subarray(0, ihdrEnd), head, body, crc, base.subarray(ihdrEnd)]));
}

describe('setPngDpi', () => {
  it.each([72, 96, 150, 300, 600])(
    'writes %i dpi that pngjs reads back, with the pixels untouched',
    (dpi) => {
      const src = makePng(20, 10, (p) => p.data.fill(0, 0, 40));
      const out = setPngDpi(src, dpi);
      const parsed = PNG.sync.read(Buffer.from(out));
      expect(parsed.width).toBe(20);
      expect(parsed.height).toBe(10);
      // pngjs decodes the image (size, pixels) but skips pHYs unread and unchecked, so the chunk is
      // read here by hand and its CRC checked against node:zlib in the next test.
      expect(Buffer.from(parsed.data)).toEqual(Buffer.from(PNG.sync.read(Buffer.from(src)).data));
      const phys = chunks(out).find((c) => c.type === 'pHYs')!;
      expect(phys.data.readUInt32BE(0)).toBe(Math.round(dpi / 0.0254));
      expect(phys.data.readUInt32BE(4)).toBe(Math.round(dpi / 0.0254));
      expect(phys.data[8]).toBe(1);
      expect(readPngInfo(out).dpiX).toBeCloseTo(dpi, 0);
    },
  );

  it('puts pHYs before the first IDAT with a CRC that node:zlib agrees with', () => {
    const out = setPngDpi(makePng(8, 8), 300);
    const types = chunks(out).map((c) => c.type);
    expect(types.indexOf('pHYs')).toBeLessThan(types.indexOf('IDAT'));
    for (const c of chunks(out)) {
      expect(c.crc, c.type).toBe(crc32(Buffer.concat([Buffer.from(c.type, 'latin1'), c.data])));
    }
  });

  it('replaces an existing pHYs instead of adding a second', () => {
    expect(readPngInfo(pngWithPhys(72)).dpiX).toBeCloseTo(72, 0);
    const out = setPngDpi(pngWithPhys(72), 300);
    expect(chunks(out).filter((c) => c.type === 'pHYs')).toHaveLength(1);
    expect(readPngInfo(out).dpiX).toBeCloseTo(300, 0);
    expect(() => PNG.sync.read(Buffer.from(out))).not.toThrow();
  });

  it('handles a PNG split over several IDAT chunks', () => {
    const src = Buffer.from(makePng(2, 2));
    const all = chunks(src);
    const idat = all.find((c) => c.type === 'IDAT')!.data;
    const mk = (type: string, data: Buffer) => {
      const h = Buffer.alloc(8);
      h.writeUInt32BE(data.length, 0);
      h.write(type, 4, 'latin1');
      const c = Buffer.alloc(4);
      c.writeUInt32BE(crc32(Buffer.concat([h.subarray(4), data])), 0);
      return Buffer.concat([h, data, c]);
    };
    const half = Math.floor(idat.length / 2);
    const split = Buffer.concat([
      src.subarray(0, 8),
      mk('IHDR', all[0]!.data),
      mk('IDAT', idat.subarray(0, half)),
      mk('IDAT', idat.subarray(half)),
      mk('IEND', Buffer.alloc(0)),
    ]);
    const out = setPngDpi(split, 150);
    expect(chunks(out).map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IDAT', 'IEND']);
    expect(PNG.sync.read(Buffer.from(out)).width).toBe(2);
  });

  it('refuses what is not a PNG, and nonsense dpi', () => {
    expect(() => setPngDpi(new Uint8Array(deflateSync('hello')), 300)).toThrow(/not a PNG/);
    expect(() => setPngDpi(makePng(1, 1), 0)).toThrow(RangeError);
    expect(() => setPngDpi(makePng(1, 1), Number.NaN)).toThrow(RangeError);
  });
});

describe('export presets', () => {
  it.each([
    ['report', 1950, 300],
    ['slide', 1920, 96],
    ['half-column', 1950, 600],
  ] as const)('%s is %i px wide at %i dpi', (id, px, dpi) => {
    const p = EXPORT_PRESETS[id];
    expect(pixelWidth(p)).toBe(px);
    expect(p.dpi).toBe(dpi);
    expect(pixelWidth(p)).toBe(Math.round(p.widthInches * p.dpi));
  });

  it('refuses sizes out of range', () => {
    expect(() => resolveFigureSize({ widthInches: 0, dpi: 300 })).toThrow(RangeError);
    expect(() => resolveFigureSize({ widthInches: 6.5, dpi: 10 })).toThrow(RangeError);
    expect(() => resolveFigureSize({ widthInches: 50, dpi: 2400 })).toThrow(/20000/);
    expect(resolveFigureSize('report')).toEqual({ widthInches: 6.5, dpi: 300 });
  });
});
