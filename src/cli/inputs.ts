// What electric-check reads: bytes decoded to text with every bad case named (binary, invalid UTF-8 with
// its byte offset), the language taken from the file name. Globs: globs.ts; bounded reading: read.ts.
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import { languageOfFile } from '../text/languages';

export type Decoded =
  | { kind: 'text'; text: string }
  | { kind: 'empty' }
  | { kind: 'binary'; reason: string }
  | { kind: 'invalid'; message: string };

/** VS Code language id for a file name (the language table, src/text/languages.ts); plain text when the name
 *  says nothing. */
export function languageOf(file: string): string {
  return languageOfFile(file)?.id ?? 'plaintext';
}

/**
 * Bytes to text. A NUL byte in the first 8 KB means binary (git's rule). UTF-8 is checked strictly:
 * scoring U+FFFD-riddled garbage would flag noise, so invalid bytes are an error naming the offset.
 */
export function decode(bytes: Buffer): Decoded {
  if (bytes.length === 0) return { kind: 'empty' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le', 'the file starts with its byte-order mark');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be', 'the file starts with its byte-order mark');
  const head = bytes.subarray(0, 8192);
  const bomless = bomlessUtf16(bytes);
  if (bomless) return utf16(bytes, bomless, 'detected without a byte-order mark');
  if (head.includes(0)) return { kind: 'binary', reason: `NUL byte at offset ${head.indexOf(0)}` };
  if (!isUtf8(bytes)) return { kind: 'invalid', message: `invalid UTF-8 at byte offset ${invalidUtf8Offset(bytes)}` };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const text = body.toString('utf8');
  return text.length === 0 ? { kind: 'empty' } : { kind: 'text', text };
}

function utf16(bytes: Buffer, encoding: 'utf-16le' | 'utf-16be', why: string): Decoded {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { kind: 'invalid', message: `invalid ${encoding.toUpperCase()} (${why})` };
  }
  const control = CONTROL.exec(text.slice(0, 4096));
  if (control) return { kind: 'binary', reason: `read as ${encoding.toUpperCase()} (${why}), control character U+${control[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} at character ${control.index}` };
  return text.length === 0 ? { kind: 'empty' } : { kind: 'text', text };
}

// C0 controls other than tab, line feed, vertical tab, form feed and carriage return: not text.
const CONTROL = /[\x00-\x08\x0e-\x1f]/;

/**
 * UTF-16 without a byte-order mark, as Windows tools write it: Latin-script text has a NUL as the high
 * byte of nearly every code unit. Both this shape and a fatal decode with no control characters (above)
 * are needed, so a binary file of small 16-bit numbers is not taken for text.
 */
function bomlessUtf16(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  const n = Math.min(bytes.length, 8192);
  let evenZeros = 0, oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const units = n / 2;
  if (oddZeros >= units * 0.3 && evenZeros <= units * 0.02) return 'utf-16le';
  if (evenZeros >= units * 0.3 && oddZeros <= units * 0.02) return 'utf-16be';
  return undefined;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function invalidUtf8Offset(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n: number, lo = 0x80, hi = 0xbf;
    if (c < 0x80) { i++; continue; }
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) { n = 2; if (c === 0xe0) lo = 0xa0; if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; if (c === 0xf0) lo = 0x90; if (c === 0xf4) hi = 0x8f; }
    else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      // Only the second byte has the narrowed range (overlongs, surrogates, > U+10FFFF).
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}
