// Spelling neighbours: dictionary words within Damerau (OSA) distance 2 of a word, found in about a
// millisecond with a SymSpell-style deletion index. All its parts are flat: the words sorted by their
// lower-case key in one string with an offsets array (lookup = binary search), one flag byte per word, and
// the deletion index as word ids bucketed by the hash of each deletion (no hashes stored: every hit is
// verified by editCost anyway). So the whole index serialises to one file that the build writes
// (scripts/build-lexicon.mjs) and a check loads with one read (lexicon.ts). 128k words x all their
// 2-deletes would be ~6 M entries, so only the frequent tier (the model vocabulary's whole words) gets
// 2-deletes; the rest get 1-deletes, which with 2-deletes of the query still finds every single edit and
// any two insertions into it.
import { keyboardAdjacent } from './keyboard';

export interface Neighbour { word: string; cost: number; frequent: boolean }

/** Flag bits per word. VOWEL/CONSONANT: the word's first sound (CMUdict), for a/an; neither when unknown, both when said either way (herb). */
export const FREQUENT = 1, VOWEL_SOUND = 2, CONSONANT_SOUND = 4;

const BUCKET_BITS = 19;
const MAGIC = 'EPLEX1\n';

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

export interface IndexParts {
  blob: string;            // display forms, sorted by lower-case key, joined end to end
  offsets: Uint32Array;    // word i is blob[offsets[i], offsets[i+1])
  flags: Uint8Array;       // FREQUENT | VOWEL_SOUND | CONSONANT_SOUND
  starts: Uint32Array;     // bucket b's ids: ids[starts[b], starts[b+1])
  ids: Uint32Array;
}

export class SpellingIndex {
  private readonly memo = new Map<string, Neighbour[]>();

  private constructor(private readonly p: IndexParts) {}

  /**
   * frequentWords get 2-deletes, the rest 1-deletes; duplicates (case-insensitive) keep the first form.
   * sound: optional first-sound flag per lower-case word (VOWEL_SOUND or CONSONANT_SOUND).
   */
  static build(frequentWords: string[], otherWords: string[], sound?: Map<string, number>): SpellingIndex {
    const first = new Map<string, { form: string; flag: number }>();
    const add = (w: string, f: number) => {
      const key = w.toLowerCase();
      if (key && !first.has(key)) first.set(key, { form: w, flag: f | (sound?.get(key) ?? 0) });
    };
    frequentWords.forEach((w) => add(w, FREQUENT));
    otherWords.forEach((w) => add(w, 0));
    const keys = [...first.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const forms = keys.map((k) => first.get(k)!.form);
    const flags = Uint8Array.from(keys, (k) => first.get(k)!.flag);
    const offsets = new Uint32Array(keys.length + 1);
    forms.forEach((f, i) => { offsets[i + 1] = offsets[i] + f.length; });
    const buckets = 1 << BUCKET_BITS;
    const starts = new Uint32Array(buckets + 1);
    const each = (emit: (h: number, i: number) => void) =>
      keys.forEach((k, i) => forEachDelete(k, flags[i] & FREQUENT ? 2 : 1, (h) => emit(h, i)));
    // Counting sort by the top bits: a flat bucketed table, no per-entry objects. A word whose deletes
    // collide within one bucket is listed there once.
    const seenIn = new Int32Array(buckets).fill(-1);
    each((h, i) => { const b = h >>> (32 - BUCKET_BITS); if (seenIn[b] !== i) { seenIn[b] = i; starts[b + 1]++; } });
    for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
    const fill = starts.slice(0, buckets);
    const ids = new Uint32Array(starts[buckets]);
    seenIn.fill(-1);
    each((h, i) => { const b = h >>> (32 - BUCKET_BITS); if (seenIn[b] !== i) { seenIn[b] = i; ids[fill[b]++] = i; } });
    return new SpellingIndex({ blob: forms.join(''), offsets, flags, starts, ids });
  }

  /** The index as one file: magic, a JSON header with section sizes, then the 4-byte-aligned sections. */
  serialize(): Buffer {
    const { blob, offsets, flags, starts, ids } = this.p;
    const text = Buffer.from(blob, 'utf16le');
    const sections = [offsets, starts, ids, flags, text];
    const header = Buffer.from(JSON.stringify({ words: flags.length, bucketBits: BUCKET_BITS, entries: ids.length, blobUnits: blob.length }));
    const head = Buffer.alloc(align4(MAGIC.length + 4 + header.length));
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(header.length, MAGIC.length);
    header.copy(head, MAGIC.length + 4);
    return Buffer.concat([head, ...sections.map((s) => padded(Buffer.from(s.buffer, s.byteOffset, s.byteLength)))]);
  }

  /** Views over buf (no copy of the typed sections); buf must come from serialize(). */
  static fromBuffer(buf: Buffer): SpellingIndex {
    if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a spelling index file (bad magic): rebuild it with `npm run build`');
    const hlen = buf.readUInt32LE(MAGIC.length);
    const h = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + hlen)) as { words: number; bucketBits: number; entries: number; blobUnits: number };
    if (h.bucketBits !== BUCKET_BITS) throw new Error(`spelling index built with ${h.bucketBits} bucket bits, this engine reads ${BUCKET_BITS}: rebuild it with \`npm run build\``);
    const ab = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);   // typed views need 4-byte alignment
    let at = align4(MAGIC.length + 4 + hlen);
    const u32 = (n: number) => { const v = new Uint32Array(ab.buffer, ab.byteOffset + at, n); at += align4(4 * n); return v; };
    const offsets = u32(h.words + 1), starts = u32((1 << BUCKET_BITS) + 1), ids = u32(h.entries);
    const flags = new Uint8Array(ab.buffer, ab.byteOffset + at, h.words); at += align4(h.words);
    const blob = ab.toString('utf16le', at, at + 2 * h.blobUnits);
    if (at + 2 * h.blobUnits > ab.length || offsets[h.words] !== blob.length) throw new Error('spelling index file is truncated: rebuild it with `npm run build`');
    return new SpellingIndex({ blob, offsets, flags, starts, ids });
  }

  get size(): number { return this.p.flags.length; }

  private form(i: number): string { return this.p.blob.slice(this.p.offsets[i], this.p.offsets[i + 1]); }

  /** The first word whose lower-case key is ≥ key (binary search over the sorted keys). */
  private lowerBound(key: string): number {
    let lo = 0, hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.form(mid).toLowerCase() < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  private indexOf(word: string): number {
    const key = word.toLowerCase();
    const i = this.lowerBound(key);
    return i < this.size && this.form(i).toLowerCase() === key ? i : -1;
  }

  /** The dictionary form of word (case-insensitive), or undefined. */
  lookup(word: string): string | undefined {
    const i = this.indexOf(word);
    return i < 0 ? undefined : this.form(i);
  }

  /** Is word (case-insensitive) in the frequent tier? */
  isFrequent(word: string): boolean {
    const i = this.indexOf(word);
    return i >= 0 && (this.p.flags[i] & FREQUENT) !== 0;
  }

  /** Does some word longer than prefix start with it (case-insensitive)? */
  isProperPrefix(prefix: string): boolean {
    const key = prefix.toLowerCase();
    let i = this.lowerBound(key);
    if (i < this.size && this.form(i).toLowerCase() === key) i++;
    return i < this.size && this.form(i).toLowerCase().startsWith(key);
  }

  /**
   * The first sound of word from the nearest dictionary word that has one: the word itself, else the
   * sorted neighbour sharing the longest prefix (at least minShared characters), so an unlisted
   * "unikernel" sounds like "unify" and "unprivileged" like "unproductive".
   */
  firstSound(word: string, minShared = 3): 'vowel' | 'consonant' | undefined {
    const key = word.toLowerCase();
    const at = this.lowerBound(key);
    const exact = at < this.size && this.form(at).toLowerCase() === key ? this.p.flags[at] & (VOWEL_SOUND | CONSONANT_SOUND) : 0;
    if (exact) return exact === VOWEL_SOUND ? 'vowel' : exact === CONSONANT_SOUND ? 'consonant' : undefined;   // both: said either way
    let best = -1, bestShared = minShared - 1;
    for (let i = Math.max(0, at - 8); i < Math.min(this.size, at + 8); i++) {
      const f = this.p.flags[i] & (VOWEL_SOUND | CONSONANT_SOUND);
      if (f === 0 || f === (VOWEL_SOUND | CONSONANT_SOUND)) continue;
      const k = this.form(i).toLowerCase();
      let n = 0;
      while (n < k.length && n < key.length && k[n] === key[n]) n++;
      if (n > bestShared) { bestShared = n; best = i; }
    }
    if (best < 0) return undefined;
    return this.p.flags[best] & VOWEL_SOUND ? 'vowel' : 'consonant';
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
    const { starts, ids, flags } = this.p;
    forEachDelete(q, maxDist, (h) => {
      const b = h >>> (32 - BUCKET_BITS);
      for (let p = starts[b]; p < starts[b + 1]; p++) seen.add(ids[p]);
    });
    const out: Neighbour[] = [];
    for (const i of seen) {
      const form = this.form(i), key = form.toLowerCase();
      if (key === q || Math.abs(key.length - q.length) > maxDist) continue;
      const cost = editCost(q, key, maxDist);
      if (cost <= maxDist) out.push({ word: form, cost, frequent: (flags[i] & FREQUENT) !== 0 });
    }
    return out.sort((a, b) => a.cost - b.cost || Number(b.frequent) - Number(a.frequent) || (a.word < b.word ? -1 : 1));
  }
}

const align4 = (n: number) => (n + 3) & ~3;
const padded = (b: Buffer) => (b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b);

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
