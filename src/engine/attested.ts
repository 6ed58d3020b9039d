// Words technical writing uses that no lexicon lists: dist/attested.txt, copied by scripts/build-lexicon.mjs from
// models/attested.txt (training/attested.py: the words of at least three training packages' documentation that the
// lexicon lacks, "iff", "lzma", "luks", "nbytes", another dialect's spellings among them, "behaviour"; neither the
// held-out packages nor those the channel fit plants errors in). A non-word so attested is one feature of its own
// prior (channel.ts, ownFeatures), weighed by the fit: writers who never read each other seldom make one slip alike.
// A word the known-misspellings list names is never attested (misspellings.ts): the list says it is a slip, and one
// that many make.
// One read of 40 kB (the worker's start, or the first lookup), then binary searches (sortedLines.ts).
import { lexiconPath, readBuilt } from './lexicon';
import { listedFixes } from './misspellings';
import { SortedLines } from './sortedLines';
import type { Lexicon } from './spelling';
import type { OwnLexicon } from './channel';

export const ATTESTED_FILE = 'attested.txt';

let table: SortedLines | undefined;

/** The table, read once per process (the worker reads it at start, with the lexicon). */
export function loadAttested(): SortedLines {
  if (!table) {
    const file = lexiconPath(ATTESTED_FILE);
    table = new SortedLines(readBuilt(file).toString('utf8'), file, 'word');
  }
  return table;
}

/** Does dist/attested.txt list word (any case, a possessive's 's left off)? */
function inAttested(word: string): boolean {
  return loadAttested().find(word.toLowerCase().replace(/['’]s$/, '').replace(/’/g, "'")) !== undefined;
}

/** Is word attested in technical writing, and no misspelling the list names (misspellings.ts, listedFixes)? */
function isAttested(word: string): boolean {
  return inAttested(word) && listedFixes(word).length === 0;
}

/**
 * What a non-word's own prior reads (channel.ts, ownFeatures): the lexicon's words and this file's, a listed
 * misspelling never attested (`listed`, the list by default: the channel fit reads half its listed words as
 * unlisted, bench/fit-channel.mjs).
 */
export function ownLexicon(lex: Lexicon, listed?: (w: string) => boolean): OwnLexicon {
  return {
    lookup: (w) => lex.lookup(w),
    isFrequent: (w) => lex.isFrequent(w),
    neighbours: (w, maxDist) => lex.neighbours(w, maxDist),
    isAttested: listed ? (w) => inAttested(w) && !listed(w) : isAttested,
  };
}
