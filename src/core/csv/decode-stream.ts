import iconv from 'iconv-lite';
import type { TextEncoding } from './detect-encoding';
import { makeIssue, type Issue } from './issues';
import { findInvalidUtf8, findUtf8CutPoint } from './utf8';

/**
 * A streaming decoder: feed it Uint8Array chunks cut anywhere (even inside a character) and it
 * returns text. It strips a leading BOM, never inserts U+FFFD silently, and reports problems in
 * `issues` (byte offsets in `detail`).
 */
export interface StreamDecoder {
  write(chunk: Uint8Array): string;
  /** Flushes what is held back; call once after the last chunk. */
  end(): string;
  readonly issues: readonly Issue[];
  /** Bytes consumed so far, BOM included. */
  readonly bytesRead: number;
}

/** A legacy decoder for a single-byte (or chardet-picked) code page, via iconv-lite. */
function createLegacyDecoder(encoding: TextEncoding): { write(bytes: Uint8Array): string; end(): string } {
  const decoder = iconv.getDecoder(encoding);
  return {
    // iconv-lite's types ask for a Buffer, but its decoders only index bytes: a Uint8Array works.
    write: (bytes) => decoder.write(bytes as Buffer),
    end: () => decoder.end() ?? '',
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function createStreamDecoder(encoding: TextEncoding): StreamDecoder {
  const issues: Issue[] = [];
  let bytesRead = 0;
  let sawReplacement = false;

  const checkReplacement = (text: string, offset: number): string => {
    if (!sawReplacement && text.includes('\uFFFD')) {
      sawReplacement = true;
      issues.push(makeIssue('encoding_replacement_char', { detail: { byteOffset: offset, encoding } }));
    }
    return text;
  };

  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    // The native decoder strips the BOM and keeps half characters between chunks. It starts fatal,
    // so that a U+FFFD the file really contains is not mistaken for a decoding failure; on the first
    // invalid sequence (a lone surrogate) it says so and goes on replacing.
    let decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
    let lenient = false;
    const decode = (chunk: Uint8Array | undefined, offset: number): string => {
      try {
        return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
      } catch {
        if (lenient) throw new Error('unreachable: a non-fatal decoder threw');
        lenient = true;
        sawReplacement = true;
        issues.push(makeIssue('encoding_replacement_char', { detail: { byteOffset: offset, encoding } }));
        decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: offset > 0 });
        return chunk ? decoder.decode(chunk, { stream: true }) : '';
      }
    };
    return {
      write(chunk) {
        const offset = bytesRead;
        bytesRead += chunk.length;
        return decode(chunk, offset);
      },
      end() {
        if (bytesRead % 2 === 1) {
          // An odd byte count: the last character is cut in half.
          issues.push(makeIssue('encoding_truncated_utf16', { detail: { byteOffset: bytesRead - 1 } }));
          const tail = new TextDecoder(encoding, { fatal: false }).decode(new Uint8Array(0));
          return tail;
        }
        return decode(undefined, bytesRead);
      },
      issues,
      get bytesRead() {
        return bytesRead;
      },
    };
  }

  if (encoding !== 'utf-8') {
    const legacy = createLegacyDecoder(encoding);
    return {
      write(chunk) {
        const offset = bytesRead;
        bytesRead += chunk.length;
        return checkReplacement(legacy.write(chunk), offset);
      },
      end: () => checkReplacement(legacy.end(), bytesRead),
      issues,
      get bytesRead() {
        return bytesRead;
      },
    };
  }

  // UTF-8: validate every chunk with the native fatal decoder; hold back a character cut by the
  // chunk boundary; on the first invalid byte switch the rest of the file to windows-1252 and say so.
  const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pending: Uint8Array = new Uint8Array(0);
  let pendingOffset = 0; // file offset of pending[0]
  let bomChecked = false;
  let legacy: ReturnType<typeof createLegacyDecoder> | undefined;

  const decodeBuffered = (buffer: Uint8Array, offset: number, isLast: boolean): string => {
    if (legacy) return checkReplacement(legacy.write(buffer), offset);
    const cut = isLast ? buffer.length : findUtf8CutPoint(buffer);
    const complete = buffer.subarray(0, cut);
    try {
      const text = fatal.decode(complete);
      pending = buffer.slice(cut);
      pendingOffset = offset + cut;
      return text;
    } catch {
      const bad = Math.max(0, findInvalidUtf8(complete));
      // Keep the valid prefix as UTF-8, decode from the bad byte on as windows-1252.
      const head = fatal.decode(complete.subarray(0, bad));
      legacy = createLegacyDecoder('windows-1252');
      issues.push(
        makeIssue('encoding_changed_mid_file', {
          detail: { byteOffset: offset + bad, encoding: 'windows-1252' },
        }),
      );
      pending = new Uint8Array(0);
      return head + checkReplacement(legacy.write(buffer.subarray(bad)), offset + bad);
    }
  };

  return {
    write(chunk) {
      bytesRead += chunk.length;
      let buffer = concat(pending, chunk);
      let offset = pendingOffset;
      if (!bomChecked) {
        if (
          buffer.length < UTF8_BOM.length &&
          UTF8_BOM.slice(0, buffer.length).every((b, i) => buffer[i] === b)
        ) {
          pending = buffer; // could still become a BOM
          return '';
        }
        bomChecked = true;
        if (UTF8_BOM.every((b, i) => buffer[i] === b)) {
          buffer = buffer.subarray(UTF8_BOM.length);
          offset += UTF8_BOM.length;
        }
      }
      pending = new Uint8Array(0);
      pendingOffset = offset;
      return decodeBuffered(buffer, offset, false);
    },
    end() {
      bomChecked = true;
      const buffer = pending;
      pending = new Uint8Array(0);
      if (legacy) return legacy.end();
      if (buffer.length === 0) return '';
      // A sequence cut by the end of the file: decodeBuffered reports it and reads it as windows-1252.
      const text = decodeBuffered(buffer, pendingOffset, true);
      return text + (legacy ? (legacy as { end(): string }).end() : '');
    },
    issues,
    get bytesRead() {
      return bytesRead;
    },
  };
}

/** Decodes a whole buffer (tests, small files). */
export function decodeBytes(bytes: Uint8Array, encoding: TextEncoding): { text: string; issues: Issue[] } {
  const decoder = createStreamDecoder(encoding);
  const text = decoder.write(bytes) + decoder.end();
  return { text, issues: [...decoder.issues] };
}
