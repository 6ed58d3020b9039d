// A suspect's generated candidates, remembered by everything generate() reads: the word, its neighbours in
// the sentence and the gaps between them, the cloze model's proposals at the word and the cap. A re-check
// after an edit elsewhere asks for the same suspects again; their spelling-neighbour searches were most of
// planning. Offsets are kept relative to the word, so a suspect that moved with the text still hits.
import type { Candidate, CandidateGenerator, ClozeProposals, WordContext } from './candidates';
import { LruMap } from '../text/lru';
import { cacheBudgets } from './cacheBudgets';

// Per generator, made on first use with cacheBudgets.ts's candidateUnits (a list weighs its candidates + 1).
const memos = new WeakMap<CandidateGenerator, LruMap<string, Candidate[]>>();

/** The memo of this generator (tests). */
export function candidateMemoOf(gen: CandidateGenerator): LruMap<string, Candidate[]> {
  let memo = memos.get(gen);
  if (!memo) memos.set(gen, (memo = new LruMap(cacheBudgets().candidateUnits, (c) => c.length + 1)));
  return memo;
}

/** Counts generate() calls the memo could not answer (tests). */
export const candidateMemoStats = { generated: 0 };

export function generateMemo(gen: CandidateGenerator, ctx: WordContext, cloze: ClozeProposals | undefined, max: number): Candidate[] {
  const memo = candidateMemoOf(gen);
  const { text, word, prev, next, beforePrev } = ctx;
  const key = [max, word.text, prev ? `${prev.text}\u0001${text.slice(prev.end, word.start)}${beforePrev ? `\u0001${beforePrev.text}` : ''}` : '',
    next ? `${next.text}\u0001${text.slice(word.end, next.start)}` : '',
    cloze ? `${Array.from(cloze.ids).join(',')};${Array.from(cloze.logq).join(',')}` : ''].join('\u0000');
  let rel = memo.get(key);
  if (!rel) {
    candidateMemoStats.generated++;
    rel = gen.generate(ctx, cloze, max).map((c) => ({ ...c, start: c.start - word.start, end: c.end - word.start }));
    memo.set(key, rel);
  }
  return rel.map((c) => ({ ...c, start: c.start + word.start, end: c.end + word.start, sources: [...c.sources] }));
}
