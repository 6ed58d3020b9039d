// A document's token counts, paragraph by paragraph, remembered by content: what wordScores.ts's evidence reads
// (does the text spell a word again, in its prose or outside it). Its own module so that cacheBudgets.ts can set
// its budget without importing the scoring.
import { LruMap } from '../text/lru';

/**
 * Each paragraph's token counts (maximal runs of letters and digits, lower-cased; a blank line ends a paragraph,
 * and no token crosses one), remembered by content (TOKEN_COUNT_CHARS), so a check after an edit counts only the
 * paragraph it changed: scanning the whole text once for each asked word took ~5 ms of every re-check of the
 * 10k-word speed document (24 words asked).
 */
export function paragraphCounts(text: string): ReadonlyMap<string, number>[] {
  return text.split(BLANK_LINE).map((part) => {
    const key = `\u0000${part}`;   // a concatenation, flattened when hashed: the memo keeps no slice of the text
    let kept = countMemo.get(key);
    if (!kept) {
      const counts = new Map<string, number>();
      for (const m of part.toLowerCase().matchAll(TOKEN_RUN)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
      countMemo.set(key, (kept = { counts, chars: key.length }));
    }
    return kept.counts;
  });
}

/** Characters of paragraphs whose token counts are remembered by default (a few 10k-word documents' worth). */
export const TOKEN_COUNT_CHARS = 500_000;
type CountMemo = LruMap<string, { counts: Map<string, number>; chars: number }>;
const newCountMemo = (chars: number): CountMemo => new LruMap(chars, (v) => v.chars + 8 * v.counts.size);
/** Paragraphs' token counts by content; bounded by characters held (key) and 8 per distinct token. */
let countMemo = newCountMemo(TOKEN_COUNT_CHARS);
/** A new, empty memo of `chars` (cacheBudgets.ts). */
export function setTokenCountChars(chars: number): void { countMemo = newCountMemo(chars); }
/** What the memo holds now, in its budget's unit. */
export function tokenCountUsage(): number { return countMemo.units; }
export function clearTokenCounts(): void { countMemo.clear(); }
const TOKEN_RUN = /[\p{L}\p{N}]+/gu;
/** a blank line, with Unix or Windows line ends */
const BLANK_LINE = /\n\r?\n/;
