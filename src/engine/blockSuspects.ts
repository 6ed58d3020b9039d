// A document's suspects (findings.ts, suspectsOf), block by block and remembered per block: whether a word is
// a suspect reads only its block (its pNoise, whether it is checked, its neighbours in its sentence for a
// doubled word or a/an), so a re-check asks suspectsOf only of the blocks whose scores (or whose words checked)
// are new. Remembered with word indices and offsets relative to the block, so a block that moved still hits, in a
// memo of its own (bounded by cacheBudgets.ts's suspectUnits) rather than on the block's scores, where no budget
// counted them.
import { LruMap } from '../text/lru';
import type { CandidateGenerator } from './candidates';
import { cacheBudgets } from './cacheBudgets';
import { suspectsOf, type Suspect } from './findings';
import type { ScoredDocument } from './wordScores';

/** Gates each block remembers suspects for. */
export const GATES_KEPT = 4;

/** Blocks whose suspects were found, not remembered (tests). */
export const blockSuspectsStats = { blocksRead: 0 };

/** A block's suspects at one gate: relative to the block, and as last handed out (at its first word and start then). */
export interface BlockSuspects { rel: Suspect[]; last?: { w0: number; base: number; suspects: Suspect[] } }

/**
 * A block's suspects by gate, remembered by the block's checkable array (`of`, ScoredDocument.blockCheckable): the
 * block keeps it until its scores are computed again (new rows, other ignored words) or the text beside it changes
 * what its words' tests read, and a moved copy of the block shares it, so the array is the identity of the scores
 * (and of the words checked) the suspects were found from.
 */
interface Entry { of: readonly boolean[]; gates: Map<number, BlockSuspects> }

// What an entry weighs: its checkable array (the memo keeps it alive), one per gate, and each suspect and forced
// candidate twice (rel and last).
const weigh = ({ of, gates }: Entry): number => {
  let n = 1 + of.length + gates.size;
  for (const g of gates.values()) for (const s of g.rel) n += 2 * (1 + s.forced.length);
  return n;
};

// Per generator (its lexicon decides isWord, mustCheck and a/an), made on first use.
const memos = new WeakMap<CandidateGenerator, LruMap<readonly boolean[], Entry>>();

/** The memo of this generator (tests). */
export function suspectMemoOf(gen: CandidateGenerator): LruMap<readonly boolean[], Entry> {
  let memo = memos.get(gen);
  if (!memo) memos.set(gen, (memo = new LruMap(cacheBudgets().suspectUnits, weigh)));
  return memo;
}

/** suspectsOf(doc, gate), each unchanged block's answered from its scores' memo. */
export function suspectsOfDocument(doc: ScoredDocument, gate: number): Suspect[] {
  const out: Suspect[] = [];
  if (!doc.gen) return out;   // no words, so no suspects
  const memo = suspectMemoOf(doc.gen);
  doc.blocks.forEach((block, k) => {
    const checked = doc.blockCheckable[k];
    const w0 = doc.blockWords[k], w1 = k + 1 < doc.blocks.length ? doc.blockWords[k + 1] : doc.words.length;
    const entry: Entry = memo.get(checked) ?? { of: checked, gates: new Map() };
    let mine = entry.gates.get(gate);
    if (!mine) {
      // A few gates at most (one per sensitivity in use; a sweep tries many): the oldest goes first.
      if (entry.gates.size >= GATES_KEPT) entry.gates.delete(entry.gates.keys().next().value!);
      blockSuspectsStats.blocksRead++;
      // The block as a table of its own: its words' neighbours across the block's edges are in other
      // sentences, which neither a doubled word nor a/an reads.
      const own = suspectsOf({
        text: doc.text, words: doc.words.slice(w0, w1), energy: doc.energy.slice(w0, w1), surprisal: doc.surprisal.slice(w0, w1),
        pNoise: doc.pNoise.slice(w0, w1), checkable: doc.checkable.slice(w0, w1), isWord: doc.isWord, sounds: doc.sounds, agreement: doc.agreement, mustCheck: doc.mustCheck, grammar: doc.grammar,
        prefers: (i, texts) => doc.prefers(w0 + i, texts),
      }, gate);
      mine = { rel: own.map((s) => ({ ...s, forced: s.forced.map((c) => ({ ...c, start: c.start - block.base, end: c.end - block.base })) })) };
      entry.gates.set(gate, mine);
      memo.set(entry.of, entry);   // weighed again with the new gate
    }
    // The same objects as last time when the block has not moved (nothing changes a suspect once made).
    if (mine.last?.w0 !== w0 || mine.last.base !== block.base) {
      mine.last = { w0, base: block.base, suspects: mine.rel.map((s) => ({ word: s.word + w0, byNoise: s.byNoise, real: s.real,
        forced: s.forced.map((c) => ({ ...c, start: c.start + block.base, end: c.end + block.base, sources: [...c.sources] })),
        ...(s.cued ? { cued: true } : {}), ...(s.favoured ? { favoured: true } : {}) })) };
    }
    for (const s of mine.last.suspects) out.push(s);
  });
  return out;
}
