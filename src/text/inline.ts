import { RegionBuilder, isAsciiAlnum, isSpaceCode, isWordCode } from './regionBuilder';

/** A half-open span [start, end) of UTF-16 offsets. */
export type Span = [number, number];

// Bounded lengths keep each attempt constant-time, so scanning stays linear however many candidates a line holds.
const SCHEME = /(?:[A-Za-z][A-Za-z0-9+.-]{1,15}:\/\/|www\.(?=[A-Za-z0-9])|mailto:(?=\S))/y;

/** End of a bare URL starting at i (http://, ftp://, any scheme://, www., mailto:), or -1. */
export function urlEnd(text: string, i: number, lo: number, hi: number): number {
  if (i > lo && isWordCode(text.charCodeAt(i - 1))) return -1;
  const c = text.charCodeAt(i);
  if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) return -1;
  SCHEME.lastIndex = i;
  if (!SCHEME.test(text)) return -1;
  let j = SCHEME.lastIndex;
  let open = 0;
  let close = 0;
  let openSq = 0;
  let closeSq = 0;
  while (j < hi) {
    const d = text.charCodeAt(j);
    if (isSpaceCode(d) || d === 0x3c /* < */ || d === 0x3e /* > */ || d === 0x22 /* " */ || d === 0x60 /* ` */) break;
    if (d === 0x28) open++;
    else if (d === 0x29) close++;
    else if (d === 0x5b) openSq++;
    else if (d === 0x5d) closeSq++;
    j++;
  }
  // Trailing punctuation belongs to the sentence, and an unbalanced closing bracket to the text around the URL.
  while (j > i) {
    const d = text.charCodeAt(j - 1);
    if (d === 0x2e || d === 0x2c || d === 0x3a || d === 0x3b || d === 0x21 || d === 0x3f || d === 0x27 ||
        d === 0x2a || d === 0x5f || d === 0x7e) { j--; continue; }
    if (d === 0x29 && close > open) { close--; j--; continue; }
    if (d === 0x5d && closeSq > openSq) { closeSq--; j--; continue; }
    break;
  }
  return j;
}

function isLocalCode(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x2e || c === 0x2d || c === 0x2b || c === 0x5f || c === 0x25;
}
function isDomainCode(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x2e || c === 0x2d;
}

/** The e-mail address around the '@' at `at`, within [lo, hi), or null. */
export function emailSpan(text: string, at: number, lo: number, hi: number): Span | null {
  let k = at;
  while (k > lo && isLocalCode(text.charCodeAt(k - 1))) k--;
  if (k === at) return null;
  let m = at + 1;
  let dot = false;
  while (m < hi && isDomainCode(text.charCodeAt(m))) m++;
  while (m > at + 1 && (text.charCodeAt(m - 1) === 0x2e || text.charCodeAt(m - 1) === 0x2d)) m--;
  for (let q = at + 1; q < m; q++) if (text.charCodeAt(q) === 0x2e) { dot = true; break; }
  if (!dot || !isAsciiAlnum(text.charCodeAt(at + 1))) return null;
  return [k, m];
}

/**
 * Backtick code spans in [s, e): a run of n backticks up to the next run of exactly n backticks. Runs are
 * indexed by length so each opener finds its closer without rescanning (CommonMark's rule, linear).
 */
export function codeSpans(text: string, s: number, e: number): Span[] {
  const pos: number[] = [];
  const len: number[] = [];
  for (let i = s; i < e; i++) {
    if (text.charCodeAt(i) !== 0x60) continue;
    let j = i + 1;
    while (j < e && text.charCodeAt(j) === 0x60) j++;
    pos.push(i);
    len.push(j - i);
    i = j - 1;
  }
  const byLen = new Map<number, number[]>();
  for (let r = 0; r < pos.length; r++) {
    let list = byLen.get(len[r]);
    if (list === undefined) byLen.set(len[r], (list = []));
    list.push(r);
  }
  const cursor = new Map<number, number>();
  const spans: Span[] = [];
  let r = 0;
  while (r < pos.length) {
    const list = byLen.get(len[r])!;
    let p = cursor.get(len[r]) ?? 0;
    while (p < list.length && list[p] <= r) p++;
    cursor.set(len[r], p);
    if (p < list.length) {
      const closer = list[p];
      spans.push([pos[r], pos[closer] + len[closer]]);
      r = closer + 1;
    } else {
      r++;
    }
  }
  return spans;
}

// {@link Foo} / {@code x} inline tags of JSDoc/Javadoc, and HTML tags (<p>, <br/>, </code>) of doc comments.
const INLINE_TAG = /\{@[A-Za-z]+[^}\n]{0,500}\}/y;

/** Where the doc comment's inline tag that starts at text[at] ends, within limit; -1 where none starts there. */
export function inlineTagEnd(text: string, at: number, limit: number): number {
  INLINE_TAG.lastIndex = at;
  return INLINE_TAG.test(text) && INLINE_TAG.lastIndex <= limit ? INLINE_TAG.lastIndex : -1;
}
const DOC_HTML = /<\/?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>\n]{0,300})?\/?>/y;
const CODE_ELEMENT = /<(code|pre|tt|kbd|samp)>[^]{0,2000}?<\/\1>/y;

/**
 * Emits the prose of one line-ish range of plain text into the builder (current block), skipping URLs, e-mail
 * addresses and, when asked, backtick code spans and doc-comment markup ({@link ...}, HTML tags, <code>...</code>).
 */
export function emitPlain(text: string, s: number, e: number, b: RegionBuilder,
  opts: { code: boolean; doc?: boolean }): void {
  const code = opts.code ? codeSpans(text, s, e) : [];
  let ci = 0;
  let run = s;
  let i = s;
  while (i < e) {
    // A code span that starts inside markup skipped whole (a doc tag's label: "{@link Init | `init` callback}") went
    // with it; the spans after it are still code.
    while (ci < code.length && code[ci][0] < i) ci++;
    if (ci < code.length && code[ci][0] === i) {
      b.add(run, i);
      run = i = code[ci][1];
      ci++;
      continue;
    }
    const c = text.charCodeAt(i);
    if (opts.doc === true && (c === 0x7b || c === 0x3c)) {
      let z = -1;
      if (c === 0x7b) z = inlineTagEnd(text, i, e);
      else {
        for (const re of [CODE_ELEMENT, DOC_HTML]) {
          re.lastIndex = i;
          if (re.test(text) && re.lastIndex <= e) { z = re.lastIndex; break; }
        }
      }
      if (z !== -1) {
        b.add(run, i);
        run = i = z;
        continue;
      }
    }
    if (c === 0x40 /* @ */) {
      const m = emailSpan(text, i, run, e);
      if (m !== null) {
        b.add(run, m[0]);
        run = i = m[1];
        continue;
      }
    } else {
      const u = urlEnd(text, i, s, e);
      if (u !== -1) {
        b.add(run, i);
        run = i = u;
        continue;
      }
    }
    i++;
  }
  b.add(run, e);
}
