import { StopCheck, type Region, type ShouldStop } from './types';
import { Finder, isSpaceCode } from './regionBuilder';
import { splitLines } from './lines';
import { codeSpans, type Span } from './inline';
import { markdownRegions } from './markdown';

/** A JSX tag may span a few lines of props, never a whole document: a longer one is literal text. */
const MAX_TAG = 4000;

/**
 * Positions of the next `ch` at or after each offset (n when none), built in one backward pass so that every
 * "jump past this string" is O(1) however many unclosed quotes the text holds.
 */
function nextIndex(text: string, ch: number): Int32Array {
  const n = text.length;
  const next = new Int32Array(n + 1);
  next[n] = n;
  for (let i = n - 1; i >= 0; i--) next[i] = text.charCodeAt(i) === ch ? i : next[i + 1];
  return next;
}

/**
 * The non-prose spans of an MDX document: ESM lines (import/export), JSX tags, `{expressions}` and HTML comments.
 * Fenced code and inline code are left to the Markdown parser (braces and angle brackets in them are literal).
 */
export function mdxSyntax(text: string, stop: StopCheck): Span[] {
  const n = text.length;
  const { starts, ends } = splitLines(text);
  const skip = new Uint8Array(n); // 1 inside fenced or inline code, where nothing is JSX
  let fence: { ch: number; len: number } | null = null;
  const esm: Span[] = [];
  let prevBlank = true;
  let inEsm = false;
  // Front matter is the Markdown parser's to skip; the ESM that follows it starts a block.
  let first = 0;
  if (text.slice(starts[0], ends[0]).replace(/^\uFEFF/, '').trimEnd() === '---') {
    for (let l = 1; l < starts.length; l++) if (text.slice(starts[l], ends[l]).trimEnd() === '---') { first = l + 1; break; }
  }
  for (let l = first; l < starts.length; l++) {
    const s = starts[l];
    const e = ends[l];
    stop.at(s);
    let p = s;
    while (p < e && (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09)) p++;
    const blank = p === e;
    const c = text.charCodeAt(p);
    if (fence !== null) {
      let z = p;
      while (z < e && text.charCodeAt(z) === fence.ch) z++;
      if (z - p >= fence.len && text.slice(z, e).trim() === '') fence = null;
      skip.fill(1, s, e);
      prevBlank = false;
      continue;
    }
    if (c === 0x60 || c === 0x7e) {
      let z = p;
      while (z < e && text.charCodeAt(z) === c) z++;
      if (z - p >= 3) { fence = { ch: c, len: z - p }; skip.fill(1, s, e); prevBlank = false; continue; }
    }
    if (inEsm && blank) inEsm = false;
    if (!inEsm && prevBlank && p === s && (text.startsWith('import ', s) || text.startsWith('export ', s) ||
        text.startsWith('import{', s) || text.startsWith('export{', s))) inEsm = true;
    if (inEsm) esm.push([s, e]);
    else for (const [a, z] of codeSpans(text, s, e)) skip.fill(1, a, z);
    prevBlank = blank;
  }

  // Braces matched once, outside code: an unmatched '{' is literal text.
  const match = new Int32Array(n).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < n; i++) {
    if (skip[i] === 1) continue;
    const c = text.charCodeAt(i);
    if (c === 0x7b) open.push(i);
    else if (c === 0x7d && open.length > 0) match[open.pop()!] = i;
  }
  const dq = nextIndex(text, 0x22);
  const sq = nextIndex(text, 0x27);

  /** End (exclusive) of the JSX tag at `lt`, or -1: quotes and braces are jumped, a '<' outside them fails. */
  const tagEnd = (lt: number): number => {
    const lim = Math.min(n, lt + MAX_TAG);
    for (let j = lt + 1; j < lim; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x3e) return j + 1;
      if (c === 0x3c) return -1;
      if (c === 0x7b) { if (match[j] === -1) return -1; j = match[j]; }
      else if (c === 0x22 || c === 0x27) {
        const q = (c === 0x22 ? dq : sq)[j + 1];
        if (q >= lim) return -1;
        j = q;
      }
    }
    return -1;
  };

  const spans: Span[] = [];
  let k = 0;
  const commentEnd = new Finder(text, '-->', n); // memoised: many unclosed '<!--' stay linear
  for (let i = 0; i < n;) {
    if (k < esm.length && esm[k][0] === i) { spans.push(esm[k]); i = esm[k][1]; k++; continue; }
    if (i % 4096 === 0) stop.at(i);
    if (skip[i] === 1) { i++; continue; }
    const c = text.charCodeAt(i);
    if (c === 0x7b && match[i] !== -1) { spans.push([i, match[i] + 1]); i = match[i] + 1; continue; }
    if (c === 0x3c) {
      if (text.startsWith('<!--', i)) {
        const z = commentEnd.find(i + 4);
        if (z !== -1) { spans.push([i, z + 3]); i = z + 3; continue; }
      }
      const d = text.charCodeAt(i + 1);
      const tagLike = d === 0x2f || d === 0x3e || (d >= 0x41 && d <= 0x5a) || (d >= 0x61 && d <= 0x7a);
      const z = tagLike ? tagEnd(i) : -1;
      if (z !== -1) { spans.push([i, z]); i = z; continue; }
    }
    i++;
  }
  return spans;
}

/** `text` with every span blanked to spaces, line breaks kept, so offsets and line structure stay the same. */
function blank(text: string, spans: Span[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const [a, z] of spans) {
    parts.push(text.slice(at, a), text.slice(a, z).replace(/[^\r\n]/g, ' '));
    at = z;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * MDX (Docusaurus, Astro, Next.js docs): Markdown whose import/export lines, JSX tags and `{expressions}` are not
 * prose. They are blanked (offsets kept), the rest is read as Markdown without indented code (MDX has none),
 * and prose regions are cut where a blanked span sat, so "Hello {name}, welcome" does not read as one phrase.
 */
export function mdxRegions(text: string, shouldStop?: ShouldStop): Region[] {
  const stop = new StopCheck(shouldStop);
  const spans = mdxSyntax(text, stop);
  const regions = markdownRegions(blank(text, spans), shouldStop, { indentedCode: false });
  const out: Region[] = [];
  let k = 0;
  const push = (start: number, end: number, block: number): void => {
    while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
    while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
    if (start < end) out.push({ start, end, block });
  };
  for (const r of regions) {
    while (k < spans.length && spans[k][1] <= r.start) k++;
    let from = r.start;
    for (let m = k; m < spans.length && spans[m][0] < r.end; m++) {
      push(from, Math.min(spans[m][0], r.end), r.block);
      from = Math.max(from, spans[m][1]);
    }
    push(from, r.end, r.block);
  }
  return out;
}
