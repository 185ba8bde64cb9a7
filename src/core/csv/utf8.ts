/**
 * Small UTF-8 helpers for the streaming decoder. The happy path uses the native fatal TextDecoder;
 * these only find where a chunk may be cut and where the first bad byte is.
 */

/** Length of a sequence from its lead byte, or 0 when the byte cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Index where an incomplete multi-byte sequence begins at the end of `bytes` (it must wait for the
 * next chunk), or `bytes.length` when the chunk ends on a character boundary.
 */
export function findUtf8CutPoint(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && back <= end; back += 1) {
    const byte = bytes[end - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const needed = sequenceLength(byte);
    return needed > back ? end - back : end;
  }
  return end;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function findInvalidUtf8(bytes: Uint8Array, allowTruncatedEnd = false): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 0) return i;
    if (i + length > n) return allowTruncatedEnd && continuationsOk(bytes, i, n) ? -1 : i;
    if (!continuationsOk(bytes, i, i + length)) return i;
    const second = bytes[i + 1] ?? 0;
    // Overlong 3/4-byte forms, UTF-16 surrogates and code points above U+10FFFF.
    if (lead === 0xe0 && second < 0xa0) return i;
    if (lead === 0xed && second > 0x9f) return i;
    if (lead === 0xf0 && second < 0x90) return i;
    if (lead === 0xf4 && second > 0x8f) return i;
    i += length;
  }
  return -1;
}

function continuationsOk(bytes: Uint8Array, start: number, end: number): boolean {
  for (let j = start + 1; j < end; j += 1) if (((bytes[j] ?? 0) & 0xc0) !== 0x80) return false;
  return true;
}
