// Known misspellings: dist/misspellings.txt (scripts/build-lexicon.mjs), cspell's list of common English
// misspellings ("truely" → truly, "maintainance" → maintenance) kept to the non-words of the lexicon and the
// fixes that are words, and the lexicon's contractions typed without their apostrophe ("dont" → don't, "youre" →
// you're; not "cant" or "its", which are words: build-lexicon.mjs, unapostrophed). A listed non-word is always
// checked and its listed fixes are among its candidates, with a channel of their own (candidate kind 'listed', its
// prior fitted with the rest: bench/fit-channel.mjs).
// The model still decides in context: where the listed fix fits worse than the word as typed, nothing is flagged.
// One read of 1.9 MB (the worker's start, or the first lookup), then binary searches (sortedLines.ts).
import { lexiconPath, readBuilt } from './lexicon';
import { SortedLines } from './sortedLines';

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

/** dist/misspellings.txt: "misspelling<TAB>fix,fix" lines sorted by misspelling (sortedLines.ts). */
export class MisspellingTable {
  private readonly lines: SortedLines;
  constructor(text: string, file: string) { this.lines = new SortedLines(text, file, 'misspelling<TAB>fixes'); }

  /** A misspelling's fixes (as written), [] for a string not listed. */
  fixesOf(misspelling: string): readonly string[] {
    return this.lines.find(misspelling)?.split(',') ?? [];
  }
}
