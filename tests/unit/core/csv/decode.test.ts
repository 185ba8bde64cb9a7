import { describe, expect, it } from 'vitest';
import {
  createStreamDecoder,
  decodeBytes,
  detectEncoding,
  findInvalidUtf8,
  findUtf8CutPoint,
} from '../../../../src/core/csv';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const utf16le = (text: string): Uint8Array => {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i += 1) {
    out[2 * i] = text.charCodeAt(i) & 0xff;
    out[2 * i + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
};
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe('detectEncoding', () => {
  it.each([
    ['UTF-8 BOM', concat(bytes(0xef, 0xbb, 0xbf), utf8('a,b\n')), 'utf-8', 3, 'bom'],
    ['UTF-16LE BOM', concat(bytes(0xff, 0xfe), utf16le('a,b\n')), 'utf-16le', 2, 'bom'],
    ['UTF-16BE BOM', bytes(0xfe, 0xff, 0, 0x61, 0, 0x2c, 0, 0x62), 'utf-16be', 2, 'bom'],
    ['UTF-16LE without BOM', utf16le('name,score\n1,2\n'), 'utf-16le', 0, 'no_bom_utf16'],
    ['plain ASCII', utf8('a,b\n1,2\n'), 'utf-8', 0, 'valid_utf8'],
    ['UTF-8 umlauts', utf8('Empfängers,x\n'), 'utf-8', 0, 'valid_utf8'],
    ['cp1252 bytes', bytes(0x61, 0x2c, 0xa9, 0x0a), 'windows-1252', 0, 'fallback'],
  ] as const)('%s', (_name, input, encoding, bomLength, evidence) => {
    const result = detectEncoding(input, true);
    expect(result).toMatchObject({ ok: true, encoding, bomLength, evidence });
  });

  it('allows a UTF-8 character cut by the end of a sample, not of a whole file', () => {
    const cut = utf8('abc,ä').subarray(0, 5); // 'abc,' + the first byte of 'ä'
    expect(detectEncoding(cut, false)).toMatchObject({ ok: true, encoding: 'utf-8' });
    expect(detectEncoding(cut, true)).toMatchObject({ ok: true, encoding: 'windows-1252' });
  });

  it.each([
    ['empty file', bytes(), 'file_empty'],
    ['BOM only', bytes(0xef, 0xbb, 0xbf), 'file_empty'],
    ['UTF-16 BOM only', bytes(0xff, 0xfe), 'file_empty'],
    ['NUL bytes', bytes(0x61, 0x00, 0x00, 0x00, 0x62, 0x63, 0x00, 0x01, 0x02, 0x03), 'file_binary'],
    ['xlsx (zip)', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00), 'file_is_spreadsheet'],
    ['xls (OLE)', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1), 'file_is_spreadsheet'],
    ['PDF', utf8('%PDF-1.7\n'), 'file_is_pdf'],
  ])('refuses %s', (_name, input, code) => {
    const result = detectEncoding(input, true);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual([code]);
  });
});

describe('utf8 helpers', () => {
  it.each([
    [utf8('abc'), 3],
    [utf8('ab€').subarray(0, 3), 2],
    [utf8('ab€').subarray(0, 4), 2],
    [utf8('ab€'), 5],
    [utf8('a😀').subarray(0, 4), 1],
  ])('cut point %#', (input, expected) => {
    expect(findUtf8CutPoint(input)).toBe(expected);
  });

  it.each([
    [utf8('héllo'), -1],
    [bytes(0x61, 0xc0, 0x80), 1], // overlong
    [bytes(0x61, 0xed, 0xa0, 0x80), 1], // surrogate
    [bytes(0x8c, 0xe6), 0],
  ])('first invalid byte %#', (input, expected) => {
    expect(findInvalidUtf8(input)).toBe(expected);
  });
});

describe('createStreamDecoder', () => {
  const text = 'Empfängers,Œæ,😀,\u02A4\r\n"a\nb",ß\n';
  it.each([
    ['utf-8', concat(bytes(0xef, 0xbb, 0xbf), utf8(text))],
    ['utf-16le', concat(bytes(0xff, 0xfe), utf16le(text))],
  ] as const)('%s decodes the same text whether fed whole or one byte at a time', (encoding, input) => {
    expect(decodeBytes(input, encoding).text).toBe(text);
    const decoder = createStreamDecoder(encoding);
    let out = '';
    for (const byte of input) out += decoder.write(bytes(byte));
    out += decoder.end();
    expect(out).toBe(text);
    expect(decoder.issues).toEqual([]);
  });

  it('reads windows-1252 with iconv-lite, byte by byte', () => {
    const decoder = createStreamDecoder('windows-1252');
    let out = '';
    for (const byte of [0x8c, 0xe6, 0xa9, 0x80]) out += decoder.write(bytes(byte));
    expect(out + decoder.end()).toBe('Œæ©€');
  });

  it('switches to windows-1252 at the first invalid byte after valid UTF-8, and says where', () => {
    const input = concat(utf8('ä,b\n'), bytes(0x63, 0x2c, 0xa9, 0x0a));
    const { text, issues } = decodeBytes(input, 'utf-8');
    expect(text).toBe('ä,b\nc,©\n');
    expect(issues).toMatchObject([{ code: 'encoding_changed_mid_file', detail: { byteOffset: 7 } }]);
  });

  it('does not insert U+FFFD for a UTF-8 sequence cut by the end of the file', () => {
    const { text, issues } = decodeBytes(concat(utf8('a,'), bytes(0xe2, 0x82)), 'utf-8');
    expect(text).toBe('a,â\u201A');
    expect(issues.map((i) => i.code)).toEqual(['encoding_changed_mid_file']);
  });

  it('reports (not hides) bytes with no character in the legacy code page', () => {
    const { text, issues } = decodeBytes(bytes(0x61, 0x81), 'windows-1252');
    expect(text.startsWith('a')).toBe(true);
    if (text.includes('\uFFFD')) expect(issues.map((i) => i.code)).toEqual(['encoding_replacement_char']);
  });

  it('reports half a UTF-16 character at the end', () => {
    const { text, issues } = decodeBytes(concat(bytes(0xff, 0xfe), utf16le('ab'), bytes(0x63)), 'utf-16le');
    expect(text).toBe('ab');
    expect(issues.map((i) => i.code)).toEqual(['encoding_truncated_utf16']);
  });

  it('keeps a U+FFFD that a UTF-16 file really contains, without calling it a decoding failure', () => {
    const { text, issues } = decodeBytes(concat(bytes(0xff, 0xfe), utf16le('a,\uFFFD,b')), 'utf-16le');
    expect(text).toBe('a,\uFFFD,b');
    expect(issues).toEqual([]);
  });

  it('reports a lone surrogate in UTF-16 as replaced, and goes on decoding', () => {
    const { text, issues } = decodeBytes(
      concat(bytes(0xff, 0xfe), utf16le('a'), bytes(0x00, 0xd8), utf16le(',b')),
      'utf-16le',
    );
    expect(text).toBe('a\uFFFD,b');
    expect(issues.map((i) => i.code)).toEqual(['encoding_replacement_char']);
  });
});
