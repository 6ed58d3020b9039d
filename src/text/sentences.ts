import type { Region } from './types';
import { codeSpans, inlineTagEnd } from './inline';
import { isSpaceCode } from './regionBuilder';

/** A stretch of the text, UTF-16 offsets, end exclusive. */
export interface Part { start: number; end: number }

export interface Sentence { start: number; end: number; block: number; parts: Part[] }

// Never end a sentence after these (lower-cased, without their final dot).
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'cf', 'viz', 'vs', 'al', 'approx', 'ca', 'resp', 'esp', 'incl',
  'dr', 'mr', 'mrs', 'ms', 'prof', 'sr', 'jr', 'st', 'mt', 'rev', 'gen', 'col', 'lt', 'sgt', 'capt', 'gov', 'sen',
  'rep', 'fig', 'figs', 'eq', 'eqs', 'sec', 'secs', 'ch', 'chap', 'no', 'nos', 'vol', 'vols', 'pp', 'p', 'ed', 'eds',
  'ref', 'refs', 'art', 'dept', 'univ', 'inc', 'ltd', 'co', 'corp', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'u.s', 'u.k', 'u.s.a', 'a.m',
  'p.m', 'ph.d', 'b.sc', 'm.sc', 'min', 'max', 'est', 'n.b', 'ibid', 'op', 'cit']);
const MAX_ABBREVIATION = 12;
const CLOSERS = '"\'\u201d\u2019)]\u00bb\u300d\u300f';
const OPENERS = '"\'\u201c\u2018([\u00ab\u300c\u300e\u00bf\u00a1';
const UPPER_OR_CASELESS = /^[\p{Lu}\p{Lt}\p{Lo}]/u;

function isTerminator(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026;
}
function isCjkTerminator(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f;
}

/** Does the '.' at `dot` end an abbreviation, an initial or a dotted acronym? (looks back a bounded distance) */
function isAbbreviation(text: string, dot: number, partStart: number): boolean {
  let k = dot;
  while (k > partStart && dot - k <= MAX_ABBREVIATION) {
    const c = text.charCodeAt(k - 1);
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2e)) break;
    k--;
  }
  if (k === dot || dot - k > MAX_ABBREVIATION) return false;
  if (k > partStart && !isSpaceCode(text.charCodeAt(k - 1)) && !OPENERS.includes(text[k - 1])) return false;
  const tok = text.slice(k, dot);
  if (tok.length === 1 && tok >= 'A' && tok <= 'Z') return true; // an initial: "J. Smith"
  return ABBREVIATIONS.has(tok.toLowerCase()) || /^(?:[A-Za-z]\.)+[A-Za-z]$/.test(tok);
}

/**
 * Splits each block's regions into sentences. A sentence ends after . ! ? … (and the CJK full stops) plus any
 * closing quotes, when whitespace and a capital (or a caseless letter, or an opening quote) follow, or the block
 * ends; never after an abbreviation, inside a decimal, version or file name, or at an ellipsis followed by a
 * lower-case word. Sentences never cross blocks; parts are the prose pieces (region slices) inside.
 */
export function splitSentences(text: string, regions: Region[]): Sentence[] {
  const out: Sentence[] = [];
  let r = 0;
  while (r < regions.length) {
    let q = r + 1;
    while (q < regions.length && regions[q].block === regions[r].block) q++;
    splitBlock(text, regions, r, q, out);
    r = q;
  }
  return out;
}

function splitBlock(text: string, regions: Region[], from: number, to: number, out: Sentence[]): void {
  const block = regions[from].block;
  let parts: Part[] = [];
  let sStart = -1; // start of the current sentence's unfinished part, -1 before its first character
  const close = (at: number, k: number): void => { // the sentence ends at `at`, inside region k
    if (sStart !== -1 && at > sStart) parts.push({ start: sStart, end: at });
    const clean = parts.map((p) => trim(text, p)).filter((p) => p.end > p.start);
    if (clean.length > 0) out.push({ start: clean[0].start, end: clean[clean.length - 1].end, block, parts: clean });
    parts = [];
    sStart = -1;
    void k;
  };
  for (let k = from; k < to; k++) {
    const { start: rs, end: re } = regions[k];
    let i = rs;
    while (i < re) {
      const c = text.charCodeAt(i);
      if (sStart === -1) {
        if (isSpaceCode(c)) { i++; continue; }
        sStart = i;
      }
      if (isCjkTerminator(c)) {
        let j = i + 1;
        while (j < re && (isCjkTerminator(text.charCodeAt(j)) || CLOSERS.includes(text[j]))) j++;
        close(j, k);
        i = j;
        continue;
      }
      if (!isTerminator(c)) { i++; continue; }
      let j = i + 1;
      while (j < re && isTerminator(text.charCodeAt(j))) j++;
      while (j < re && CLOSERS.includes(text[j])) j++;
      // What follows: whitespace inside this region, or the end of the region followed by whitespace in the text.
      const spaced = j < re ? isSpaceCode(text.charCodeAt(j)) : j >= text.length || isSpaceCode(text.charCodeAt(j));
      if (!spaced || (c === 0x2e && j === i + 1 && isAbbreviation(text, i, rs))) { i = j; continue; }
      const next = nextChar(text, regions, k, j, to);
      if (next === null || UPPER_OR_CASELESS.test(next) || OPENERS.includes(next)) {
        close(j, k);
      }
      i = j;
    }
    if (sStart !== -1) {
      parts.push({ start: sStart, end: re });
      sStart = -1;
    }
  }
  close(-1, to);
}

/** The next non-space character of the block after position j of region k, or null at the block's end. */
function nextChar(text: string, regions: Region[], k: number, j: number, to: number): string | null {
  for (; k < to; k++) {
    const re = regions[k].end;
    for (let i = Math.max(j, regions[k].start); i < re; i++) {
      if (!isSpaceCode(text.charCodeAt(i))) return String.fromCodePoint(text.codePointAt(i)!);
    }
  }
  return null;
}

function trim(text: string, p: Part): Part {
  let { start, end } = p;
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/**
 * What the model reads of a sentence, in order: its prose parts and, between two of them, the text of the inline
 * code spans that alone stand there ("use the `virConnectGetLibVersion()` instead", "If flags `X` is set"), their
 * backticks left out as the training corpus left them out (training/corpus.py), or a link's label that holds such
 * code alone ("an [`Error`][] may be thrown" reads "an Error may be thrown"), and the text a doc comment's inline tag
 * shows ("An {@link Event} which fires" reads "An Event which fires": inlineTagText). Read with a hole where the code
 * was, "use the instead" makes the word beside it look wrong and its slip look right ("An which fires" read "An" as a
 * slip of "And"; "an [`Error`][] may be thrown" read "an" as one of "and", four times in Node's docs). The code is
 * context only: a sentence's words are those of its parts (wordsIn), so nothing in it is ever checked. A gap holding
 * anything else (a link's target, an HTML tag, a URL) stays unread.
 */
export function readSpans(text: string, s: { parts: readonly Part[] }): readonly Part[] {
  const { parts } = s;
  if (parts.length === 1) return parts;
  const out: Part[] = [parts[0]];
  for (let k = 1; k < parts.length; k++) {
    out.push(...codeBetween(text, parts[k - 1].end, parts[k].start), parts[k]);
  }
  return out;
}

/**
 * The contents of the code spans and doc-comment inline tags in [a, b) when nothing but those and whitespace is
 * there; else none.
 */
function codeBetween(text: string, a: number, b: number): Part[] {
  const tick = text.indexOf('`', a), brace = text.indexOf('{@', a);
  if ((tick === -1 || tick >= b) && (brace === -1 || brace >= b)) return [];
  const spans = codeSpans(text, a, b), out: Part[] = [];
  let at = a, k = 0;
  let label = false;   // within a link's label that holds code alone: "[`Error`][]", "[`fs.open()`](#fsopen)"
  while (at < b) {
    if (!label && text.charCodeAt(at) === 0x5b && k < spans.length && spans[k][0] === at + 1) {
      label = true;
      at++;
    } else if (label && text.charCodeAt(at) === 0x5d) {
      // The label reads as its code; the link's target or reference after it is not read.
      label = false;
      at = afterLinkTarget(text, at + 1, b);
      if (at < 0) return [];
    } else if (k < spans.length && spans[k][0] === at) {
      const [from, to] = spans[k++];
      let i = from, j = to;
      while (text.charCodeAt(i) === 0x60) i++;
      while (text.charCodeAt(j - 1) === 0x60) j--;
      const inner = trim(text, { start: i, end: j });
      if (inner.end > inner.start) out.push(inner);
      at = to;
    } else if (text.startsWith('{@', at)) {
      const tag = inlineTagText(text, at, b);
      if (!tag) return [];
      out.push(...tag.parts);
      at = tag.end;
      // A label's own code spans were read with the tag.
      while (k < spans.length && spans[k][0] < at) k++;
    } else if (isSpaceCode(text.charCodeAt(at))) {
      at++;
    } else {
      return [];
    }
  }
  return out;
}

/** Where a link's "(target)" or "[reference]" that begins at i ends (i itself where none does), or -1 past b. */
function afterLinkTarget(text: string, i: number, b: number): number {
  const open = text.charCodeAt(i);
  if (open !== 0x28 && open !== 0x5b) return i;
  const close = text.indexOf(open === 0x28 ? ')' : ']', i + 1);
  return close === -1 || close >= b ? -1 : close + 1;
}

/** A JSDoc or Javadoc inline tag's parts: its name, then what it names up to a "|" or the first blank, then any label. */
const TAG_PARTS = /^\{@([A-Za-z]+)(?:\s+([^\s|}][^|}\n]*?))?\s*(?:\|\s*([^}\n]*?)\s*)?\}$/;

/**
 * What a doc comment's inline tag at text[at] (ending by b) shows a reader, as parts of the text: {@link Target} shows
 * its target, {@link Target label} and {@link Target | label} their label, {@code x} and {@linkcode x} their code; a
 * label's own backticks are left out, as a code span's are. undefined where no tag starts there; no parts for a tag
 * that shows nothing ({@inheritDoc}).
 */
function inlineTagText(text: string, at: number, b: number): { parts: Part[]; end: number } | undefined {
  // The tag's extent is the one the prose regions skipped (inline.ts, inlineTagEnd); its parts are read from it alone.
  const end = inlineTagEnd(text, at, b);
  const tag = end < 0 ? '' : text.slice(at, end);
  const m = TAG_PARTS.exec(tag);
  if (!m) return undefined;
  let shown: Part | undefined;
  if (m[3] !== undefined) {
    const from = at + tag.lastIndexOf(m[3], tag.length - 1);
    shown = { start: from, end: from + m[3].length };
  } else if (m[2] !== undefined) {
    const after = 2 + m[1].length;
    const from = at + after + tag.slice(after).search(/\S/);
    const body = { start: from, end: from + m[2].length };
    // {@link Target label text}: the label is what follows the target's first blank.
    const blank = text.slice(body.start, body.end).search(/\s/);
    shown = /^link/i.test(m[1]) && blank > 0 ? trim(text, { start: body.start + blank, end: body.end }) : body;
  }
  if (!shown || shown.end <= shown.start) return { parts: [], end };
  // The label's own code spans read without their backticks: the runs between them.
  const parts: Part[] = [];
  let from = shown.start;
  for (let i = shown.start; i <= shown.end; i++) {
    if (i === shown.end || text.charCodeAt(i) === 0x60) {
      const p = trim(text, { start: from, end: i });
      if (p.end > p.start) parts.push(p);
      from = i + 1;
    }
  }
  return { parts, end };
}
