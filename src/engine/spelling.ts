// Spelling neighbours: dictionary words within Damerau (OSA) distance 2 of a word, found in about a
// millisecond with a SymSpell-style deletion index. All its parts are flat: the words' lower-case keys,
// sorted, in one string with an offsets array (lookup = binary search), 16 flag bits per word (the few
// forms that are not lower case or Capitalised in a small side table), and
// the deletion index as word ids bucketed by the hash of each deletion (no hashes stored: every hit is
// verified by editCost anyway). So the whole index serialises to one file that the build writes
// (scripts/build-lexicon.mjs) and a check loads with one read (lexicon.ts). 128k words x all their
// 2-deletes would be ~6 M entries, so only the frequent tier (the model vocabulary's whole words) gets
// 2-deletes; the rest get 1-deletes, which with 2-deletes of the query still finds every single edit and
// any two insertions into it.
import { cacheBudgets } from './cacheBudgets';
import { keyboardAdjacent } from './keyboard';

export interface Neighbour { word: string; cost: number; frequent: boolean }

/** What a check reads of its lexicon: one SpellingIndex (en-US), or one with a dialect's layer over it (dialectLexicon.ts). */
export interface Lexicon {
  readonly size: number;
  lookup(word: string): string | undefined;
  isFrequent(word: string): boolean;
  /** Is word (case-insensitive) a common word of everyday English (COMMON)? */
  isCommon(word: string): boolean;
  /** Is word (case-insensitive) a familiar word of everyday English, less common than COMMON's (FAMILIAR)? */
  isFamiliar(word: string): boolean;
  /** Is word (case-insensitive) a name, which the dictionary never spells in lower case (NAME)? */
  isName(word: string): boolean;
  isProperPrefix(prefix: string): boolean;
  firstSound(word: string, minShared?: number): 'vowel' | 'consonant' | undefined;
  /** Can word (case-insensitive, a lemma) be a verb, a noun or a modifier, as WordNet says? False for a word it does not list. */
  canBe(word: string, cls: WordClass): boolean;
  /**
   * Words within OSA distance maxDist (≤ 3) of word, cheapest first. The index alone finds every word one
   * edit away and the frequent tier's words two away; `complete` finds every word two away whose letters are
   * a–z where q differs (~1.6 ms: a non-word's candidates, where "omition" must reach "omission"). At 3 it
   * finds the words three edits away that three deletes of word and two of theirs (one for a word outside the
   * frequent tier) meet: a garbled long word with letters added ("speficiied" → "specified",
   * "reallllly" → "really"), not every word three substitutions away.
   */
  neighbours(word: string, maxDist?: number, complete?: boolean): Neighbour[];
  /** Is word one of a dialect's own spellings, known to its layer and not to en-US ("favour")? Never, for en-US alone. */
  isDialectSpelling(word: string): boolean;
  /** Words whose neighbours are remembered now (cacheBudgets.ts, neighbourWords). */
  readonly memoSize: number;
  /** Forgets every neighbour search (a host that measures or wants the memory back). */
  clearMemo(): void;
}

/** A neighbour search's memo key: the same for every lexicon that remembers its searches. */
export function neighbourKey(word: string, maxDist: number, complete: boolean): string {
  return `${maxDist}${complete && maxDist === 2 ? '+' : ''}:${word.toLowerCase()}`;
}

/** Neighbours' order: cheapest first, then the frequent tier, then alphabetical. */
export const byCost = (a: Neighbour, b: Neighbour): number =>
  a.cost - b.cost || Number(b.frequent) - Number(a.frequent) || (a.word < b.word ? -1 : 1);

/**
 * Flag bits per word. VOWEL/CONSONANT: the word's first sound (CMUdict), for a/an; neither when unknown, both
 * when said either way (herb). VERB/NOUN: what the word can be as WordNet lists it, on lemmas only ("specify",
 * not "specifies"; scripts/build-lexicon.mjs): both for "need", a verb only for "contain".
 */
export const FREQUENT = 1, VOWEL_SOUND = 2, CONSONANT_SOUND = 4, VERB = 32, NOUN = 64;
/**
 * COMMON: one of everyday English's common words (SCOWL's sizes 10 and 20, any dialect, with their inflections:
 * "brilliant", "struggles", "doctors"; scripts/build-lexicon.mjs), which a model trained on technical prose may
 * barely know (channel.ts, COMMON_WORD).
 */
export const COMMON = 128;
/**
 * FAMILIAR: a word of everyday English a step less common than COMMON's (SCOWL's sizes 35 to 50, any dialect, with
 * their inflections, and not COMMON: "opinionated", "corollary", "obtrusive"), which such a model may not know either.
 */
export const FAMILIAR = 256;
/** MODIFIER: WordNet lists an adjective or adverb sense of the word ("same", "following"; scripts/build-lexicon.mjs). */
export const MODIFIER = 512;
/**
 * NAME: a name, which Hunspell's dictionary spells with a capital and never in lower case ("Los", "Fromm", "Yong")
 * and cspell's software terms do not list in any case (scripts/build-lexicon.mjs, names): Hunspell reads a
 * dictionary's case so, and typed in lower case such a word is no known word (candidates.ts, knownForm).
 */
export const NAME = 1024;
export type WordClass = 'verb' | 'noun' | 'modifier';
/** The display form is the key with a capital first letter (Linux), or in the side table (iPhone, NASA). */
const CAPITALISED = 8, OTHER_FORM = 16;

/** Buckets of the en-US index: 2^18. A dialect's small layer takes fewer (bucketBitsFor), so its table is not most of its file. */
export const BUCKET_BITS = 18;

/** Bucket bits for an index of n words: about two buckets a word, as many as the en-US index has at most. */
export function bucketBitsFor(n: number): number {
  return Math.min(BUCKET_BITS, Math.max(8, Math.ceil(Math.log2(2 * n))));
}
/** A check byte that matches any hash (the rare word with two deletes in one bucket). */
const ANY = 0;
const MAGIC = 'EPLEX5\n';

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
  if (depth < 3 || s.length < 4) return;
  // Three deletes: only of a query (the index holds two at most), for a long non-word's far search.
  for (let i = 0; i < s.length; i++) {
    const t = s.slice(0, i) + s.slice(i + 1);
    for (let j = i; j < t.length; j++) for (let k = j + 1; k < t.length; k++) emit(hashSkip(t, j, k));
  }
}

export interface IndexParts {
  blob: string;            // lower-case keys, sorted, joined end to end
  offsets: Uint32Array;    // key i is blob[offsets[i], offsets[i+1])
  flags: Uint16Array;      // FREQUENT | VOWEL_SOUND | CONSONANT_SOUND | CAPITALISED | OTHER_FORM | VERB | NOUN | COMMON | FAMILIAR | MODIFIER
  bucketBits: number;      // 2^bucketBits buckets
  starts: Uint32Array;     // bucket b's ids: ids[starts[b], starts[b+1])
  ids: Uint32Array;
  check: Uint8Array;       // the low 8 bits of each entry's deletion hash: skips most other words in the bucket
  forms: Map<number, string>;   // word id → display form, for OTHER_FORM words only (a few thousand)
}

export class SpellingIndex implements Lexicon {
  private readonly memo = new Map<string, Neighbour[]>();

  /** Words whose neighbours are remembered now. */
  get memoSize(): number { return this.memo.size; }

  /** Forgets every neighbour search (a host that measures or wants the memory back). */
  clearMemo(): void { this.memo.clear(); }

  private stamps?: Uint32Array;
  private run = 0;

  private constructor(private readonly p: IndexParts) {}

  /**
   * frequentWords get 2-deletes, the rest 1-deletes. A word's form (what lookup and neighbours give): the frequent
   * tier's, as it is spelt there; else its lower-case form where otherWords hold one ("doctor" beside the title
   * "Doctor", "china" beside "China": a fix for "docter" is no name); else the first form otherWords give.
   * traits: optional flags per lower-case word (VOWEL_SOUND, CONSONANT_SOUND, VERB, NOUN, COMMON, FAMILIAR).
   */
  static build(frequentWords: string[], otherWords: string[], traits?: Map<string, number>, bucketBits = BUCKET_BITS): SpellingIndex {
    const first = new Map<string, { form: string; flag: number }>();
    const add = (w: string, f: number) => {
      const key = w.toLowerCase();
      const got = first.get(key);
      if (got) { if (w === key && !(got.flag & FREQUENT)) got.form = w; }
      else if (key) first.set(key, { form: w, flag: f | (traits?.get(key) ?? 0) });
    };
    frequentWords.forEach((w) => add(w, FREQUENT));
    otherWords.forEach((w) => add(w, 0));
    const keys = [...first.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const forms = new Map<number, string>();
    const flags = Uint16Array.from(keys, (k, i) => {
      const { form, flag } = first.get(k)!;
      if (form === k) return flag;
      if (form === k.charAt(0).toUpperCase() + k.slice(1)) return flag | CAPITALISED;
      forms.set(i, form);
      return flag | OTHER_FORM;
    });
    const offsets = new Uint32Array(keys.length + 1);
    keys.forEach((k, i) => { offsets[i + 1] = offsets[i] + k.length; });
    const buckets = 1 << bucketBits;
    const starts = new Uint32Array(buckets + 1);
    const each = (emit: (h: number, i: number) => void) =>
      keys.forEach((k, i) => forEachDelete(k, flags[i] & FREQUENT ? 2 : 1, (h) => emit(h, i)));
    // Counting sort by the top bits: a flat bucketed table, no per-entry objects. A word whose deletes
    // collide within one bucket is listed there once.
    const seenIn = new Int32Array(buckets).fill(-1);
    each((h, i) => { const b = h >>> (32 - bucketBits); if (seenIn[b] !== i) { seenIn[b] = i; starts[b + 1]++; } });
    for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
    const fill = starts.slice(0, buckets);
    const ids = new Uint32Array(starts[buckets]), check = new Uint8Array(starts[buckets]);
    seenIn.fill(-1);
    each((h, i) => {
      const b = h >>> (32 - bucketBits);
      if (seenIn[b] !== i) { seenIn[b] = i; check[fill[b]] = h & 0xff; ids[fill[b]++] = i; }
      else check[fill[b] - 1] = ANY;   // two deletes of one word in one bucket: match either
    });
    return new SpellingIndex({ blob: keys.join(''), offsets, flags, bucketBits, starts, ids, check, forms });
  }

  /** The index as one file: magic, a JSON header with section sizes, then the 4-byte-aligned sections. */
  serialize(): Buffer {
    const { blob, offsets, flags, bucketBits, starts, ids, check, forms } = this.p;
    // latin1 (one byte a letter) when every key fits, as English keys do.
    const encoding = /^[\u0000-\u00ff]*$/.test(blob) ? 'latin1' : 'utf16le';
    const text = Buffer.from(blob, encoding);
    const sections = [offsets, starts, ids, flags, check, text];
    const header = Buffer.from(JSON.stringify({ words: flags.length, bucketBits, entries: ids.length, blobUnits: blob.length,
      encoding, forms: [...forms] }));
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
    const h = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + hlen)) as
      { words: number; bucketBits: number; entries: number; blobUnits: number; encoding: 'latin1' | 'utf16le'; forms: [number, string][] };
    if (!(Number.isInteger(h.bucketBits) && h.bucketBits >= 1 && h.bucketBits <= BUCKET_BITS)) throw new Error(`spelling index with ${h.bucketBits} bucket bits, this engine reads 1 to ${BUCKET_BITS}: rebuild it with \`npm run build\``);
    const ab = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);   // typed views need 4-byte alignment
    let at = align4(MAGIC.length + 4 + hlen);
    const u32 = (n: number) => { const v = new Uint32Array(ab.buffer, ab.byteOffset + at, n); at += align4(4 * n); return v; };
    const offsets = u32(h.words + 1), starts = u32((1 << h.bucketBits) + 1), ids = u32(h.entries);
    const flags = new Uint16Array(ab.buffer, ab.byteOffset + at, h.words);
    at += align4(2 * h.words);
    const u8 = (n: number) => { const v = new Uint8Array(ab.buffer, ab.byteOffset + at, n); at += align4(n); return v; };
    const check = u8(h.entries);
    const bytes = h.blobUnits * (h.encoding === 'latin1' ? 1 : 2);
    const blob = ab.toString(h.encoding, at, at + bytes);
    if (at + bytes > ab.length || offsets[h.words] !== blob.length) throw new Error('spelling index file is truncated: rebuild it with `npm run build`');
    return new SpellingIndex({ blob, offsets, flags, bucketBits: h.bucketBits, starts, ids, check, forms: new Map(h.forms) });
  }

  get size(): number { return this.p.flags.length; }

  isDialectSpelling(): boolean { return false; }

  private key(i: number): string { return this.p.blob.slice(this.p.offsets[i], this.p.offsets[i + 1]); }

  private form(i: number): string {
    const f = this.p.flags[i];
    if (f & OTHER_FORM) return this.p.forms.get(i)!;
    const k = this.key(i);
    return f & CAPITALISED ? k.charAt(0).toUpperCase() + k.slice(1) : k;
  }

  /** The first word whose lower-case key is ≥ key (binary search over the sorted keys, no strings made). */
  private lowerBound(key: string): number {
    const { blob, offsets } = this.p;
    let lo = 0, hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const a = offsets[mid], n = offsets[mid + 1] - a;
      let cmp = 0;
      for (let k = 0; k < n && k < key.length && cmp === 0; k++) cmp = blob.charCodeAt(a + k) - key.charCodeAt(k);
      if (cmp === 0) cmp = n - key.length;
      if (cmp < 0) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  private indexOf(word: string): number {
    const key = word.toLowerCase();
    const i = this.lowerBound(key);
    return i < this.size && this.key(i) === key ? i : -1;
  }

  /** The dictionary form of word (case-insensitive), or undefined. */
  lookup(word: string): string | undefined {
    const i = this.indexOf(word);
    return i < 0 ? undefined : this.form(i);
  }

  /** Does word (case-insensitive) have any of the flag bits `bits`? False for a word the index does not hold. */
  private has(word: string, bits: number): boolean {
    const i = this.indexOf(word);
    return i >= 0 && (this.p.flags[i] & bits) !== 0;
  }

  /** Is word (case-insensitive) in the frequent tier? */
  isFrequent(word: string): boolean {
    return this.has(word, FREQUENT);
  }

  isCommon(word: string): boolean {
    return this.has(word, COMMON);
  }

  isFamiliar(word: string): boolean {
    return this.has(word, FAMILIAR);
  }

  isName(word: string): boolean {
    return this.has(word, NAME);
  }

  /** Does some word longer than prefix start with it (case-insensitive)? */
  isProperPrefix(prefix: string): boolean {
    const key = prefix.toLowerCase();
    let i = this.lowerBound(key);
    if (i < this.size && this.key(i) === key) i++;
    return i < this.size && this.key(i).startsWith(key);
  }

  canBe(word: string, cls: WordClass): boolean {
    return this.has(word, cls === 'verb' ? VERB : cls === 'noun' ? NOUN : MODIFIER);
  }

  /** The first sound this index lists for word itself (undefined: none, or said either way). */
  ownSound(word: string): 'vowel' | 'consonant' | undefined {
    const i = this.indexOf(word);
    const f = i < 0 ? 0 : this.p.flags[i] & (VOWEL_SOUND | CONSONANT_SOUND);
    return f === VOWEL_SOUND ? 'vowel' : f === CONSONANT_SOUND ? 'consonant' : undefined;
  }

  /**
   * The first sound of word from the nearest dictionary word that has one: the word itself, else the
   * sorted neighbour sharing the longest prefix (at least minShared characters), so an unlisted
   * "unikernel" sounds like "unify" and "unprivileged" like "unproductive".
   */
  firstSound(word: string, minShared = 3): 'vowel' | 'consonant' | undefined {
    const key = word.toLowerCase();
    const at = this.lowerBound(key);
    const exact = at < this.size && this.key(at) === key ? this.p.flags[at] & (VOWEL_SOUND | CONSONANT_SOUND) : 0;
    if (exact) return exact === VOWEL_SOUND ? 'vowel' : exact === CONSONANT_SOUND ? 'consonant' : undefined;   // both: said either way
    let best = -1, bestShared = minShared - 1;
    for (let i = Math.max(0, at - 8); i < Math.min(this.size, at + 8); i++) {
      const f = this.p.flags[i] & (VOWEL_SOUND | CONSONANT_SOUND);
      if (f === 0 || f === (VOWEL_SOUND | CONSONANT_SOUND)) continue;
      const k = this.key(i);
      let n = 0;
      while (n < k.length && n < key.length && k[n] === key[n]) n++;
      if (n > bestShared) { bestShared = n; best = i; }
    }
    if (best < 0) return undefined;
    return this.p.flags[best] & VOWEL_SOUND ? 'vowel' : 'consonant';
  }

  /** Words within OSA distance maxDist (≤ 3) of word, cheapest first (weighted cost, see editCost); see Lexicon. */
  neighbours(word: string, maxDist = 2, complete = false): Neighbour[] {
    const key = neighbourKey(word, maxDist, complete);
    let got = this.memo.get(key);
    if (!got) {
      if (this.memo.size >= cacheBudgets().neighbourWords) this.memo.clear();   // re-checks ask for the same words again
      this.memo.set(key, (got = this.search(word.toLowerCase(), maxDist, complete)));
    }
    return got;
  }

  private search(q: string, maxDist: number, complete: boolean): Neighbour[] {
    const { bucketBits, starts, ids, check, flags } = this.p;
    // Each word once: a stamp per word for this search (a Set of ids cost as much as the lookups).
    const stamp = (this.stamps ??= new Uint32Array(this.size));
    const run = (this.run = (this.run + 1) >>> 0) || (stamp.fill(0), (this.run = 1));
    const seen: number[] = [];
    const lookup = (h: number) => {
      const b = h >>> (32 - bucketBits), c = h & 0xff;
      for (let p = starts[b]; p < starts[b + 1]; p++) {
        if ((check[p] === c || check[p] === ANY) && stamp[ids[p]] !== run) { stamp[ids[p]] = run; seen.push(ids[p]); }
      }
    };
    forEachDelete(q, maxDist, lookup);
    // A word outside the frequent tier has only its 1-deletes indexed, so a word two edits away that needs two
    // of its own letters deleted to meet q ("omission" from "omition": one letter changed, one added) is
    // missed above. Each such word is one edit from q with a letter added or changed, and that variant meets
    // it through 1-deletes on both sides (26 letters at each place: ~50 variants a letter of q).
    if (complete && maxDist === 2) {
      for (let i = 0; i <= q.length; i++) {
        const head = q.slice(0, i), tail = q.slice(i);
        for (let k = 0; k < 26; k++) {
          const x = String.fromCharCode(97 + k);
          forEachDelete(head + x + tail, 1, lookup);
          if (i < q.length && x !== q[i]) forEachDelete(head + x + tail.slice(1), 1, lookup);
        }
      }
    }
    const out: Neighbour[] = [];
    const { blob, offsets } = this.p;
    const counts = countLetters(q);
    try {
      for (let k = 0; k < seen.length; k++) {
        const i = seen[k], from = offsets[i], to = offsets[i + 1];
        if (Math.abs(to - from - q.length) > maxDist || bagDistance(counts, q.length, blob, from, to) > maxDist) continue;
        const key = blob.slice(from, to);
        if (key === q) continue;
        const cost = editCost(q, key, maxDist);
        if (cost <= maxDist) out.push({ word: this.form(i), cost, frequent: (flags[i] & FREQUENT) !== 0 });
      }
    } finally {
      clearLetters(counts, q);
    }
    return out.sort(byCost);
  }
}

/** A query's letter counts by UTF-16 unit (countLetters), zero again after clearLetters: one table for every search. */
const letterCounts = new Int16Array(0x10000);

function countLetters(q: string): Int16Array {
  for (let k = 0; k < q.length; k++) letterCounts[q.charCodeAt(k)]++;
  return letterCounts;
}

function clearLetters(counts: Int16Array, q: string): void {
  for (let k = 0; k < q.length; k++) counts[q.charCodeAt(k)] = 0;
}

/**
 * The bag distance of the query (its letters counted in `counts`, n of them) and blob[from, to): the larger of the
 * key's letters the query lacks and the query's the key lacks, counted with repeats. Every edit changes each by one
 * at most (a transposition by none), so no alignment of the two takes fewer edits: a search skips a word sharing a
 * deletion's hash whose letters are too far off before editCost aligns it (most of the hundreds a complete search
 * meets). counts is as it was after.
 */
function bagDistance(counts: Int16Array, n: number, blob: string, from: number, to: number): number {
  let extra = 0;
  for (let k = from; k < to; k++) if (--counts[blob.charCodeAt(k)] < 0) extra++;
  for (let k = from; k < to; k++) counts[blob.charCodeAt(k)]++;
  const matched = to - from - extra;
  return Math.max(extra, n - matched);
}

const align4 = (n: number) => (n + 3) & ~3;
const padded = (b: Buffer) => (b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b);

/** editCost's rows, reused from call to call (a search verifies hundreds of words). */
let costRows = new Float64Array(1024), unitRows = new Uint8Array(1024);

/**
 * Weighted optimal-string-alignment distance, or Infinity once it must exceed max (unit-cost edits are
 * counted for the bound). Weights model how typos happen: neighbouring keys 0.6, transpositions 0.8,
 * doubling or undoubling a letter 0.6, dropping or adding an apostrophe 0.6 ("dont"), anything else 1.
 */
export function editCost(a: string, b: string, max: number): number {
  const n = a.length, m = b.length;
  if (Math.abs(n - m) > max) return Infinity;
  const w = m + 1;
  if (costRows.length < (n + 1) * w) { costRows = new Float64Array(2 * (n + 1) * w); unitRows = new Uint8Array(2 * (n + 1) * w); }
  const d = costRows;   // weighted cost
  const u = unitRows;   // unit edit count along the same path, for the bound
  for (let i = 0; i <= n; i++) { d[i * w] = i; u[i * w] = i; }
  for (let j = 0; j <= m; j++) { d[j] = j; u[j] = j; }
  for (let i = 1; i <= n; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= m; j++) {
      const ca = a[i - 1], cb = b[j - 1];
      let best: number, units: number;
      if (ca === cb) { best = d[(i - 1) * w + j - 1]; units = u[(i - 1) * w + j - 1]; }
      else { best = d[(i - 1) * w + j - 1] + (keyboardAdjacent(ca, cb) ? 0.6 : 1); units = u[(i - 1) * w + j - 1] + 1; }
      const del = d[(i - 1) * w + j] + ((i >= 2 && a[i - 2] === ca) || ca === "'" ? 0.6 : 1);  // drop a[i-1]
      if (del < best) { best = del; units = u[(i - 1) * w + j] + 1; }
      const ins = d[i * w + j - 1] + ((j >= 2 && b[j - 2] === cb) || cb === "'" ? 0.6 : 1);   // add b[j-1]
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
