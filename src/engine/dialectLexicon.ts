// A dialect's lexicon: the base (en-US) index with the dialect's layer over it (dialects.ts). The layer holds
// only the words the base lacks, so a word is known when either knows it, and its spelling neighbours are
// both indexes' together in the base's order: a British "colur" is one edit from "colour" and from "color".
import { cacheBudgets } from './cacheBudgets';
import { byCost, neighbourKey, type Lexicon, type Neighbour, type SpellingIndex, type WordClass } from './spelling';

export class DialectLexicon implements Lexicon {
  private readonly memo = new Map<string, Neighbour[]>();

  constructor(private readonly base: SpellingIndex, private readonly layer: SpellingIndex) {}

  get size(): number { return this.base.size + this.layer.size; }

  /** Words whose neighbours this dialect remembers (the base and layer remember theirs too). */
  get memoSize(): number { return this.memo.size; }

  clearMemo(): void { this.memo.clear(); this.base.clearMemo(); this.layer.clearMemo(); }

  lookup(word: string): string | undefined {
    return this.base.lookup(word) ?? this.layer.lookup(word);
  }

  isFrequent(word: string): boolean {
    return this.base.isFrequent(word) || this.layer.isFrequent(word);
  }

  isCommon(word: string): boolean {
    return this.base.isCommon(word) || this.layer.isCommon(word);
  }

  isFamiliar(word: string): boolean {
    return this.base.isFamiliar(word) || this.layer.isFamiliar(word);
  }

  /** A name in the base that the dialect's layer does not spell some other way. */
  isName(word: string): boolean {
    return this.base.isName(word) && this.layer.lookup(word) === undefined;
  }

  isDialectSpelling(word: string): boolean {
    return this.layer.lookup(word) !== undefined;
  }

  isProperPrefix(prefix: string): boolean {
    return this.base.isProperPrefix(prefix) || this.layer.isProperPrefix(prefix);
  }

  /** The layer's own CMUdict sound for one of its words ("aluminium"), else the base's nearest ("colour" as "color"). */
  firstSound(word: string, minShared?: number): 'vowel' | 'consonant' | undefined {
    return this.layer.ownSound(word) ?? this.base.firstSound(word, minShared);
  }

  canBe(word: string, cls: WordClass): boolean {
    return this.base.canBe(word, cls) || this.layer.canBe(word, cls);
  }

  neighbours(word: string, maxDist = 2, complete = false): Neighbour[] {
    const key = neighbourKey(word, maxDist, complete);
    let got = this.memo.get(key);
    if (!got) {
      if (this.memo.size >= cacheBudgets().neighbourWords) this.memo.clear();
      got = [...this.base.neighbours(word, maxDist, complete), ...this.layer.neighbours(word, maxDist, complete)].sort(byCost);
      this.memo.set(key, got);
    }
    return got;
  }
}
