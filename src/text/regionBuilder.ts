import type { Region } from './types';

/** Whitespace for trimming regions: ASCII space/controls, NBSP, the BOM, line/paragraph separators, Zs. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x80) return false;
  return c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

export function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Letters/digits/underscore, with every non-ASCII non-space code unit counted as a word character (cheap and
 *  good enough for "is this position inside a word" boundary checks). */
export function isWordCode(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x5f || (c >= 0x80 && !isSpaceCode(c));
}

/**
 * Collects prose regions in document order. Regions are trimmed of whitespace, empty ones are dropped, and two
 * touching regions of the same block are merged. Blocks are numbered lazily so that a block that received no
 * prose does not consume a number.
 */
export class RegionBuilder {
  readonly regions: Region[] = [];
  private block = 0;
  private used = false;

  constructor(private readonly text: string) {}

  add(start: number, end: number): void {
    const t = this.text;
    while (start < end && isSpaceCode(t.charCodeAt(start))) start++;
    while (end > start && isSpaceCode(t.charCodeAt(end - 1))) end--;
    if (start >= end) return;
    const last = this.regions.length > 0 ? this.regions[this.regions.length - 1] : undefined;
    if (last !== undefined && start < last.end) {
      throw new Error(`prose regions out of order: [${start}, ${end}) after [${last.start}, ${last.end})`);
    }
    this.used = true;
    if (last !== undefined && last.end === start && last.block === this.block) {
      last.end = end;
      return;
    }
    this.regions.push({ start, end, block: this.block });
  }

  /** Ends the current block; the next region starts a new one. */
  newBlock(): void {
    if (this.used) {
      this.block++;
      this.used = false;
    }
  }
}

/** First non-whitespace position in [s, e), or e. */
export function skipSpaces(text: string, s: number, e: number): number {
  while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
  return s;
}

/** One position past the last non-whitespace character in [s, e), or s. */
export function trimEnd(text: string, s: number, e: number): number {
  while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
  return e;
}

/**
 * indexOf with memory, for scanners that may ask for the same closing delimiter from many increasing positions:
 * once a search from p found q (or nothing), every search from [p, q] is answered without rescanning, which keeps
 * "many unclosed openers" linear.
 */
export class Finder {
  private from = -1;
  private at = -1;
  constructor(private readonly text: string, private readonly needle: string, private readonly limit: number) {}

  find(i: number): number {
    if (this.from !== -1 && i >= this.from && (this.at === -1 || this.at >= i)) return this.at;
    const r = this.text.indexOf(this.needle, i);
    this.from = i;
    this.at = r === -1 || r + this.needle.length > this.limit ? -1 : r;
    return this.at;
  }
}

/** The end of a match of the sticky regex `re` at i that stays within e, or -1. */
export function matchEndAt(re: RegExp, text: string, i: number, e: number): number {
  re.lastIndex = i;
  return re.test(text) && re.lastIndex <= e ? re.lastIndex : -1;
}
