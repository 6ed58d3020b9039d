// Known misspellings: dist/misspellings.txt (scripts/build-lexicon.mjs), cspell's list of common English
// misspellings ("truely" → truly, "maintainance" → maintenance) kept to the non-words of the lexicon and the
// fixes that are words, and the lexicon's contractions typed without their apostrophe ("dont" → don't, "youre" →
// you're; not "cant" or "its", which are words: build-lexicon.mjs, unapostrophed). A listed non-word is always
// checked and its listed fixes are among its candidates, with a channel of their own (candidate kind 'listed', its
// prior fitted with the rest: bench/fit-channel.mjs).
// The model still decides in context: where the listed fix fits worse than the word as typed, nothing is flagged.
// One read of 1.9 MB (the worker's start, or the first lookup), then binary searches (MisspellingTable).
import { lexiconPath, readBuilt } from './lexicon';

export const MISSPELLINGS_FILE = 'misspellings.txt';

let table: MisspellingTable | undefined;
let leftOut: ReadonlySet<string> = new Set();

/**
 * Misspellings an evaluation reads as unlisted (case-insensitive): a set whose errors were planted from a
 * list of misspellings (bench/data/tech-dev.jsonl) is checked as if none of its planted slips were listed,
 * as the fit reads half of its own (bench/fit-channel.mjs).
 */
export function leaveOutMisspellings(words: Iterable<string>): void {
  leftOut = new Set([...words].map((w) => w.toLowerCase()));
}

/** The listed fixes of a word as typed (case-insensitive), [] for a word not listed. */
export function listedFixes(word: string): readonly string[] {
  const w = word.toLowerCase();
  return leftOut.has(w) ? [] : loadMisspellings().fixesOf(w);
}

/** The table, read once per process (the worker reads it at start, with the lexicon). */
export function loadMisspellings(): MisspellingTable {
  if (!table) {
    const file = lexiconPath(MISSPELLINGS_FILE);
    table = new MisspellingTable(readBuilt(file).toString('utf8'), file);
  }
  return table;
}

/**
 * The file's text as it is, "misspelling<TAB>fix,fix" lines sorted by misspelling (scripts/build-lexicon.mjs
 * sorts them): a lookup is a binary search over the characters, each probe reading the line it lands in, so
 * loading is the read alone (a Map of 87k entries took ~150 ms and ~25 MB; line offsets ~25 ms). A line of
 * another shape that a lookup reads is an error naming the file.
 */
export class MisspellingTable {
  constructor(private readonly text: string, private readonly file: string) {}

  /** A misspelling's fixes (as written), [] for a string not listed. */
  fixesOf(misspelling: string): readonly string[] {
    const { text } = this;
    // The lines left to search are those in text[lo, hi), both ends at a line start: the line holding
    // the middle character starts at or after lo and ends before hi.
    let lo = 0, hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = text.lastIndexOf('\n', mid - 1) + 1;
      let end = text.indexOf('\n', mid);
      if (end < 0) end = text.length;
      const tab = text.indexOf('\t', start);
      if (tab <= start || tab >= end - 1) {
        throw new Error(`${this.file}: not "misspelling<TAB>fixes": ${JSON.stringify(text.slice(start, Math.min(end, start + 80)))}`);
      }
      const c = this.compare(start, tab, misspelling);
      if (c === 0) return text.slice(tab + 1, end).split(',');
      if (c < 0) lo = end + 1;
      else hi = start;
    }
    return [];
  }

  /** text[a0, a1) against s, as strings compare (by UTF-16 code units), without slicing. */
  private compare(a0: number, a1: number, s: string): number {
    for (let i = 0; a0 + i < a1 && i < s.length; i++) {
      const d = this.text.charCodeAt(a0 + i) - s.charCodeAt(i);
      if (d) return d;
    }
    return (a1 - a0) - s.length;
  }
}
