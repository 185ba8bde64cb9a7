import chardet from 'chardet';
import { TEXT_ENCODINGS } from '@shared/import-mapping';
import { makeIssue, type Issue } from './issues';
import { findInvalidUtf8 } from './utf8';

/** Encodings the reader can decode (declared once, in the import contract). */
export { TEXT_ENCODINGS };
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export function isTextEncoding(value: unknown): value is TextEncoding {
  return typeof value === 'string' && (TEXT_ENCODINGS as readonly string[]).includes(value);
}

export const ENCODING_EVIDENCE = ['bom', 'valid_utf8', 'no_bom_utf16', 'fallback'] as const;
export type EncodingEvidence = (typeof ENCODING_EVIDENCE)[number];

export interface EncodingDetection {
  encoding: TextEncoding;
  /** Bytes of byte-order mark at the start of the file (0, 2 or 3). */
  bomLength: number;
  evidence: EncodingEvidence;
  /** chardet's guesses, for the UI's "try another encoding" list; only filled on fallback. */
  candidates: { name: string; confidence: number }[];
  issues: Issue[];
}

/** What the first bytes say, or a refusal. `ok: false` means the file cannot be read as text. */
export type EncodingResult = ({ ok: true } & EncodingDetection) | { ok: false; issues: Issue[] };

// chardet names that mean "a Western single-byte code page": windows-1252 reads them all.
const WESTERN = new Set(['windows-1252', 'iso-8859-1', 'iso-8859-15', 'iso-8859-9', 'windows-1254']);
// A non-Western guess must be this sure before it beats the windows-1252 default (chardet calls the
// 17-byte csvkit latin1 sample Turkish at 42).
const CHARDET_MIN_CONFIDENCE = 80;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function refuse(code: Parameters<typeof makeIssue>[0], detail?: Issue['detail']): EncodingResult {
  return { ok: false, issues: [makeIssue(code, detail ? { detail } : {})] };
}

/** Share of NUL bytes at even and odd offsets in the first 4 KB: UTF-16 text without a BOM. */
function guessBomlessUtf16(head: Uint8Array): TextEncoding | undefined {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul += 1;
    if (head[i + 1] === 0) oddNul += 1;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.3 && evenNul / pairs < 0.02) return 'utf-16le';
  if (evenNul / pairs > 0.3 && oddNul / pairs < 0.02) return 'utf-16be';
  return undefined;
}

/**
 * Detects the encoding from the first bytes of a file (a 64 KB sample is plenty).
 * 1. BOMs: UTF-8 EF BB BF, UTF-16LE FF FE, UTF-16BE FE FF.
 * 2. Known binary signatures (zip/xlsx, OLE/xls, PDF), then UTF-16 without BOM, then NUL bytes.
 * 3. Valid UTF-8 (a sequence cut by the end of the sample is allowed when `isWholeFile` is false).
 * 4. Otherwise a legacy code page: windows-1252 unless chardet is very sure of another.
 */
export function detectEncoding(head: Uint8Array, isWholeFile: boolean): EncodingResult {
  if (head.length === 0) return refuse('file_empty');
  if (startsWith(head, [0xef, 0xbb, 0xbf])) {
    if (head.length === 3 && isWholeFile) return refuse('file_empty');
    return { ok: true, encoding: 'utf-8', bomLength: 3, evidence: 'bom', candidates: [], issues: [] };
  }
  if (startsWith(head, [0xff, 0xfe])) {
    if (head.length === 2 && isWholeFile) return refuse('file_empty');
    return { ok: true, encoding: 'utf-16le', bomLength: 2, evidence: 'bom', candidates: [], issues: [] };
  }
  if (startsWith(head, [0xfe, 0xff])) {
    if (head.length === 2 && isWholeFile) return refuse('file_empty');
    return { ok: true, encoding: 'utf-16be', bomLength: 2, evidence: 'bom', candidates: [], issues: [] };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return refuse('file_is_spreadsheet', { format: 'zip' });
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return refuse('file_is_spreadsheet', { format: 'ole' });
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return refuse('file_is_pdf');
  const utf16 = guessBomlessUtf16(head);
  if (utf16)
    return { ok: true, encoding: utf16, bomLength: 0, evidence: 'no_bom_utf16', candidates: [], issues: [] };
  const nul = head.indexOf(0);
  if (nul >= 0) return refuse('file_binary', { byteOffset: nul });

  const invalidAt = findInvalidUtf8(head, !isWholeFile);
  if (invalidAt < 0)
    return { ok: true, encoding: 'utf-8', bomLength: 0, evidence: 'valid_utf8', candidates: [], issues: [] };

  const candidates = chardet.analyse(head).map((m) => ({ name: m.name, confidence: m.confidence }));
  const encoding = chooseLegacyEncoding(candidates);
  return {
    ok: true,
    encoding,
    bomLength: 0,
    evidence: 'fallback',
    candidates,
    issues: [makeIssue('encoding_fallback', { detail: { byteOffset: invalidAt, encoding } })],
  };
}

function chooseLegacyEncoding(candidates: readonly { name: string; confidence: number }[]): TextEncoding {
  const top = candidates[0];
  if (!top || top.confidence < CHARDET_MIN_CONFIDENCE) return 'windows-1252';
  const name = top.name.toLowerCase();
  if (WESTERN.has(name)) return 'windows-1252';
  return isTextEncoding(name) ? name : 'windows-1252';
}
