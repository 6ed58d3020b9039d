// A document's token counts, paragraph by paragraph, remembered by content: what wordScores.ts's evidence reads
// (does the text spell a word again, in its prose or outside it). Its own module so that cacheBudgets.ts can set
// its budget without importing the scoring.
import { LruMap } from '../text/lru';

/**
 * How many times text holds token, its paragraphs' token counts summed. A paragraph's counts (maximal runs of
 * letters and digits, lower-cased; a blank line ends a paragraph, and no token crosses one) are remembered by
 * content (TOKEN_COUNT_CHARS), so a check after an edit counts only the paragraph it changed: scanning the whole
 * text once for each asked word took ~5 ms of every re-check of the 10k-word speed document (24 words asked). With
 * them, its whitespace-separated tokens and how many of them read as code (CODE_TOKEN), for codeShare: ~7 ms of the
 * speed document's, counted again on every re-check unless remembered. The sums are
 * kept for the last text asked and brought up to date paragraph by paragraph (the paragraphs' counts are remembered
 * by content, so an unchanged paragraph is the same object): a re-check after an edit adds the edited paragraph's
 * counts and takes the old one's away, where summing every paragraph for each word asked (a document's non-words, a
 * few dozen) took ~1.8 ms of a re-check of the 10k-word speed document (300 paragraphs). A text that shares less than
 * half its paragraphs with the last one is summed afresh. Every ask names its text, so a caller still reading an
 * older text (a rank served between a check's chunks) is answered for that text, never from another's sums.
 */
export function documentCount(text: string, token: string): number {
  return sumsFor(text).counts.get(token) ?? 0;
}

/** A text's sums: how many times it holds each token; its whitespace-separated tokens, and those that read as code. */
interface Sums { counts: Map<string, number>; tokens: number; code: number }

function sumsFor(text: string): Sums {
  const last = countMemo.get(LAST) as Summed | undefined;
  if (last && last.text === text) {
    // The same text as a new string (a check reads its text anew): kept, so that the next ask compares one pointer.
    last.text = text;
    return last.sums;
  }
  const paragraphs = paragraphsOf(text);
  const now = multiplicities(paragraphs);
  const change = last && partsChanged(now, last.paragraphs, paragraphs.length);
  if (last && change) {
    const sums = last.sums;
    for (const [p, n] of change) {
      if (n === 0) continue;
      sums.tokens += n * p.tokens;
      sums.code += n * p.code;
      addCounts(sums.counts, p.counts, n);
    }
    remember(text, now, sums);
    return sums;
  }
  const sums: Sums = { counts: new Map(), tokens: 0, code: 0 };
  for (const p of paragraphs) {
    sums.tokens += p.tokens;
    sums.code += p.code;
    for (const [token, c] of p.counts) sums.counts.set(token, (sums.counts.get(token) ?? 0) + c);
  }
  remember(text, now, sums);
  return sums;
}

/** How many times each of `parts` is among them. */
export function multiplicities<P>(parts: Iterable<P>): Map<P, number> {
  const m = new Map<P, number>();
  for (const p of parts) m.set(p, (m.get(p) ?? 0) + 1);
  return m;
}

/**
 * Each part's multiplicity `now` less `then` (what an edit changed, where parts are remembered by content and so the
 * same objects); undefined where more than half of the `size` parts changed, and summing them afresh costs less.
 */
export function partsChanged<P>(now: ReadonlyMap<P, number>, then: ReadonlyMap<P, number>, size: number): Map<P, number> | undefined {
  const change = new Map(now);
  for (const [p, n] of then) change.set(p, (change.get(p) ?? 0) - n);
  let changed = 0;
  for (const n of change.values()) changed += Math.abs(n);
  return 2 * changed <= size ? change : undefined;
}

/** `counts` added to `sums` `times` times (a negative takes them away); a sum that reaches 0 is deleted. */
export function addCounts(sums: Map<string, number>, counts: ReadonlyMap<string, number>, times: number): void {
  for (const [k, c] of counts) {
    const v = (sums.get(k) ?? 0) + times * c;
    if (v === 0) sums.delete(k); else sums.set(k, v);
  }
}

/**
 * The last text summed (documentCount, documentCodeShare): its paragraphs (each with how many times the text holds
 * it) and the sums, kept in the paragraphs' memo under LAST, so that one budget bounds both: it weighs the text's
 * characters and 8 per distinct token (the 10k-word speed document's 75,170, beside its paragraphs' 113,448, of the
 * default 500,000). A text too heavy for the whole budget is summed again at each ask, paragraph by paragraph from
 * the memo.
 */
interface Summed { text: string; paragraphs: Map<Paragraph, number>; sums: Sums }
const LAST = '\u0001last';   // a paragraph's key begins with \u0000

function remember(text: string, paragraphs: Map<Paragraph, number>, sums: Sums): void {
  // Stored again after every change to its sums, so that the memo weighs it as it is now.
  countMemo.set(LAST, { text, paragraphs, sums });
}

/** The share of text's whitespace-separated tokens that read as code (CODE_TOKEN), its paragraphs' counts remembered. */
export function documentCodeShare(text: string): number {
  const { tokens, code } = sumsFor(text);
  return tokens === 0 ? 0 : code / tokens;
}

/**
 * The share of text's whitespace-separated tokens that read as code (CODE_TOKEN): how technical a text is
 * (channel.ts, TECHNICAL_SHARE). Held-out documentation's sentences: 0.05 on average, half of them 0; WordNet's
 * example sentences and jfleg's learner sentences 0.003.
 */
export function codeShare(text: string): number {
  const [n, code] = codeTokens(text);
  return n === 0 ? 0 : code / n;
}

/**
 * A token that reads as code or a name's spelling rather than prose: it holds a character prose does not
 * (` _ / \\ < > { } = # @ $ |), letters and digits together (ppc64, utf8, v2), a capital after a small letter
 * (camelCase, iPhone), three capitals together (API, HTTP), or a dot inside a word (config.json; not "e.g.").
 * Prose's punctuation around a token (quotes, brackets, a full stop) is none of these.
 */
const CODE_TOKEN = /[`_/\\<>{}=#@$|]|\p{L}\p{N}|\p{N}\p{L}|\p{Ll}\p{Lu}|\p{Lu}{3}|\p{L}\.\p{L}{2}/u;

/** [tokens, code-like tokens] of text, tokens split at whitespace. */
function codeTokens(text: string): [number, number] {
  let n = 0, code = 0;
  for (const t of text.split(/\s+/)) {
    if (!t) continue;
    n++;
    if (CODE_TOKEN.test(t)) code++;
  }
  return [n, code];
}

interface Paragraph { counts: Map<string, number>; tokens: number; code: number; chars: number }

function paragraphsOf(text: string): Paragraph[] {
  return text.split(BLANK_LINE).map((part) => {
    const key = `\u0000${part}`;   // a concatenation, flattened when hashed: the memo keeps no slice of the text
    let kept = countMemo.get(key) as Paragraph | undefined;
    if (!kept) {
      const counts = new Map<string, number>();
      for (const m of part.toLowerCase().matchAll(TOKEN_RUN)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
      const [tokens, code] = codeTokens(part);
      countMemo.set(key, (kept = { counts, tokens, code, chars: key.length }));
    }
    return kept;
  });
}

/** Characters of paragraphs whose token counts are remembered by default, the last text's sums among them (a few 10k-word documents' worth). */
export const TOKEN_COUNT_CHARS = 500_000;
type CountMemo = LruMap<string, Paragraph | Summed>;
const newCountMemo = (chars: number): CountMemo =>
  new LruMap(chars, (v) => ('sums' in v ? v.text.length + 8 * v.sums.counts.size : v.chars + 8 * v.counts.size));
/** Paragraphs' token counts by content, and the last text's sums (LAST); bounded by characters held (key) and 8 per distinct token. */
let countMemo = newCountMemo(TOKEN_COUNT_CHARS);
/** A new, empty memo of `chars` (cacheBudgets.ts). */
export function setTokenCountChars(chars: number): void { countMemo = newCountMemo(chars); }
/** What the memo holds now, the last text's sums included, in its budget's unit. */
export function tokenCountUsage(): number { return countMemo.units; }
export function clearTokenCounts(): void { countMemo.clear(); }
const TOKEN_RUN = /[\p{L}\p{N}]+/gu;
/** a blank line, with Unix or Windows line ends */
const BLANK_LINE = /\n\r?\n/;
