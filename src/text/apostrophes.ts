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
  for (const m of text.matchAll(/\p{L}(['\u2019])\p{L}/gu)) {
    if (m[1] === "'") straight++;
    else curly++;
  }
  return curly > straight;
}

/** A suggestion in the writer's style: its apostrophes as ’ where they write ’ (writesCurly). */
export function inWritersStyle(suggestion: string, curly: boolean): string {
  return curly ? suggestion.replace(/'/g, '\u2019') : suggestion;
}
