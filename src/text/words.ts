export interface Word { start: number; end: number; text: string }

function isWordCp(cp: number): boolean {
  if (cp < 0x80) {
    return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f;
  }
  return /[\p{L}\p{M}\p{N}]/u.test(String.fromCodePoint(cp));
}

// Characters that join two word characters into one token: apostrophes (don't, it’s), and the dots and slashes
// of file names, versions and paths (config.json, v1.2.3, src/text), which isCheckable then rejects.
function isJoiner(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x2e || c === 0x2f || c === 0x5c;
}

/**
 * A dot that opens a token (".styl", ".gitignore", ".NET"): the dot stands where a word begins (at the part's start,
 * after a space or an opening bracket, quote or comma), and not after another dot (an ellipsis: "so...and").
 */
function opensToken(text: string, dot: number, partStart: number): boolean {
  if (text.charCodeAt(dot) !== 0x2e) return false;
  return dot === partStart || /[\s(\[{"'`,;\u2018\u201c]/u.test(text[dot - 1]);
}

/**
 * Two words of letters joined by one slash, and nothing else ("and/or", "Vue/Svelte", "removing/overriding"):
 * alternatives written side by side, each a word of the sentence. A slash token with more parts, digits, dots or a
 * slash next to it is a path ("src/text/", "usr/lib/x86"), and stays one token.
 */
const SLASH_PAIR = /^(\p{L}[\p{L}\p{M}]+)\/(\p{L}[\p{L}\p{M}]+)$/u;

/**
 * Words in the given prose parts: runs of letters, marks, digits and underscores, joined across single
 * apostrophes, dots and slashes. A word right after a dot that opens a token keeps the dot (".styl", ".env"): a
 * file extension or a dotfile's name, which isCheckable then rejects like any other file name. Two words of
 * letters joined by a slash are two words (SLASH_PAIR). Offsets are UTF-16 and exact (surrogate pairs are never
 * split).
 */
export function wordsIn(text: string, parts: { start: number; end: number }[]): Word[] {
  const out: Word[] = [];
  for (const { start: s, end: e } of parts) {
    let i = s;
    while (i < e) {
      const cp = text.codePointAt(i)!;
      if (!isWordCp(cp)) { i += cp > 0xffff ? 2 : 1; continue; }
      const start = i > s && opensToken(text, i - 1, s) ? i - 1 : i;
      i += cp > 0xffff ? 2 : 1;
      while (i < e) {
        const d = text.codePointAt(i)!;
        if (isWordCp(d)) { i += d > 0xffff ? 2 : 1; continue; }
        if (isJoiner(d) && i + 1 < e && isWordCp(text.codePointAt(i + 1)!)) { i++; continue; }
        break;
      }
      const token = text.slice(start, i), pair = SLASH_PAIR.exec(token);
      if (pair && text[start - 1] !== '/' && text[i] !== '/') {
        out.push({ start, end: start + pair[1].length, text: pair[1] });
        out.push({ start: i - pair[2].length, end: i, text: pair[2] });
      } else out.push({ start, end: i, text: token });
    }
  }
  return out;
}

/** How far back from a word its handle's "@" may stand (GitHub's handles have at most 39 characters). */
const HANDLE_REACH = 40;

/**
 * Is text[start, end) a word that its neighbours make a handle or a list item rather than a word of the sentence: right
 * after an "@" ("@ecosyste-ms", "@octobox", "@param"), joined to another word by a "|" with no space between
 * ("biz|com|edu|aero", "yes|no"), or the first part of an identifier whose underscores Markdown escapes
 * ("ares\_parse\_reply()", which reads "ares_parse_reply()": its later parts keep their "_" and are no words)? Each is a
 * name or a token of code, whatever its letters spell.
 */
export function joinedAsCode(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  if (joinedBy('|', text, start, end)) return true;
  if (text[end] === '\\' && text[end + 1] === '_' && isWordChar(text, end + 2)) return true;
  if (before === '@') return true;
  if (before !== '-' && before !== '.') return false;   // most words: a space or punctuation before them
  // A later word of a handle: its "@" stands before letters, digits, "_", "." and "-" that run up to the word.
  let h = start - 1;
  while (h > 0 && start - h < HANDLE_REACH && (isWordChar(text, h - 1) || /[_.-]/.test(text[h - 1]))) h--;
  return text[h - 1] === '@';
}

/**
 * Is `gap`, the text between two words, blank: spaces or tabs and at most one line break, a paragraph wrapped in its
 * source ("the conversion\nare" reads as "the conversion are")? An empty gap is not.
 */
export function isBlankGap(gap: string): boolean {
  return gap.length > 0 && BLANK_GAP.test(gap);
}
const BLANK_GAP = /^[ \t]*(?:\r?\n[ \t]*)?$/;

/**
 * Is `gap` blank once the inline markup a reader does not read is left out: emphasis markers, a link's brackets
 * and its target ("if you **uses** this", "for this [policy](…) are")? For rules that read two words as
 * neighbours; a fix that spans both keeps to isBlankGap, so that it never swallows markup.
 */
export function readsBlank(gap: string): boolean {
  return isBlankGap(/[*_~[\]]/.test(gap) ? gap.replace(INLINE_MARKUP, '') : gap);
}
const INLINE_MARKUP = /\]\([^()\s]*\)|\]\[[^\]\s]*\]|[*_~[\]]/g;

/**
 * Quotes that may open a quoted word, each with the quote that closes it; and Markdown's single emphasis, which
 * technical prose puts on a word it names as often as on one it stresses ("the _from_ and _to_ conversion").
 */
const QUOTE_PAIRS: Record<string, string> = { "'": "'", '"': '"', '\u2018': '\u2019', '\u201c': '\u201d', '*': '*', _: '_' };

/**
 * Is text[start, end) a word quoted alone ("All 'from' functions", "the “then” branch", "set it to "true"") or
 * emphasised alone ("property of the _from_ and _to_ conversion", "the *then* branch")? Such a word is mentioned, not
 * used: it names an option, a keyword or the word itself, so the words around it say nothing of whether it is the
 * right one (a word stressed so, "it is *not* supported", is seldom the wrong one). The quote before it opens (nothing
 * but a space or an opening bracket before it: not "**bold**" nor "snake_case_name") and the one after it closes (a
 * space, punctuation or the end after it).
 */
export function quotedAlone(text: string, start: number, end: number): boolean {
  const close = QUOTE_PAIRS[text[start - 1]];
  if (close === undefined || text[end] !== close) return false;
  const before = text[start - 2], after = text[end + 1];
  return (before === undefined || /[\s([{]/u.test(before)) && (after === undefined || /[\s)\]}.,;:!?]/u.test(after));
}

/**
 * Endings, no words themselves, that English joins to a word with a hyphen: the suffixes "tree-ish", "commit-ish",
 * "Kafka-esque", and a particle with the plural's -s that a phrasal compound takes there ("add-ons", "pop-ups",
 * "check-outs", "drop-offs", "walk-throughs"; "plug-ins" ends in a word of its own).
 */
const HYPHEN_SUFFIXES = new Set(['ish', 'esque', 'ify', 'ified', 'ifies', 'ifying', 'ons', 'ups', 'outs', 'offs', 'downs', 'overs', 'throughs',
  'aways', 'abouts', 'arounds']);

/**
 * Is text[start, end) such an ending (HYPHEN_SUFFIXES) joined by a hyphen to the word before it ("three tree-ish
 * objects", "The Array-ish methods", "Native add-ons", "Crate-ify compiler-rt")? Read alone it is no word, and its
 * nearest words ("fish", "ones") make no compound.
 */
export function hyphenSuffix(text: string, start: number, end: number): boolean {
  return text[start - 1] === '-' && isWordChar(text, start - 2) && HYPHEN_SUFFIXES.has(text.slice(start, end).toLowerCase());
}

/**
 * Is text[start, end) the rest of a term a single letter opens with a hyphen ("the c-ares library", "k-means",
 * "x-axis", "n-gram")? The letter names the thing (a language, a variable, an axis), and the word after it is part of
 * that name, whatever it reads as alone ("c-ares" was → are: Node's changelogs name the library ninety times).
 */
export function afterLetterHyphen(text: string, start: number): boolean {
  return text[start - 1] === '-' && /\p{L}/u.test(text[start - 2] ?? '') && !isWordChar(text, start - 3);
}

/** A reference after a credit's closing parenthesis (credited): a space and a link, an issue's number or a link in angle brackets. */
const REFERENCE_AFTER = /^[ \t]+(?:\[|#\d|<https?:)/;
/** Or, after a credit of one word, the end of its line. */
const LINE_END_AFTER = /^[ \t]*(?:\r?\n|$)/;
/** What a credit's parentheses hold: a name of at most CREDIT_WORDS words, of letters, hyphens, apostrophes and initials' dots. */
const CREDIT_CHAR = /[\p{L}\p{M} .'’-]/u;
const CREDIT_WORDS = 4;
const CREDIT_REACH = 48;

/**
 * Is text[start, end) a word of a name in parentheses that a reference follows, as a changelog's entry credits its
 * author ("add ESM examples in http.md (btea) [#47763](…)", "(Gilles De Mey) [#23818](…)", "(Ye-hyoung Kang)
 * [#34316](…)"), or of a one-word name in parentheses that ends its line ("- fix the parser (jdoe)")? A handle or
 * a name, however close to a word its letters are (on Node's changelogs and docs 68 of 794 flags were such credits:
 * "btea" → beta, "osher" → other, "Skelton" → Skeleton). A slip in parentheses inside a sentence ("an iterator of buf
 * keys (idices).") is followed by the sentence, and a remark of several words at a line's end ("(see teh docs)") by no
 * reference.
 */
export function credited(text: string, start: number, end: number): boolean {
  let open = start, close = end;
  while (open > 0 && start - open < CREDIT_REACH && CREDIT_CHAR.test(text[open - 1])) open--;
  while (close < text.length && close - end < CREDIT_REACH && CREDIT_CHAR.test(text[close])) close++;
  if (text[open - 1] !== '(' || text[close] !== ')') return false;
  const name = text.slice(open, close);
  if (/^\s|\s$/.test(name)) return false;
  const words = name.split(/\s+/).length;
  if (words > CREDIT_WORDS) return false;
  const after = text.slice(close + 1, close + 16);
  return REFERENCE_AFTER.test(after) || (words === 1 && LINE_END_AFTER.test(after));
}

/** An arrow that maps one thing to another: ASCII's "->" and "=>", and "→". */
const ARROW_AFTER = /^[ \t]*(?:->|=>|\u2192)/;
const ARROW_BEFORE = /(?:->|=>|\u2192)[ \t]*$/;

/**
 * Is text[start, end) a word an arrow stands beside, on the same line ("fix typo Unabled -> Unable", "it’s -> its",
 * "idle → running", "File -> Save")? The arrow maps a thing named to another: its words are mentioned, not used, and a
 * slip among them is the one a change names ("Unabled" was flagged in Node's changelog entry that fixed it).
 */
export function besideArrow(text: string, start: number, end: number): boolean {
  return ARROW_AFTER.test(text.slice(end, end + 8)) || ARROW_BEFORE.test(text.slice(Math.max(0, start - 8), start));
}

/**
 * Is text[start, end) a function's or a manual page's name, written as code writes a call: empty parentheses or a
 * manual section right after it, no space between ("call ftruncate() first", "see fchown(2)", "printf(3p)")? English
 * writes no word so; "file(s)" keeps its letters and is read as prose.
 */
export function calledAsFunction(text: string, start: number, end: number): boolean {
  return text[end] === '(' && /^\((?:\d[a-z]?)?\)/.test(text.slice(end, end + 5));
}

/** Characters that end a token before a word (commandOption): blanks, and the brackets and quotes that open one. */
const TOKEN_STARTS = new Set([' ', '\t', '\n', '\r', '(', '[', '{', '"', "'", '`', ',', ';']);

/**
 * Characters an option's token may run before the word (commandOption): every check asks it of each word, so a long
 * run of hyphen-joined words (a minified line) is scanned this far back, not to its start, for each of them.
 */
const OPTION_REACH = 64;

/**
 * Is the word at text[start] part of a command-line option, a token that begins with "-" or "--" and a letter, within
 * OPTION_REACH before it ("-ffunction-sections", "--no-verify")? It names the option, spelt as the program spells it;
 * "well-known", "e-mail" and a list's "- item" are no such token.
 */
export function commandOption(text: string, start: number): boolean {
  let t = start;
  while (t > 0 && start - t < OPTION_REACH && !TOKEN_STARTS.has(text[t - 1])) t--;
  if (t > 0 && !TOKEN_STARTS.has(text[t - 1])) return false;
  if (t === start || text[t] !== '-') return false;
  const first = text[t + 1] === '-' ? t + 2 : t + 1;
  return first <= start && /\p{L}/u.test(text[first] ?? '');
}

/**
 * Is text[start, end) one of two or more words a slash joins with no space ("a from/to pair", "is/are", "read/write",
 * "and/or")? Such a list names the words themselves as alternatives, chosen on purpose: a real word there is no
 * slip of a confusable one.
 */
export function slashPair(text: string, start: number, end: number): boolean {
  return joinedBy('/', text, start, end);
}

/** Is text[start, end) joined to a word by `sep`, with no space, on either side ("yes|no", "from/to")? */
function joinedBy(sep: string, text: string, start: number, end: number): boolean {
  return (text[start - 1] === sep && isWordChar(text, start - 2)) || (text[end] === sep && isWordChar(text, end + 1));
}

function isWordChar(text: string, i: number): boolean {
  return i >= 0 && i < text.length && isWordCp(text.codePointAt(i)!);
}

const LATIN_WORD = /^[\p{Script=Latin}\p{M}'\u2019]+$/u;

/**
 * Whether a word is worth checking: false for identifiers and codes — anything with digits, underscores, dots or
 * slashes, camelCase/PascalCase-with-inner-capitals, ALLCAPS acronyms, single letters other than a/A/I, long
 * hex strings, over-long tokens, and words outside the Latin script (the model reads English).
 */
export function isCheckable(word: string): boolean {
  if (word.length === 0) return false;
  if (/[\p{N}_./\\]/u.test(word)) return false;
  if (!LATIN_WORD.test(word)) return false;
  const letters = word.replace(/['\u2019]/g, '');
  const length = [...letters].length;
  if (length === 0) return false;
  // Of the one-letter words the articles and the pronoun, and "i", which is the pronoun a writer did not capitalise
  // or a letter's name (findings.ts offers "I", and the model decides).
  if (length === 1) return letters === 'a' || letters === 'A' || letters === 'I' || letters === 'i';
  if (length > 40) return false;
  if (!/\p{Ll}/u.test(letters)) return false;          // ALLCAPS
  if (/\p{Ll}\p{M}*\p{Lu}/u.test(letters)) return false; // camelCase, iPhone
  if (/^\p{Lu}{2,}/u.test(letters)) return false;      // HTTPServer, XMLHttp
  if (/^[a-f]{12,}$/i.test(letters)) return false;     // hex digests
  return true;
}
