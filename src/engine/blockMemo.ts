// Incremental re-check: sentences → piece streams, windows and placed words, remembered by content, so a
// re-check after an edit tokenizes and places only the sentences whose text changed and rebuilds only the
// windows of the block (paragraph) that holds them. Everything here is a pure function of the text of a
// sentence or a block (its characters and where its prose parts lie), so a remembered result equals a fresh
// one; offsets, sentence and stream numbers are shifted when the text before a block changed length.
// Both memos are bounded (LruMap by pieces + words held) and belong to the tokenizer they were built with.
import { readSpans, type Sentence } from '../text/sentences';
import type { WordPiece } from '../text/wordpiece';
import { wordsIn } from '../text/words';
import { LruMap } from '../text/lru';
import { cacheBudgets } from './cacheBudgets';
import { placeWords, type PlacedWord } from './placement';
import type { Dialect } from './dialects';
import type { ModelMeta, WordScore } from './types';
import { makeWindows, type Piece, type Stream, type Window } from './windows';

/** One sentence read alone: offsets relative to its start, word pieces p0/p1 relative to its first piece. */
interface SentenceWork { pieces: Piece[]; words: PlacedWord[] }

/**
 * A block's word scores (wordScores.ts) and the model rows they came from: valid while the row caches hand
 * back those same rows (same objects: nothing re-ran, and the same runner), the same words are ignored and the
 * same dialect's lexicon says which are words.
 * words: the WordScores at the block's current offsets (dropped when the block moves).
 */
export interface BlockScores {
  energyRows: Float32Array[]; logqRows: Float32Array[]; ignored: string; dialect: Dialect;
  energy: number[]; surprisal: number[]; pNoise: number[]; checkable: boolean[];
  /** a checkable word the lexicon holds (false for one not checkable), looked up once a block */
  known: boolean[]; words?: WordScore[];
  /**
   * checkable less the words that name rather than say (wordScores.ts, namedOf), by what that read outside the block
   * (the text around it, and whether its links are Markdown's): a few of them, shared by the block's copies (moved's
   * copy of the scores keeps the map), which may stand in different places.
   */
  named?: Map<string, boolean[]>;
}

/**
 * One block as last handed out: absolute offsets, sentence and stream numbers of the document it was in.
 * key: what the block is (blockKey), wherever it stands: what is remembered of a block is kept under it.
 */
export interface BlockWork {
  key: string; base: number; sentence0: number; stream: Stream; streamIndex: number; windows: Window[]; words: PlacedWord[];
  scores?: BlockScores;
  /** how many times the block holds each of its words, lower-cased (wordScores.ts, proseCounts), once asked */
  proseCounts?: Map<string, number>;
}

/**
 * What the memos did, for tests and benchmarks: sentences tokenized and words placed since the start
 * (a caller that passes readBlocks a stats object of its own counts there instead).
 */
export const memoStats = { sentencesRead: 0, wordsPlaced: 0, blocksBuilt: 0 };

/** Where a block's text was last seen, per block text: a document may repeat a paragraph. */
const PLACES_KEPT = 4;

interface Memos { sentences: LruMap<string, SentenceWork>; blocks: LruMap<string, BlockWork[]> }
const memos = new WeakMap<WordPiece, Memos>();

function memosFor(wp: WordPiece): Memos {
  let m = memos.get(wp);
  if (!m) {
    memos.set(wp, (m = {
      // A sentence weighs its pieces + words, a block its pieces + 3 × words (its placed words, their WordScores
      // and, once asked, their counts); the budgets are cacheBudgets.ts's sentenceUnits and blockUnits.
      sentences: new LruMap(cacheBudgets().sentenceUnits, (s) => s.pieces.length + s.words.length + 1),
      blocks: new LruMap(cacheBudgets().blockUnits, (bs) => bs.reduce((n, b) => n + b.stream.pieces.length + 3 * b.words.length + 1, 0)),
    }));
  }
  return m;
}

/** Units each memo holds now (tests). */
export function memoUsage(wp: WordPiece): { sentences: number; blocks: number } {
  const m = memosFor(wp);
  return { sentences: m.sentences.units, blocks: m.blocks.units };
}

/** Forgets everything remembered for this tokenizer, or one of its memos (tests; a host that wants the memory back). */
export function clearMemos(wp: WordPiece, only?: keyof Memos): void {
  if (only) memos.get(wp)?.[only].clear();
  else memos.delete(wp);
}

/** blocks[i] is the block of streams[i]; its windows and words are in windows and words, in order. */
export interface ReadBlocks { streams: Stream[]; windows: Window[]; words: PlacedWord[]; blocks: BlockWork[] }

/**
 * Streams, windows and placed words of the document's sentences, exactly as tokenizeStreams, makeWindows
 * and placeWords over wordsIn give them: sentences of the same block (consecutive) share a stream.
 */
export function readBlocks(text: string, sentences: Sentence[], wp: WordPiece, meta: ModelMeta, stats = memoStats): ReadBlocks {
  const m = memosFor(wp);
  const streams: Stream[] = [], blocks: BlockWork[] = [];
  const shape = `${meta.maxLength},${meta.special.cls},${meta.special.sep}`;
  for (let a = 0; a < sentences.length;) {
    let b = a + 1;
    while (b < sentences.length && sentences[b].block === sentences[a].block) b++;
    const key = blockKey(text, sentences, a, b, shape);
    const si = streams.length;
    const known = m.blocks.get(key) ?? [];
    const base = sentences[a].start, block = sentences[a].block;
    let work = known.find((w) => w.base === base && w.sentence0 === a && w.streamIndex === si && w.stream.block === block);
    if (!work) {
      // Moved from the nearest place it was seen: that is the same paragraph after an edit before it (a copy of a
      // repeated paragraph elsewhere has the same work, but what was worked out around it, BlockScores.named, is its
      // own place's).
      const from = known.reduce((x, y) => (Math.abs(y.base - base) < Math.abs(x.base - base) ? y : x), known[0]);
      work = known.length ? moved(from, base, a, si, block) : buildBlock(key, text, sentences, a, b, si, wp, meta, m, stats);
      m.blocks.set(key, [work, ...known].slice(0, PLACES_KEPT));
    }
    blocks.push(work);
    streams.push(work.stream);
    a = b;
  }
  const windows = concatAll(blocks.map((w) => w.windows));
  const words = concatAll(blocks.map((w) => w.words));
  return { streams, windows, words, blocks };
}

/**
 * The blocks' arrays end to end, by concat (pushing a long document's words one by one was a visible part of
 * a re-check), a few thousand arrays a call so that no call gets more arguments than the stack allows.
 */
export function concatAll<T>(parts: T[][]): T[] {
  let out: T[] = [];
  for (let i = 0; i < parts.length; i += 4096) out = out.concat(...parts.slice(i, i + 4096));
  return out;
}

/** The block's prose characters and where its parts and sentences lie, relative to its first sentence. */
function blockKey(text: string, sentences: Sentence[], a: number, b: number, shape: string): string {
  const base = sentences[a].start;
  let layout = shape;
  for (let k = a; k < b; k++) {
    layout += ';';
    for (const p of sentences[k].parts) layout += `${p.start - base},${p.end - base},`;
  }
  return `${layout}\u0000${text.slice(base, sentences[b - 1].end)}`;
}

function buildBlock(key: string, text: string, sentences: Sentence[], a: number, b: number, si: number, wp: WordPiece,
  meta: ModelMeta, m: Memos, stats: typeof memoStats): BlockWork {
  stats.blocksBuilt++;
  const block = sentences[a].block;
  const pieces: Piece[] = [], words: PlacedWord[] = [];
  for (let k = a; k < b; k++) {
    const s = sentences[k];
    const work = sentenceWork(text, s, wp, m, stats);
    const first = pieces.length;
    for (const p of work.pieces) pieces.push({ id: p.id, start: s.start + p.start, end: s.start + p.end });
    for (const w of work.words) {
      words.push({ start: s.start + w.start, end: s.start + w.end, text: w.text, sentence: k, stream: si, p0: first + w.p0, p1: first + w.p1 });
    }
  }
  const stream = { block, pieces };
  const windows = makeWindows([stream], meta.maxLength, meta.special).map((w) => ({ ...w, stream: si }));
  return { key, base: sentences[a].start, sentence0: a, stream, streamIndex: si, windows, words };
}

/** The same block where the document now has it: shifted offsets, sentence and stream numbers. */
function moved(w: BlockWork, base: number, sentence0: number, si: number, block: number): BlockWork {
  const dx = base - w.base, ds = sentence0 - w.sentence0;
  const pieces = dx === 0 ? w.stream.pieces : w.stream.pieces.map((p) => ({ id: p.id, start: p.start + dx, end: p.end + dx }));
  const windows = w.streamIndex === si ? w.windows : w.windows.map((x) => ({ ...x, stream: si }));
  const words = w.words.map((x) => ({ ...x, start: x.start + dx, end: x.end + dx, sentence: x.sentence + ds, stream: si }));
  const scores = w.scores && { ...w.scores, words: dx === 0 ? w.scores.words : undefined };
  return { key: w.key, base, sentence0, stream: { block, pieces }, streamIndex: si, windows, words, scores, proseCounts: w.proseCounts };
}

function sentenceWork(text: string, s: Sentence, wp: WordPiece, m: Memos, stats: typeof memoStats): SentenceWork {
  const single = s.parts.length === 1;
  const key = single ? `\u0001${text.slice(s.start, s.end)}`
    : `${s.parts.map((p) => `${p.start - s.start},${p.end - s.start}`).join(',')}\u0000${text.slice(s.start, s.end)}`;
  let work = m.sentences.get(key);
  if (work) return work;
  stats.sentencesRead++;
  // Read in place (absolute offsets, as tokenizeStreams and placeWords would), then made relative.
  const pieces: Piece[] = [];
  for (const part of readSpans(text, s)) {
    const { ids, offsets } = wp.encode(text.slice(part.start, part.end));
    for (let i = 0; i < ids.length; i++) pieces.push({ id: ids[i], start: part.start + offsets[i][0], end: part.start + offsets[i][1] });
  }
  const found = wordsIn(text, s.parts).map((w) => ({ ...w, sentence: 0 }));
  stats.wordsPlaced += found.length;
  const placed = placeWords([{ block: s.block, pieces }], found, found.map(() => 0));
  work = {
    pieces: pieces.map((p) => ({ id: p.id, start: p.start - s.start, end: p.end - s.start })),
    words: placed.map((w) => ({ ...w, start: w.start - s.start, end: w.end - s.start })),
  };
  m.sentences.set(key, work);
  return work;
}
