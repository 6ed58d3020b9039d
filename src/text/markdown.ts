import { StopCheck, type Region, type ShouldStop } from './types';
import { RegionBuilder, isSpaceCode, trimEnd } from './regionBuilder';
import { splitLines } from './lines';
import type { Span } from './inline';
import { LruMap } from './lru';
import { clipToSegments, markdownInline } from './markdownInline';

const HTML_1 = /^<(?:script|pre|style|textarea)(?:\s|>|$)/i;
const HTML_6 = /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|picture|search|section|source|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|\/?>|$)/i;
// A whole line that is one open or closing tag (CommonMark HTML block type 7); bounded so it cannot backtrack badly.
const HTML_7 = /^(?:<[A-Za-z][A-Za-z0-9-]{0,63}(?:\s{1,50}[A-Za-z_:][A-Za-z0-9_.:-]{0,63}(?:\s{0,50}=\s{0,50}(?:[^\s"'=<>`]{1,500}|'[^']{0,1000}'|"[^"]{0,1000}"))?){0,50}\s{0,50}\/?>|<\/[A-Za-z][A-Za-z0-9-]{0,63}\s{0,50}>)\s*$/;
const THEMATIC = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT = /^(?:=+|-+)[ \t]*$/;
const ATX = /^#{1,6}(?:[ \t]+|$)/;
const FOOTNOTE_DEF = /^\[\^[^\]]{1,100}\]:[ \t]?/;
const REFERENCE_DEF = /^\[[^\]]{1,999}\]:[ \t]*\S/;
const REFERENCE_LINE = /^\[[^\]]{1,999}\]:[ \t]*\S+(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$/;
const TASK = /^\[[ xX]\](?:[ \t]|$)/;

interface Fence { ch: number; len: number; quote: number; base: number }

/** Where a Markdown dialect departs from CommonMark: MDX has no indented code blocks (JSX children are indented). */
export interface MarkdownDialect { indentedCode?: boolean }

/** End condition of an HTML block starting on this line: a RegExp for its closing text, null for "until a blank
 *  line", undefined when the line does not start one. */
function htmlBlockStart(line: string, inParagraph: boolean): RegExp | null | undefined {
  if (HTML_1.test(line)) return /<\/(?:script|pre|style|textarea)>/i;
  if (line.startsWith('<!--')) return /-->/;
  if (line.startsWith('<?')) return /\?>/;
  if (line.startsWith('<![CDATA[')) return /\]\]>/;
  if (/^<![A-Za-z]/.test(line)) return />/;
  if (HTML_6.test(line)) return null;
  if (!inParagraph && HTML_7.test(line)) return null;
  return undefined;
}

/** Position after a list marker at pos ("-", "+", "*", "1.", "1)"), or -1. A marker that would interrupt a
 *  paragraph must be followed by content, and an ordered one must start at 1 (CommonMark). */
function listMarkerEnd(text: string, pos: number, le: number, interrupting: boolean): number {
  const c = text.charCodeAt(pos);
  let n: number;
  if (c === 0x2d || c === 0x2b || c === 0x2a) {
    n = pos + 1;
  } else {
    let z = pos;
    while (z < le && z - pos < 9 && text.charCodeAt(z) >= 0x30 && text.charCodeAt(z) <= 0x39) z++;
    if (z === pos || z >= le) return -1;
    const d = text.charCodeAt(z);
    if (d !== 0x2e && d !== 0x29) return -1;
    if (interrupting && text.slice(pos, z) !== '1') return -1;
    n = z + 1;
  }
  if (n >= le) return interrupting ? -1 : n;
  const after = text.charCodeAt(n);
  if (after !== 0x20 && after !== 0x09) return -1;
  if (interrupting && n + 1 >= le) return -1;
  return n;
}

/** Number of the first line after YAML (---) or TOML (+++) front matter, or 0 when there is none. */
function frontMatterEnd(text: string, starts: number[], ends: number[]): number {
  const open = text.slice(starts[0], ends[0]).replace(/^\uFEFF/, '').trimEnd();
  if (open !== '---' && open !== '+++') return 0;
  for (let l = 1; l < starts.length; l++) {
    const t = text.slice(starts[l], ends[l]).trimEnd();
    if (t === open || (open === '---' && t === '...')) return l + 1;
  }
  return 0;
}

/** Strips up to `max` blockquote markers; returns the content position and how many were stripped. */
function stripQuotes(text: string, ls: number, le: number, max: number): [number, number] {
  let p = ls;
  let quote = 0;
  while (quote < max) {
    let q = p;
    while (q < le && q - p < 3 && text.charCodeAt(q) === 0x20) q++;
    if (q >= le || text.charCodeAt(q) !== 0x3e) break;
    quote++;
    p = q + 1;
    if (p < le && (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09)) p++;
  }
  return [p, quote];
}

function isClosingFence(text: string, c: number, le: number, f: Fence): boolean {
  let z = c;
  while (z < le && text.charCodeAt(z) === f.ch) z++;
  if (z - c < f.len) return false;
  while (z < le && isSpaceCode(text.charCodeAt(z))) z++;
  return z === le;
}

/** Emits the inline prose of a run of line segments as one block. */
function emitInline(text: string, segs: Span[], b: RegionBuilder): void {
  b.newBlock();
  const s = segs[0][0], e = segs[segs.length - 1][1];
  // The inline parse reads [s, e) and the character before s (a word character there changes what an opening
  // `$`, `:` or URL means); what the segments keep is relative to s. So a paragraph an edit left alone
  // is looked up, not parsed again.
  let key = `${s === 0 ? '' : text[s - 1]}\u0000`;
  for (const [a, z] of segs) key += `${a - s},${z - s},`;
  key += `\u0000${text.slice(s, e)}`;
  let kept = inlineMemo.get(key);
  if (!kept) {
    const pieces: Span[] = [];
    markdownInline(text, s, e, (a, z) => { pieces.push([a, z]); });
    const spans: number[] = [];
    clipToSegments(pieces, segs, (a, z) => { spans.push(a - s, z - s); });
    inlineMemo.set(key, (kept = { spans, chars: key.length }));
  }
  for (let k = 0; k < kept.spans.length; k += 2) b.add(kept.spans[k] + s, kept.spans[k + 1] + s);
  b.newBlock();
}

/** Characters of paragraphs' inline parses remembered by default (a few 10k-word documents' worth). */
export const INLINE_MEMO_CHARS = 500_000;

type InlineMemo = LruMap<string, { spans: number[]; chars: number }>;
const newInlineMemo = (chars: number): InlineMemo => new LruMap(chars, (v) => v.chars + 8 * v.spans.length);

/** Paragraphs' inline parses by content; bounded by characters held (key) and 8 per span kept. */
let inlineMemo = newInlineMemo(INLINE_MEMO_CHARS);

/** Forgets every remembered inline parse (tests compare against a cold parse). */
export function clearInlineMemo(): void {
  inlineMemo.clear();
}

/** A new, empty inline memo of `chars` (engine/cacheBudgets.ts). */
export function setInlineMemoChars(chars: number): void {
  inlineMemo = newInlineMemo(chars);
}

/** What the inline memo holds now (tests). */
export function inlineMemoUsage(): { chars: number; capacity: number } {
  return { chars: inlineMemo.units, capacity: inlineMemo.capacity };
}

/** True when `row` is a GFM table delimiter row ("| :--- | ---: |"): cells of dashes with optional colons, split
 *  by pipes. A hand scanner, one pass: the regex it replaces backtracked quadratically on a long run of spaces. */
function isTableDelimiter(row: string): boolean {
  let i = 0;
  const n = row.length;
  const blank = (): void => { while (i < n && (row.charCodeAt(i) === 0x20 || row.charCodeAt(i) === 0x09)) i++; };
  blank();
  if (row.charCodeAt(i) === 0x7c) i++;
  let cells = 0;
  for (;;) {
    blank();
    if (i >= n) return cells > 0;
    if (row.charCodeAt(i) === 0x3a) i++;
    const dashes = i;
    while (i < n && row.charCodeAt(i) === 0x2d) i++;
    if (i === dashes) return false;
    if (row.charCodeAt(i) === 0x3a) i++;
    cells++;
    blank();
    if (i >= n) return true;
    if (row.charCodeAt(i) !== 0x7c) return false;
    i++;
  }
}

/**
 * Whether [pos, le) is a thematic break ("- - -", "***", "_ _ _"), answered for increasing positions of one line
 * in linear total time: the break can only be the line's suffix of one marker character and blanks, found once.
 */
class ThematicTail {
  private from = -1;
  private marker = 0;
  constructor(private readonly text: string, private readonly le: number) {}

  at(pos: number): boolean {
    const t = this.text;
    if (this.from === -1) {
      let j = this.le;
      while (j > pos) {
        const c = t.charCodeAt(j - 1);
        if (c === 0x20 || c === 0x09) { j--; continue; }
        if (c !== 0x2a && c !== 0x2d && c !== 0x5f) break;
        if (this.marker === 0) this.marker = c;
        else if (c !== this.marker) break;
        j--;
      }
      this.from = j;
    }
    if (pos < this.from || t.charCodeAt(pos) !== this.marker) return false;
    let count = 0;
    for (let j = pos; j < this.le && count < 3; j++) if (t.charCodeAt(j) === this.marker) count++;
    return count >= 3;
  }
}

/** Number of cells in a table row: unescaped pipes, not counting a leading or trailing one. */
function cellCount(row: string): number {
  const t = row.trim();
  let n = 1;
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 0x7c && t.charCodeAt(i - 1) !== 0x5c) n++;
  if (t.startsWith('|')) n--;
  if (t.length > 1 && t.endsWith('|') && !t.endsWith('\\|')) n--;
  return n;
}

/** Emits a table row: each cell (split on unescaped '|') is a block. */
function emitRow(text: string, s: number, e: number, b: RegionBuilder): void {
  e = trimEnd(text, s, e);
  if (text.charCodeAt(s) === 0x7c) s++;
  if (e > s && text.charCodeAt(e - 1) === 0x7c && text.charCodeAt(e - 2) !== 0x5c) e--;
  let cell = s;
  for (let i = s; i <= e; i++) {
    if (i === e || (text.charCodeAt(i) === 0x7c && text.charCodeAt(i - 1) !== 0x5c)) {
      if (i > cell) emitInline(text, [[cell, i]], b);
      cell = i + 1;
    }
  }
}

/**
 * Markdown (CommonMark + GFM tables, footnotes and math): paragraphs, headings, list items, table cells and
 * blockquote paragraphs are blocks; code, HTML, front matter, math and link machinery are skipped.
 */
export function markdownRegions(text: string, shouldStop?: ShouldStop, dialect: MarkdownDialect = {}): Region[] {
  const indentedCode = dialect.indentedCode !== false;
  const b = new RegionBuilder(text);
  const stop = new StopCheck(shouldStop);
  const { starts, ends } = splitLines(text);
  let para: Span[] | null = null;
  let fence: Fence | null = null;
  let html: RegExp | null | undefined;
  let mathBlock = false;
  let table = false;
  let lists: number[] = [];
  let prevQuote = 0;
  const flush = (): void => {
    if (para !== null) emitInline(text, para, b);
    para = null;
  };

  for (let l = frontMatterEnd(text, starts, ends); l < starts.length; l++) {
    const ls = l === 0 && text.charCodeAt(0) === 0xfeff ? 1 : starts[l]; // a BOM is not content
    const le = ends[l];
    stop.at(ls);
    let [p, quote] = stripQuotes(text, ls, le, fence !== null ? fence.quote : Infinity);
    let c = p;
    let indent = 0;
    const measure = (): void => {
      c = p;
      indent = 0;
      for (; c < le; c++) {
        const ch = text.charCodeAt(c);
        if (ch === 0x20) indent++;
        else if (ch === 0x09) indent += 4 - (indent % 4);
        else break;
      }
    };
    measure();
    let blank = c >= le || trimEnd(text, c, le) === c;

    if (fence !== null) {
      const ended = quote < fence.quote || (!blank && indent < fence.base);
      if (!ended) {
        if (indent - fence.base < 4 && isClosingFence(text, c, le, fence)) fence = null;
        continue;
      }
      fence = null;
      [p, quote] = stripQuotes(text, ls, le, Infinity);
      measure();
      blank = c >= le || trimEnd(text, c, le) === c;
    }
    if (html !== undefined) {
      if (html === null ? blank : html.test(text.slice(c, le))) html = undefined;
      if (!blank) continue;
    }
    if (mathBlock) {
      if (text.slice(c, le).includes('$$')) mathBlock = false;
      continue;
    }
    if (blank) {
      flush();
      table = false;
      b.newBlock();
      continue;
    }
    if (quote !== prevQuote) {
      const lazy = para !== null && quote < prevQuote;
      if (!lazy) {
        flush();
        table = false;
        lists = [];
        prevQuote = quote;
      }
    }
    const inList = lists.length > 0; // a sibling item of an open list does not "interrupt" its paragraph
    while (lists.length > 0 && indent < lists[lists.length - 1]) lists.pop();
    const base = lists.length > 0 ? lists[lists.length - 1] : 0;
    if (indentedCode && indent - base >= 4) {
      if (para !== null) para.push([c, le]);
      else b.newBlock(); // indented code block
      continue;
    }

    let pos = c;
    let col = indent;
    let line = text.slice(pos, le);
    if ((para !== null && SETEXT.test(line)) || THEMATIC.test(line)) {
      flush();
      table = false;
      b.newBlock();
      continue;
    }
    let item = false;
    const thematic = new ThematicTail(text, le);
    for (;;) {
      const m = listMarkerEnd(text, pos, le, para !== null && !item && !inList);
      if (m === -1) break;
      flush();
      table = false;
      b.newBlock();
      let q = m;
      while (q < le && (text.charCodeAt(q) === 0x20 || text.charCodeAt(q) === 0x09) && q - m < 5) q++;
      let spaces = q - m;
      if (q >= le) spaces = 1;
      else if (spaces > 4) { spaces = 1; q = m + 1; }
      const contentCol = col + (m - pos) + spaces;
      while (lists.length > 0 && lists[lists.length - 1] > col) lists.pop();
      lists.push(contentCol);
      pos = q;
      col = contentCol;
      item = true;
      if (TASK.test(text.slice(pos, Math.min(le, pos + 4)))) {
        pos += 3;
        while (pos < le && (text.charCodeAt(pos) === 0x20 || text.charCodeAt(pos) === 0x09)) pos++;
      }
      if (thematic.at(pos)) break;
    }
    if (pos >= le) continue;
    if (item) line = text.slice(pos, le);

    const ch = text.charCodeAt(pos);
    if (ch === 0x60 || ch === 0x7e) {
      let z = pos;
      while (z < le && text.charCodeAt(z) === ch) z++;
      let info = true;
      if (ch === 0x60) for (let k = z; k < le; k++) if (text.charCodeAt(k) === 0x60) { info = false; break; }
      if (z - pos >= 3 && info) {
        flush();
        table = false;
        b.newBlock();
        fence = { ch, len: z - pos, quote, base: lists.length > 0 ? lists[lists.length - 1] : 0 };
        continue;
      }
    }
    if (line.startsWith('$$')) {
      flush();
      b.newBlock();
      if (!line.includes('$$', 2)) mathBlock = true;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx !== null) {
      flush();
      table = false;
      const hs = pos + atx[0].length;
      let he = trimEnd(text, hs, le);
      let z = he;
      while (z > hs && text.charCodeAt(z - 1) === 0x23) z--;
      if (z === hs || text.charCodeAt(z - 1) === 0x20 || text.charCodeAt(z - 1) === 0x09) he = z;
      if (he > hs) emitInline(text, [[hs, he]], b);
      continue;
    }
    if (ch === 0x3c) {
      const end = htmlBlockStart(line, para !== null);
      if (end !== undefined) {
        flush();
        table = false;
        b.newBlock();
        if (end === null || !end.test(line.slice(2))) html = end;
        continue;
      }
    }
    if (ch === 0x5b) {
      const fn = FOOTNOTE_DEF.exec(line);
      if (fn !== null) {
        flush();
        para = [[pos + fn[0].length, le]];
        continue;
      }
      // CommonMark lets no definition interrupt a paragraph, but a line that is nothing but "[label]: target"
      // is a definition in practice (they are written in runs, often right after footnotes).
      if (para === null ? REFERENCE_DEF.test(line) : REFERENCE_LINE.test(line)) {
        flush();
        b.newBlock();
        continue;
      }
    }
    if (!table && line.includes('|') && l + 1 < starts.length) {
      const [np] = stripQuotes(text, starts[l + 1], ends[l + 1], quote);
      const next = text.slice(np, ends[l + 1]).trim();
      if (isTableDelimiter(next) && cellCount(next) === cellCount(line)) {
        flush();
        emitRow(text, pos, le, b);
        table = true;
        l++;
        continue;
      }
    }
    if (table) {
      emitRow(text, pos, le, b);
      continue;
    }
    if (para === null) para = [];
    // A trailing backslash is a hard line break, not prose.
    const segEnd = le > pos && text.charCodeAt(le - 1) === 0x5c ? le - 1 : le;
    para.push([pos, segEnd]);
  }
  flush();
  return b.regions;
}
