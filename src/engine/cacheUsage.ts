// What each of the engine's caches (cacheBudgets.ts) holds now, in the unit of its budget, and a way to empty
// them one by one: the reliability suite's memory row asks the worker whether they are full, and
// bench/cache-memory.mjs measures the bytes each frees.
import { clearInlineMemo, inlineMemoUsage } from '../text/markdown';
import type { WordPiece } from '../text/wordpiece';
import { clearMemos, memoUsage } from './blockMemo';
import { cacheBudgets, type CacheBudgets } from './cacheBudgets';
import { suspectMemoOf } from './blockSuspects';
import { candidateMemoOf } from './candidateMemo';
import { generatorFor } from './candidates';
import { planMemoOf } from './planMemo';
import { cachesFor } from './rowCache';
import type { ModelRunner } from './types';
import { clearTokenCounts, tokenCountUsage } from './tokenCounts';
import { clearProseSums, factsOf } from './wordScores';

export type CacheName = keyof CacheBudgets;

/** Each cache's contents in its budget's unit (bytes, units, characters or words); the word facts' largest memo. */
export function cacheUsage(runner: ModelRunner, wp: WordPiece): Record<CacheName, number> {
  const rows = cachesFor(runner), gen = generatorFor(wp.vocab), facts = factsOf(gen), blocks = memoUsage(wp);
  return {
    energyBytes: rows.energy.bytes, clozeBytes: rows.cloze.bytes, replaceBytes: rows.replace.bytes,
    sentenceUnits: blocks.sentences, blockUnits: blocks.blocks,
    planUnits: planMemoOf(runner, wp).units, candidateUnits: candidateMemoOf(gen).units, suspectUnits: suspectMemoOf(gen).units,
    inlineChars: inlineMemoUsage().chars, tokenCountChars: tokenCountUsage(), pieceWords: wp.memoSize,
    wordFacts: Math.max(facts.mustCheck.size, facts.logOwn.size, facts.checkable.size, gen.memoSize),   // gen's memos: isWord, canBe
    neighbourWords: gen.spelling.memoSize,
  };
}

/** Empties one cache (the word facts: their memos and the generator's, isWord and canBe). */
export function clearCache(name: CacheName, runner: ModelRunner, wp: WordPiece): void {
  const gen = generatorFor(wp.vocab);
  const clear: Record<CacheName, () => void> = {
    energyBytes: () => cachesFor(runner).energy.clear(),
    clozeBytes: () => cachesFor(runner).cloze.clear(),
    replaceBytes: () => cachesFor(runner).replace.clear(),
    sentenceUnits: () => clearMemos(wp, 'sentences'),
    blockUnits: () => { clearMemos(wp, 'blocks'); clearProseSums(); },
    planUnits: () => planMemoOf(runner, wp).clear(),
    candidateUnits: () => candidateMemoOf(gen).clear(),
    suspectUnits: () => suspectMemoOf(gen).clear(),
    inlineChars: () => clearInlineMemo(),
    tokenCountChars: () => clearTokenCounts(),
    pieceWords: () => wp.clearMemo(),
    wordFacts: () => { const f = factsOf(gen); f.mustCheck.clear(); f.logOwn.clear(); f.checkable.clear(); gen.clearMemo(); },   // f.isWord is gen's
    neighbourWords: () => gen.spelling.clearMemo(),
  };
  clear[name]();
}

/** Empties every cache (a worker's 'memory' request with clear: the speed bench's warm pass). */
export function clearCaches(runner: ModelRunner, wp: WordPiece): void {
  for (const name of Object.keys(cacheBudgets()) as CacheName[]) clearCache(name, runner, wp);
}
