// Spelling neighbours: dictionary words within Damerau (OSA) distance 2 of a word, found in about a
// millisecond with a SymSpell-style deletion index. 280k words x all their 2-deletes would need ~12 M
// entries, so the index holds 32-bit hashes in flat typed arrays, and only the frequent tier (the model
// vocabulary's whole words) gets 2-deletes; the long tail (the word-list package) gets 1-deletes, which with
// 2-deletes of the query still finds every single edit and any two insertions into it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keyboardAdjacent } from './keyboard';

export interface Neighbour { word: string; cost: number; frequent: boolean }

const BUCKET_BITS = 20;

/** FNV-1a over s's UTF-16 units, skipping positions i and j (-1 = skip none). */
function hashSkip(s: string, i: number, j: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) {
    if (k === i || k === j) continue;
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function forEachDelete(s: string, depth: number, emit: (h: number) => void): void {
  emit(hashSkip(s, -1, -1));
  if (depth < 1 || s.length < 2) return;
  for (let i = 0; i < s.length; i++) emit(hashSkip(s, i, -1));
  if (depth < 2 || s.length < 3) return;
  for (let i = 0; i < s.length; i++) for (let j = i + 1; j < s.length; j++) emit(hashSkip(s, i, j));
}

export class SpellingIndex {
  private readonly memo = new Map<string, Neighbour[]>();

  private constructor(
    private readonly words: string[],          // display form (vocab case kept), by word index
    private readonly keys: string[],           // lower-case form that was indexed
    private readonly frequent: Uint8Array,
    private readonly starts: Uint32Array,      // bucket b's entries: [starts[b], starts[b+1])
    private readonly hashes: Uint32Array,
    private readonly ids: Uint32Array,
    private readonly known: Map<string, number>,
  ) {}

  /** frequentWords get 2-deletes, the rest 1-deletes; duplicates (case-insensitive) keep the first form. */
  static build(frequentWords: string[], otherWords: string[]): SpellingIndex {
    const words: string[] = [], keys: string[] = [], freq: number[] = [];
    const known = new Map<string, number>();
    const add = (w: string, f: number) => {
      const key = w.toLowerCase();
      if (!key || known.has(key)) return;
      known.set(key, words.length);
      words.push(w); keys.push(key); freq.push(f);
    };
    frequentWords.forEach((w) => add(w, 1));
    otherWords.forEach((w) => add(w, 0));
    let total = 0;
    keys.forEach((k, i) => { forEachDelete(k, freq[i] ? 2 : 1, () => { total++; }); });
    const hashes = new Uint32Array(total), owner = new Uint32Array(total);
    let n = 0;
    keys.forEach((k, i) => { forEachDelete(k, freq[i] ? 2 : 1, (h) => { hashes[n] = h; owner[n++] = i; }); });
    // Counting sort by the top bits: a flat bucketed table, no per-entry objects.
    const buckets = 1 << BUCKET_BITS;
    const starts = new Uint32Array(buckets + 1);
    for (let e = 0; e < total; e++) starts[(hashes[e] >>> (32 - BUCKET_BITS)) + 1]++;
    for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
    const fill = starts.slice(0, buckets);
    const sortedH = new Uint32Array(total), sortedI = new Uint32Array(total);
    for (let e = 0; e < total; e++) {
      const p = fill[hashes[e] >>> (32 - BUCKET_BITS)]++;
      sortedH[p] = hashes[e]; sortedI[p] = owner[e];
    }
    return new SpellingIndex(words, keys, Uint8Array.from(freq), starts, sortedH, sortedI, known);
  }

  get size(): number { return this.words.length; }

  /** The dictionary form of word (case-insensitive), or undefined. */
  lookup(word: string): string | undefined {
    const i = this.known.get(word.toLowerCase());
    return i === undefined ? undefined : this.words[i];
  }

  /** Is word (case-insensitive) in the frequent tier? */
  isFrequent(word: string): boolean {
    const i = this.known.get(word.toLowerCase());
    return i !== undefined && this.frequent[i] === 1;
  }

  /** Words within OSA distance maxDist (≤ 2) of word, cheapest first (weighted cost, see editCost). */
  neighbours(word: string, maxDist = 2): Neighbour[] {
    const key = `${maxDist}:${word.toLowerCase()}`;
    let got = this.memo.get(key);
    if (!got) {
      if (this.memo.size >= 20_000) this.memo.clear();   // re-checks ask for the same words again
      this.memo.set(key, (got = this.search(word.toLowerCase(), maxDist)));
    }
    return got;
  }

  private search(q: string, maxDist: number): Neighbour[] {
    const seen = new Set<number>();
    forEachDelete(q, maxDist, (h) => {
      const b = h >>> (32 - BUCKET_BITS);
      for (let p = this.starts[b]; p < this.starts[b + 1]; p++) if (this.hashes[p] === h) seen.add(this.ids[p]);
    });
    const out: Neighbour[] = [];
    for (const i of seen) {
      const key = this.keys[i];
      if (key === q || Math.abs(key.length - q.length) > maxDist) continue;
      const cost = editCost(q, key, maxDist);
      if (cost <= maxDist) out.push({ word: this.words[i], cost, frequent: this.frequent[i] === 1 });
    }
    return out.sort((a, b) => a.cost - b.cost || Number(b.frequent) - Number(a.frequent) || (a.word < b.word ? -1 : 1));
  }
}

/**
 * Weighted optimal-string-alignment distance, or Infinity once it must exceed max (unit-cost edits are
 * counted for the bound). Weights model how typos happen: neighbouring keys 0.6, transpositions 0.8,
 * doubling or undoubling a letter 0.6, anything else 1.
 */
export function editCost(a: string, b: string, max: number): number {
  const n = a.length, m = b.length;
  if (Math.abs(n - m) > max) return Infinity;
  const w = m + 1;
  const d = new Float64Array((n + 1) * w);   // weighted cost
  const u = new Uint8Array((n + 1) * w);     // unit edit count along the same path, for the bound
  for (let i = 0; i <= n; i++) { d[i * w] = i; u[i * w] = i; }
  for (let j = 0; j <= m; j++) { d[j] = j; u[j] = j; }
  for (let i = 1; i <= n; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= m; j++) {
      const ca = a[i - 1], cb = b[j - 1];
      let best: number, units: number;
      if (ca === cb) { best = d[(i - 1) * w + j - 1]; units = u[(i - 1) * w + j - 1]; }
      else { best = d[(i - 1) * w + j - 1] + (keyboardAdjacent(ca, cb) ? 0.6 : 1); units = u[(i - 1) * w + j - 1] + 1; }
      const del = d[(i - 1) * w + j] + (i >= 2 && a[i - 2] === ca ? 0.6 : 1);  // drop a[i-1]
      if (del < best) { best = del; units = u[(i - 1) * w + j] + 1; }
      const ins = d[i * w + j - 1] + (j >= 2 && b[j - 2] === cb ? 0.6 : 1);   // add b[j-1]
      if (ins < best) { best = ins; units = u[i * w + j - 1] + 1; }
      if (i > 1 && j > 1 && ca === b[j - 2] && a[i - 2] === cb && ca !== cb) {
        const tr = d[(i - 2) * w + j - 2] + 0.8;
        if (tr < best) { best = tr; units = u[(i - 2) * w + j - 2] + 1; }
      }
      d[i * w + j] = best; u[i * w + j] = units;
      rowMin = Math.min(rowMin, units);
    }
    if (rowMin > max) return Infinity;
  }
  return u[n * w + m] > max ? Infinity : d[n * w + m];
}

/** The word-list package's ~275k lower-case English words (an ES module that exports the file's path). */
export function englishWordListPath(): string {
  return path.join(path.dirname(require.resolve('word-list')), 'words.txt');
}

export function readWordList(file = englishWordListPath()): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((w) => w.length > 0);
}
