// Every cache the engine keeps and how much each may hold, in one table. The defaults are what the extension
// and the CLI run with; a host may give others (EngineClientOptions.cacheBudgets → WorkerInit → setCacheBudgets
// in the worker, before the model loads), as the reliability suite's memory row does to have every cache full
// within its first few hundred checks. A cache takes its budget when it is made (the engine's are made per
// model runner, tokenizer or candidate generator, on first use), so budgets are set before anything is checked;
// the lexicon's neighbour memo, read once per process, reads its budget at each search instead.
// Only what a cache remembers is bounded here; a check's own working set is not a cache.
import { INLINE_MEMO_CHARS, setInlineMemoChars } from '../text/markdown';
import { PIECE_MEMO_WORDS } from '../text/wordpiece';
import { setTokenCountChars, TOKEN_COUNT_CHARS } from './tokenCounts';

export interface CacheBudgets {
  /** rowCache.ts EnergyCache: Electric energies of windows, bytes */
  energyBytes: number;
  /** rowCache.ts ClozeCache: cloze top-K and log q of windows, bytes */
  clozeBytes: number;
  /** rowCache.ts ReplaceCache: REPLACE rows' log q (and energies where the weights read them), bytes */
  replaceBytes: number;
  /** blockMemo.ts: sentences' pieces and placed words, units of pieces + words */
  sentenceUnits: number;
  /** blockMemo.ts: blocks' streams, windows, words, word scores and word counts, units of pieces + 3 × words */
  blockUnits: number;
  /** planMemo.ts: suspects' REPLACE plans, units of row ids + candidates */
  planUnits: number;
  /** candidateMemo.ts: suspects' generated candidates, units of candidates */
  candidateUnits: number;
  /** blockSuspects.ts: each block's suspects per gate, units of words + suspects + forced candidates */
  suspectUnits: number;
  /** text/markdown.ts: paragraphs' inline parses, characters of key + 8 per span */
  inlineChars: number;
  /** tokenCounts.ts: paragraphs' token counts (wordScores.ts, a document's evidence) and the last text's sums, characters + 8 per distinct token */
  tokenCountChars: number;
  /** text/wordpiece.ts: a word's pieces, words (forgotten wholesale when full) */
  pieceWords: number;
  /** wordScores.ts: each per-word fact (is a word, must be checked, own prior, checkable), words each (wholesale) */
  wordFacts: number;
  /** spelling.ts: spelling-neighbour searches, words (wholesale) */
  neighbourWords: number;
}

// The defaults and why each is that size. What each holds when full (bench/cache-memory.mjs → bench/results/
// cache-memory.md, 2026-12-03; one under half full extrapolated from the bytes a unit of it freed): energies
// 7.1 MB, cloze rows 32.2, REPLACE rows 17.4, sentences 4.2, blocks 8.9, plans 6.6, candidates 9.4, suspects 4.8,
// inline parses 2.1, token counts 2.5 (2026-12-04): ~95 MB in all. The word memos fill only with distinct words
// (a 10k-word document brings ~2,400), but filled with made-up ones they weigh ~440 bytes a word of pieces (~84 MB
// at 200,000), ~230 a word of facts (~22 MB) and ~5.6 KB a neighbour search (~107 MB at 20,000): more than all the
// others when full.
export const DEFAULT_CACHE_BUDGETS: Readonly<CacheBudgets> = Object.freeze({
  // A check of the 10,549-word bench/data/speed-10k.md leaves 470 windows (~33 pieces each) in the caches:
  // 0.2 MB of energies and 4.3 MB of cloze rows as counted there (top-32 ids and log q per piece, ~260 bytes a
  // piece). So 32 MB of cloze rows keeps a re-check of a ~75k-word document (or of several open files) all hits,
  // and 8 MB of energies holds as many windows and their REPLACE rows with room to spare.
  energyBytes: 8 << 20,
  clozeBytes: 32 << 20,
  // 50,000 REPLACE rows of ~36 pieces held ~16 MB (V8 heap and array buffers after a GC, measured): a long
  // document's suspects and those of several open files, so a re-check after an edit scores only what changed.
  replaceBytes: 16 << 20,
  // A 10k-word document is ~25k and ~45k units and ~10 MB in both block memos together, so these keep two such
  // documents (or many small ones) and ~20 MB at most.
  sentenceUnits: 50_000,
  blockUnits: 90_000,
  // The 10k-word bench document's first pass plans ~120 suspects in ~35k units (~1 MB): several such documents.
  planUnits: 200_000,
  // A suspect has at most MAX_CANDIDATES candidates: ~2,000 suspects' worth.
  candidateUnits: 50_000,
  // A block's suspects at up to GATES_KEPT gates (one per sensitivity in use) are a few units beside its words,
  // which are counted so that a block memo's worth of blocks fits.
  suspectUnits: 100_000,
  inlineChars: INLINE_MEMO_CHARS,
  // A 10k-word document's paragraphs are ~115k characters and tokens (0.6 MB), its sums ~75k more: a few such documents.
  tokenCountChars: TOKEN_COUNT_CHARS,
  pieceWords: PIECE_MEMO_WORDS,
  wordFacts: 100_000,
  // Re-checks ask for the same words again; a search is a few ms, an entry a few hundred bytes.
  neighbourWords: 20_000,
});

let current: Readonly<CacheBudgets> = DEFAULT_CACHE_BUDGETS;

/** The budgets caches made from now on take. */
export function cacheBudgets(): Readonly<CacheBudgets> {
  return current;
}

/**
 * Sets the budgets given (the rest stay at their defaults), for the caches made from now on and the ones
 * made at load (text/markdown.ts's inline memo and tokenCounts.ts's token counts, emptied). Each must be a
 * positive number.
 */
export function setCacheBudgets(budgets: Partial<CacheBudgets> = {}): void {
  const next = { ...DEFAULT_CACHE_BUDGETS };
  for (const [k, v] of Object.entries(budgets)) {
    if (!(k in next)) throw new RangeError(`unknown cache budget '${k}'; known: ${Object.keys(next).join(', ')}`);
    if (!(typeof v === 'number' && v >= 1 && Number.isFinite(v))) throw new RangeError(`cache budget ${k} must be a positive number, not ${v}`);
    next[k as keyof CacheBudgets] = Math.floor(v);
  }
  current = Object.freeze(next);
  setInlineMemoChars(current.inlineChars);
  setTokenCountChars(current.tokenCountChars);
}

/** Every default budget times `factor` (at least 1 each): one knob for a host that wants them all smaller. */
export function scaledCacheBudgets(factor: number): CacheBudgets {
  const out = { ...DEFAULT_CACHE_BUDGETS };
  for (const k of Object.keys(out) as (keyof CacheBudgets)[]) out[k] = Math.max(1, Math.floor(out[k] * factor));
  return out;
}
