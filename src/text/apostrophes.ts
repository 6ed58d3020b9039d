// Typographic apostrophes. Editors with smart quotes, word processors and many sites write "it’s" and "don’t"
// with U+2019; the model's training text, the lexicon, the confusion sets and the grammar rules spell them
// straight. A check reads the text with both typographic single quotes made straight (one character for one, so
// every offset stays), and its suggestions are written back in the writer's style.

const TYPOGRAPHIC = /[\u2018\u2019]/g;
const TYPOGRAPHIC_ONE = /[\u2018\u2019]/;

/** The text with ‘ and ’ read as ' (same length, same offsets); the text itself when it has neither. */
export function straightQuotes(text: string): string {
  return TYPOGRAPHIC_ONE.test(text) ? text.replace(TYPOGRAPHIC, "'") : text;
}

/**
 * Does the writer of `text` put ’ for an apostrophe: in `word` (the original, as typed) when it has one, else in
 * the text, where ’ between two letters outnumbers ' there.
 */
export function writesCurly(text: string, word: string): boolean {
  if (TYPOGRAPHIC_ONE.test(word)) return true;
  if (word.includes("'") || !TYPOGRAPHIC_ONE.test(text)) return false;
  let curly = 0, straight = 0;
  // The apostrophes between two letters, as /\p{L}(['’])\p{L}/gu matches them (each match after the last one's
  // letter), found by their own search: a scan of every position for a letter took ~0.5 ms of a 65 KB document.
  let after = 0;
  for (const m of text.matchAll(APOSTROPHE)) {
    const i = m.index, before = letterEndingAt(text, i), next = letterAt(text, i + 1);
    if (before < after || before < 0 || next === 0) continue;
    if (m[0] === "'") straight++;
    else curly++;
    after = i + 1 + next;
  }
  return curly > straight;
}

const APOSTROPHE = /['\u2019]/g;
const LETTER = /^\p{L}$/u;

/** The length in UTF-16 units of the letter at text[i] (a code point \p{L} matches), or 0. */
function letterAt(text: string, i: number): number {
  const cp = text.codePointAt(i);
  if (cp === undefined) return 0;
  const c = String.fromCodePoint(cp);
  return LETTER.test(c) ? c.length : 0;
}

/** Where the letter that ends just before text[i] begins (a surrogate pair's high half), or -1. */
function letterEndingAt(text: string, i: number): number {
  if (i === 0) return -1;
  const low = text.charCodeAt(i - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && i >= 2 && text.charCodeAt(i - 2) >= 0xd800 && text.charCodeAt(i - 2) <= 0xdbff ? i - 2 : i - 1;
  return letterAt(text, start) === i - start ? start : -1;
}

/** A suggestion in the writer's style: its apostrophes as ’ where they write ’ (writesCurly). */
export function inWritersStyle(suggestion: string, curly: boolean): string {
  return curly ? suggestion.replace(/'/g, '\u2019') : suggestion;
}
