import { Finder, isAsciiAlnum, isSpaceCode, isWordCode } from './regionBuilder';
import { Span, codeSpans, emailSpan, urlEnd } from './inline';

// Each pattern is bounded so one attempt costs O(1) and a paragraph full of '<' or '&' stays linear.
const AUTOLINK = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]{0,2000}|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9.-]{1,253})>/y;
const HTML_TAG = /<(?:\/[A-Za-z][A-Za-z0-9-]{0,63}\s{0,50}|[A-Za-z][A-Za-z0-9-]{0,63}(?:\s{1,50}[A-Za-z_:][A-Za-z0-9_.:-]{0,63}(?:\s{0,50}=\s{0,50}(?:[^\s"'=<>`]{1,500}|'[^']{0,1000}'|"[^"]{0,1000}"))?){0,50}\s{0,50}\/?|\?[^>]{0,2000}\?|![A-Za-z][^>]{0,2000}|!\[CDATA\[[^\]]{0,2000}\]\])>/y;
const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
const MAX_TEMPLATE_TAG = 500;
const SHORTCODE = /:[a-z0-9_+-]{1,40}:/y;                            // emoji shortcodes like :tada:
const FOOTNOTE_REF = /\[\^[^\]\s]{1,100}\]/y;
const MAX_TARGET = 2000;

function isAsciiPunct(c: number): boolean {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

/** End (exclusive) of a bracketed group opening at i with `open`/`close`, nesting, within MAX_TARGET, or -1. */
function matchBracket(text: string, i: number, e: number, open: number, close: number): number {
  let depth = 0;
  const lim = Math.min(e, i + MAX_TARGET);
  for (let j = i; j < lim; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) { j++; continue; }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
  }
  return -1;
}

/**
 * Finds the next `$` that may close inline math (non-space before it, no digit after it, not escaped) at or after
 * a position; positions only grow, so each character is examined once.
 */
class DollarCloser {
  private scanned: number;
  private found = -1;
  constructor(private readonly text: string, start: number, private readonly e: number) { this.scanned = start; }
  next(i: number): number {
    if (this.found >= i) return this.found;
    let j = Math.max(i, this.scanned);
    const t = this.text;
    for (; j < this.e; j++) {
      if (t.charCodeAt(j) !== 0x24) continue;
      const before = t.charCodeAt(j - 1);
      const after = j + 1 < this.e ? t.charCodeAt(j + 1) : 0;
      if (!isSpaceCode(before) && before !== 0x5c && before !== 0x24 && after !== 0x24 && !(after >= 0x30 && after <= 0x39)) break;
    }
    this.scanned = j;
    this.found = j < this.e ? j : -1;
    return this.found;
  }
}

/**
 * Prose pieces of one Markdown inline range [s, e): skips code spans, autolinks and bare URLs, e-mails, HTML tags
 * and comments, entities, math, link/image targets and reference labels, footnote references, emphasis markers,
 * brackets and backslashes of escapes. Calls emit(start, end) for each prose piece, in order.
 */
export function markdownInline(text: string, s: number, e: number, emit: (a: number, b: number) => void): void {
  const code = codeSpans(text, s, e);
  const commentEnd = new Finder(text, '-->', e);
  const displayEnd = new Finder(text, '$$', e);
  const dollar = new DollarCloser(text, s, e);
  const closeParen = new Finder(text, ')', e);
  const closeSquare = new Finder(text, ']', e);
  const closeAngle = new Finder(text, '>', e);
  const openAngle = new Finder(text, '<', e);
  const closeTemplate = new Finder(text, '}}', e);
  const closeTag = new Finder(text, '%}', e);
  const newline = new Finder(text, '\n', e);
  let ci = 0;
  let run = s;
  let i = s;
  const skipTo = (a: number, z: number): void => {
    if (a > run) emit(run, a);
    run = i = z;
  };
  while (i < e) {
    while (ci < code.length && code[ci][1] <= i) ci++;
    if (ci < code.length && code[ci][0] === i) { skipTo(i, code[ci][1]); ci++; continue; }
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x5c: { // backslash escape: drop the backslash, keep the character
        if (i + 1 < e && isAsciiPunct(text.charCodeAt(i + 1))) { skipTo(i, i + 1); i++; continue; }
        break;
      }
      case 0x60: { // an unmatched backtick run is literal
        while (i < e && text.charCodeAt(i) === 0x60) i++;
        continue;
      }
      case 0x3c: { // <
        AUTOLINK.lastIndex = i;
        if (AUTOLINK.test(text) && AUTOLINK.lastIndex <= e) { skipTo(i, AUTOLINK.lastIndex); continue; }
        if (text.startsWith('<!--', i)) {
          const z = commentEnd.find(i + 4);
          if (z !== -1) { skipTo(i, z + 3); continue; }
        }
        // A tag needs a '>' before the next '<'; checking that first keeps runs of '<' cheap.
        const gt = closeAngle.find(i + 1);
        const lt = openAngle.find(i + 1);
        if (gt !== -1 && (lt === -1 || gt < lt) && gt - i <= 2100) {
          HTML_TAG.lastIndex = i;
          if (HTML_TAG.test(text) && HTML_TAG.lastIndex <= e) { skipTo(i, HTML_TAG.lastIndex); continue; }
        }
        break;
      }
      case 0x24: { // $ math
        if (i + 1 < e && text.charCodeAt(i + 1) === 0x24) {
          const z = displayEnd.find(i + 2);
          if (z !== -1) { skipTo(i, z + 2); continue; }
          i += 2;
          continue;
        }
        const after = i + 1 < e ? text.charCodeAt(i + 1) : 0x20;
        if (!isSpaceCode(after)) {
          const z = dollar.next(i + 2);
          if (z !== -1) { skipTo(i, z + 1); continue; }
        }
        break;
      }
      case 0x21: // '!' of an image
        if (i + 1 < e && text.charCodeAt(i + 1) === 0x5b) { skipTo(i, i + 1); continue; }
        break;
      case 0x5b: { // [
        FOOTNOTE_REF.lastIndex = i;
        if (FOOTNOTE_REF.test(text) && FOOTNOTE_REF.lastIndex <= e) { skipTo(i, FOOTNOTE_REF.lastIndex); continue; }
        skipTo(i, i + 1);
        continue;
      }
      case 0x5d: { // ] possibly followed by a link target (...) or a reference label [...]
        const n = i + 1 < e ? text.charCodeAt(i + 1) : 0;
        let z = i + 1;
        // The memoised search for the nearest closer fails fast when there is none in reach.
        const near = n === 0x28 ? closeParen.find(i + 2) : n === 0x5b ? closeSquare.find(i + 2) : -1;
        if (near !== -1 && near - i <= MAX_TARGET) {
          const m = matchBracket(text, i + 1, e, n, n === 0x28 ? 0x29 : 0x5d);
          if (m !== -1) z = m;
        }
        skipTo(i, z);
        continue;
      }
      case 0x2a: case 0x7e: { // * and ~ runs are emphasis/strikethrough markers
        let z = i + 1;
        while (z < e && text.charCodeAt(z) === c) z++;
        skipTo(i, z);
        continue;
      }
      case 0x5f: { // _ runs are emphasis unless inside a word (snake_case stays one token)
        let z = i + 1;
        while (z < e && text.charCodeAt(z) === 0x5f) z++;
        const inWord = i > s && isWordCode(text.charCodeAt(i - 1)) && z < e && isWordCode(text.charCodeAt(z));
        if (!inWord) { skipTo(i, z); continue; }
        i = z;
        continue;
      }
      case 0x7b: { // {{ template }} and {% tag %} of Liquid/Jinja/Hugo docs sites, on one line
        const d = i + 1 < e ? text.charCodeAt(i + 1) : 0;
        if (d === 0x7b || d === 0x25) {
          const z = (d === 0x7b ? closeTemplate : closeTag).find(i + 2); // memoised: many '{{' stay linear
          if (z !== -1 && z - i <= MAX_TEMPLATE_TAG && (newline.find(i) === -1 || newline.find(i) > z)) { skipTo(i, z + 2); continue; }
        }
        break;
      }
      case 0x3a: { // :shortcode:
        SHORTCODE.lastIndex = i;
        if ((i === s || !isWordCode(text.charCodeAt(i - 1))) && SHORTCODE.test(text) && SHORTCODE.lastIndex <= e &&
            (SHORTCODE.lastIndex === e || !isWordCode(text.charCodeAt(SHORTCODE.lastIndex)))) {
          skipTo(i, SHORTCODE.lastIndex);
          continue;
        }
        break;
      }
      case 0x26: { // &entity;
        ENTITY.lastIndex = i;
        if (ENTITY.test(text) && ENTITY.lastIndex <= e) { skipTo(i, ENTITY.lastIndex); continue; }
        break;
      }
      case 0x40: { // e-mail
        const m = emailSpan(text, i, run, e);
        if (m !== null) { skipTo(m[0], m[1]); continue; }
        break;
      }
      default: {
        if (isAsciiAlnum(c)) {
          const u = urlEnd(text, i, s, e);
          if (u !== -1) { skipTo(i, u); continue; }
        }
      }
    }
    i++;
  }
  if (run < e) emit(run, e);
}

/** How far from a word linkNamesItsTarget looks for the brackets of its label: a label is a name or a few words. */
const LABEL_REACH = 120;

/** Letters and digits of s, lower case: how a link's label is compared with its target. */
const bare = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Is text[start, end) in the label of a Markdown link that names its own target: the label's letters and digits,
 * three or more, stand in the target's ("[cpy](https://github.com/sindresorhus/cpy)", "[Sindre
 * Sorhus](https://github.com/sindresorhus)")? Such a label is the name of a package, a repository or a person, spelt
 * as the target spells it: no slip to flag, though the sentence reads it as a word (the model's context keeps it).
 * Looks LABEL_REACH characters either way and no further than a line of the label's.
 */
export function linkNamesItsTarget(text: string, start: number, end: number): boolean {
  const label = labelAround(text, start, end);
  if (!label) return false;
  const [a, z] = label;
  const target = targetAfter(text, z);
  if (target === undefined) return false;
  const name = bare(text.slice(a + 1, z));
  return name.length >= 3 && bare(target).includes(name);
}

/**
 * The target of the inline link whose label closes at z ("](target)"), within MAX_TARGET: blanks and at most one
 * line break may open it (CommonMark's "[a](\n/uri)"), and no line break is in it after that, so it lies on the
 * label's line or the next; undefined for none.
 */
function targetAfter(text: string, z: number): string | undefined {
  if (text.charCodeAt(z + 1) !== 0x28 /* ( */) return undefined;
  const target = text.slice(z + 2, z + 2 + MAX_TARGET);
  const open = TARGET_OPEN.exec(target)![0].length;
  const close = target.slice(open).search(/[)\n]/);
  return close < 0 || target[open + close] === '\n' ? undefined : target.slice(0, open + close);
}
const TARGET_OPEN = /^[ \t]*(?:\r?\n[ \t]*)?/;

/**
 * Is text[start, end) a capitalised word that is a Markdown link's whole label, the link to a web page whose address
 * does not begin to spell it ("[Nermal](https://arjunaditya.vercel.app)" in a list of contributors)? A name, a
 * person's, a product's or a site's, spelt as its owner spells it; a slip of a word there links to a page whose
 * address begins to spell the word ("[Instalation](https://x.org/install)"), and a contents list links to an anchor
 * ("[Instalation](#installation)"): both are still read.
 */
export function linkIsAName(text: string, start: number, end: number): boolean {
  if (!/^\p{Lu}/u.test(text.slice(start, end))) return false;
  const label = labelAround(text, start, end);
  if (!label) return false;
  const [a, z] = label;
  if (text.slice(a + 1, z).trim() !== text.slice(start, end)) return false;
  const url = targetAfter(text, z)?.trim();
  if (url === undefined) return false;
  const stem = bare(text.slice(start, end)).slice(0, 4);
  return /^https?:\/\//i.test(url) && stem.length >= 3 && !bare(url).includes(stem);
}

/**
 * The alt texts of images that are a link's whole label, "[![npm version](badge.svg)](url)", as [start, end) spans in
 * text order: a badge's or a logo's label ("neostandard javascript style", "Build Status"), which names what it shows
 * rather than saying anything. One line each, the alt text within LABEL_REACH characters and each target within
 * MAX_TARGET.
 */
export function linkedImageAlts(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (let at = text.indexOf('[!['); at >= 0; at = text.indexOf('[![', at + 3)) {
    const label = labelAround(text, at + 3, at + 3);
    if (!label || text.charCodeAt(label[1] + 1) !== 0x28 /* ( */) continue;
    const [a, z] = label;
    let close = z + 2;
    for (; close < text.length && close - z <= MAX_TARGET; close++) {
      const c = text.charCodeAt(close);
      if (c === 0x29 /* ) */ || c === 0x0a) break;
    }
    if (text.charCodeAt(close) === 0x29 && text.charCodeAt(close + 1) === 0x5d && text.charCodeAt(close + 2) === 0x28) out.push([a + 1, z]);
  }
  return out;
}

/**
 * The brackets of the label text[start, end) lies in: [the "[", the "]"], within LABEL_REACH characters either way,
 * on a line of the label's, no bracket between; undefined where there is none.
 */
function labelAround(text: string, start: number, end: number): [number, number] | undefined {
  const lo = Math.max(0, start - LABEL_REACH), hi = Math.min(text.length, end + LABEL_REACH);
  let a = start - 1;
  for (; a >= lo && text.charCodeAt(a) !== 0x5b /* [ */; a--) {
    const c = text.charCodeAt(a);
    if (c === 0x5d /* ] */ || c === 0x0a) return undefined;
  }
  let z = end;
  for (; z < hi && text.charCodeAt(z) !== 0x5d; z++) {
    const c = text.charCodeAt(z);
    if (c === 0x5b || c === 0x0a) return undefined;
  }
  return a < lo || z >= hi ? undefined : [a, z];
}

/** Intersects sorted prose pieces with sorted line segments, calling add for each non-empty overlap. */
export function clipToSegments(pieces: Span[], segs: Span[], add: (a: number, b: number) => void): void {
  let k = 0;
  for (const [a, z] of pieces) {
    while (k < segs.length && segs[k][1] <= a) k++;
    for (let m = k; m < segs.length && segs[m][0] < z; m++) {
      const lo = Math.max(a, segs[m][0]);
      const hi = Math.min(z, segs[m][1]);
      if (lo < hi) add(lo, hi);
    }
  }
}
