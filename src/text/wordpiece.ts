// Cased BERT WordPiece with UTF-16 offsets: the TypeScript twin of training/tokenizer.py
// (docs/contract.md section 2). Pure: no vscode, no onnxruntime. It runs on every debounced re-check,
// so the hot loop reads char codes, classifies ASCII from a table and caches each word's pieces.

/** Character classes of the basic tokenizer. */
const enum K { Normal = 0, White = 1, Drop = 2, Punct = 3, Cjk = 4 }

const UNK = 1;
const MAX_WORD_CHARS = 100; // code points; longer words are one [UNK] (BERT's max_input_chars_per_word)

const CJK: readonly [number, number][] = [
  [0x4e00, 0x9fff], [0x3400, 0x4dbf], [0x20000, 0x2a6df], [0x2a700, 0x2b73f],
  [0x2b740, 0x2b81f], [0x2b820, 0x2ceaf], [0xf900, 0xfaff], [0x2f800, 0x2fa1f],
];
// Assigned after Unicode 14 (the training tokenizer's Python 3.11) as punctuation or format
// characters; the vocabulary was built treating them as ordinary letters, so we must too.
const NEWER_THAN_TRAINING: readonly [number, number][] = [
  [0x1b4e, 0x1b4f], [0x1b7f, 0x1b7f], [0x10d6e, 0x10d6e], [0x10ed0, 0x10ed0], [0x113d4, 0x113d5],
  [0x113d7, 0x113d8], [0x11b00, 0x11b09], [0x11be1, 0x11be1], [0x11f43, 0x11f4f],
  [0x13439, 0x1343f], [0x16d6d, 0x16d6f], [0x1e5ff, 0x1e5ff],
];
const DROP_RE = /^[\p{Cc}\p{Cf}]$/u;
const WHITE_RE = /^[\p{Zs}\p{Zl}\p{Zp}]$/u;
const PUNCT_RE = /^\p{P}$/u;

const inRanges = (cp: number, ranges: readonly [number, number][]) =>
  ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

/** Class of one code point (lone surrogates are ordinary characters, as in Python). */
export function charClass(cp: number): number {
  if (cp === 9 || cp === 10 || cp === 13) return K.White;
  if (cp === 0 || cp === 0xfffd) return K.Drop;
  if ((cp >= 0xd800 && cp <= 0xdfff) || inRanges(cp, NEWER_THAN_TRAINING)) return K.Normal;
  const ch = String.fromCodePoint(cp);
  if (DROP_RE.test(ch)) return K.Drop;
  if (WHITE_RE.test(ch)) return K.White;
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)
    || PUNCT_RE.test(ch)) return K.Punct;
  return inRanges(cp, CJK) ? K.Cjk : K.Normal;
}

const ASCII = new Uint8Array(128).map((_, cp) => charClass(cp));
const classCache = new Map<number, number>();
function classOf(cp: number): number {
  if (cp < 128) return ASCII[cp];
  let k = classCache.get(cp);
  if (k === undefined) classCache.set(cp, (k = charClass(cp)));
  return k;
}

export interface Word { word: string; start: number; end: number }

/**
 * BERT basic tokenization: words with UTF-16 [start, end) spans in `text`. Dropped characters
 * (controls, zero-width and other format characters) are removed from `word`; the span runs from the
 * first to the last kept character, so it may contain dropped ones in between.
 */
export function basicTokenize(text: string): Word[] {
  const words: Word[] = [];
  forEachWord(text, (word, start, end) => { words.push({ word, start, end }); });
  return words;
}

/** Calls `f(word, start, end, dropped)`; `dropped` says whether the span holds removed characters. */
function forEachWord(text: string, f: (word: string, start: number, end: number, dropped: boolean) => void) {
  const n = text.length;
  let start = -1; // start of the current word, -1 if none
  let end = 0; // end of its last kept character
  let dropped = false;
  const flush = () => {
    if (start < 0) return;
    f(dropped ? stripDropped(text, start, end) : text.slice(start, end), start, end, dropped);
    start = -1;
    dropped = false;
  };
  for (let i = 0; i < n;) {
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    const k = classOf(cp);
    if (k === K.Normal) {
      if (start < 0) start = i;
      else if (end < i) dropped = true;
      end = i + w;
    } else if (k !== K.Drop) {
      flush();
      if (k !== K.White) f(text.slice(i, i + w), i, i + w, false);
    }
    i += w;
  }
  flush();
}

function stripDropped(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end;) {
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (classOf(cp) !== K.Drop) out += text.slice(i, i + w);
    i += w;
  }
  return out;
}

/** A word's pieces: ids and the UTF-16 end (within the word) of each; ends = null for one whole-word [UNK]. */
interface Pieces { ids: number[]; ends: number[] | null }

/** Words whose pieces a WordPiece remembers by default; all are forgotten at once when it is full. */
export const PIECE_MEMO_WORDS = 200_000;

export class WordPiece {
  readonly vocab: string[];
  private readonly ids: Map<string, number>;
  private readonly maxPiece: number; // longest piece, in UTF-16 units, continuation prefix excluded
  private readonly cache = new Map<string, Pieces>();

  private constructor(vocab: string[], private readonly memoWords: number) {
    const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
    if (specials.some((s, i) => vocab[i] !== s)) throw new Error(`vocab must start with ${specials.join(' ')}`);
    this.vocab = vocab;
    // One plain loop: a worker builds this at its start, in code not yet compiled, where a Map of mapped pairs and
    // a spread of 16,384 lengths took twice as long (~25 ms against ~12 on 2-core EPYC).
    const ids = new Map<string, number>();
    let longest = 0;
    for (let i = 0; i < vocab.length; i++) {
      const p = vocab[i];
      ids.set(p, i);
      const n = p.startsWith('##') ? p.length - 2 : p.length;
      if (n > longest) longest = n;
    }
    if (ids.size !== vocab.length) throw new Error('vocab has duplicate pieces');
    this.ids = ids;
    this.maxPiece = longest;
  }

  /** `text`: vocab.txt's contents, one piece a line. Only cased vocabularies exist (contract section 2). */
  static fromVocab(text: string, cased: boolean, memoWords = PIECE_MEMO_WORDS): WordPiece {
    if (!cased) throw new Error('uncased WordPiece is not supported: models/meta.json must say "cased": true');
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return new WordPiece(lines, memoWords);
  }

  /** Words whose pieces are remembered now. */
  get memoSize(): number { return this.cache.size; }

  /** Forgets every word's pieces (a host that measures or wants the memory back). */
  clearMemo(): void { this.cache.clear(); }

  id(piece: string): number | undefined {
    return this.ids.get(piece);
  }

  encode(text: string): { ids: number[]; offsets: [number, number][] } {
    const ids: number[] = [];
    const offsets: [number, number][] = [];
    forEachWord(text, (word, start, end, dropped) => {
      const p = this.pieces(word);
      if (p.ends === null) {
        ids.push(UNK);
        offsets.push([start, end]);
        return;
      }
      const pos = dropped ? keptPositions(text, start, end) : null;
      let a = 0;
      for (let j = 0; j < p.ids.length; j++) {
        const b = p.ends[j];
        ids.push(p.ids[j]);
        offsets.push(pos ? [pos[a], pos[b - 1] + 1] : [start + a, start + b]);
        a = b;
      }
    });
    return { ids, offsets };
  }

  private pieces(word: string): Pieces {
    let got = this.cache.get(word);
    if (got === undefined) {
      got = this.wordPieces(word);
      if (this.cache.size >= this.memoWords) this.cache.clear(); // bound memory on huge documents
      this.cache.set(word, got);
    }
    return got;
  }

  /** Greedy longest-match-first over code points, `##` on continuation pieces. */
  private wordPieces(word: string): Pieces {
    const unk: Pieces = { ids: [UNK], ends: null };
    // UTF-16 index of each code-point boundary: pieces never split a surrogate pair.
    const bounds: number[] = [0];
    for (let i = 0; i < word.length;) {
      i += word.codePointAt(i)! > 0xffff ? 2 : 1;
      bounds.push(i);
    }
    const chars = bounds.length - 1;
    if (chars > MAX_WORD_CHARS) return unk;
    const ids: number[] = [];
    const ends: number[] = [];
    let s = 0; // code-point index
    while (s < chars) {
      let e = chars;
      while (e > s && bounds[e] - bounds[s] > this.maxPiece) e--;
      let found = -1;
      for (; e > s; e--) {
        const sub = word.slice(bounds[s], bounds[e]);
        const id = this.ids.get(s === 0 ? sub : '##' + sub);
        if (id !== undefined) { found = id; break; }
      }
      if (found < 0) return unk;
      ids.push(found);
      ends.push(bounds[e]);
      s = e;
    }
    return { ids, ends };
  }
}

/** UTF-16 position in `text` of each UTF-16 unit of the word's kept characters. */
function keptPositions(text: string, start: number, end: number): number[] {
  const pos: number[] = [];
  for (let i = start; i < end;) {
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (classOf(cp) !== K.Drop) for (let u = 0; u < w; u++) pos.push(i + u);
    i += w;
  }
  return pos;
}
