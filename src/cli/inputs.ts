// What electric-check reads: file arguments and globs expanded, bytes decoded to text with every bad
// case named (binary, invalid UTF-8 with its byte offset), the language taken from the file name.
import { isUtf8 } from 'node:buffer';
import { promises as fs, readdirSync, statSync } from 'node:fs';
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
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { kind: 'binary', reason: `NUL byte at offset ${head.indexOf(0)}` };
  if (!isUtf8(bytes)) return { kind: 'invalid', message: `invalid UTF-8 at byte offset ${invalidUtf8Offset(bytes)}` };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const text = body.toString('utf8');
  return text.length === 0 ? { kind: 'empty' } : { kind: 'text', text };
}

function utf16(bytes: Buffer, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return text.length === 0 ? { kind: 'empty' } : { kind: 'text', text };
  } catch {
    return { kind: 'invalid', message: `invalid ${encoding.toUpperCase()} (the file starts with its byte-order mark)` };
  }
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

export async function readInput(file: string): Promise<Buffer> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  return fs.readFile(file);
}

const MAGIC = /[*?[{]/;

/**
 * Expands each argument: '-' and plain paths stay as they are (a missing one is reported when read),
 * globs (*, **, ?, [..], {a,b}) are matched against the tree under their literal prefix. Node 20 has
 * no fs.glob; this covers what a shell would, without a dependency. Dot entries and node_modules
 * are only entered when the pattern names them.
 */
export function expandInputs(args: string[]): { files: string[]; unmatched: string[] } {
  const files: string[] = [], unmatched: string[] = [];
  for (const arg of args) {
    if (arg === '-' || !MAGIC.test(arg)) { files.push(arg); continue; }
    const parts = arg.split(/[\\/]/);
    const firstMagic = parts.findIndex((p) => MAGIC.test(p));
    const base = parts.slice(0, firstMagic).join('/') || (arg.startsWith('/') ? '/' : '.');
    const rest = parts.slice(firstMagic);
    const matched = walk(base, rest).sort();
    if (matched.length === 0) unmatched.push(arg);
    files.push(...matched.map((m) => (base === '.' && !arg.startsWith('./') ? path.relative('.', m) : m)));
  }
  return { files: [...new Set(files)], unmatched };
}

function walk(dir: string, segments: string[]): string[] {
  const [seg, ...rest] = segments;
  if (seg === '**') {
    const here = rest.length > 0 ? walk(dir, rest) : [];
    for (const entry of entries(dir)) {
      if (entry.isDirectory() && entered(entry.name, seg)) here.push(...walk(path.join(dir, entry.name), segments));
      else if (rest.length === 0 && entry.isFile() && !entry.name.startsWith('.')) here.push(path.join(dir, entry.name));
    }
    return here;
  }
  const re = segmentRegex(seg);
  const out: string[] = [];
  for (const entry of entries(dir)) {
    if (!re.test(entry.name) || (entry.name.startsWith('.') && !seg.startsWith('.'))) continue;
    const full = path.join(dir, entry.name);
    if (rest.length === 0) { if (isFile(full)) out.push(full); }
    else if (isDir(full) && entered(entry.name, seg)) out.push(...walk(full, rest));
  }
  return out;
}

function entered(name: string, seg: string): boolean {
  return (!name.startsWith('.') || seg.startsWith('.')) && (name !== 'node_modules' || seg === 'node_modules');
}

function entries(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

const isFile = (p: string): boolean => { try { return statSync(p).isFile(); } catch { return false; } };
const isDir = (p: string): boolean => { try { return statSync(p).isDirectory(); } catch { return false; } };

/** One path segment of a glob as an anchored regex. */
export function segmentRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close < 0) { re += '\\['; continue; }
      const body = seg.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
      re += `[${body}]`;
      i = close;
    } else if (c === '{') {
      const close = seg.indexOf('}', i);
      if (close < 0) { re += '\\{'; continue; }
      re += `(?:${seg.slice(i + 1, close).split(',').map((alt) => segmentRegex(alt).source.slice(1, -1)).join('|')})`;
      i = close;
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
