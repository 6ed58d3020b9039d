// Window outputs → per-piece values (each piece from the window where it is most central) → per-word
// scores. A word's energy is the highest of its pieces' (a misspelling is usually one odd piece among
// ordinary ones); its surprisal is the sum of its pieces' -log q(x_t | x\t) under the cloze model. The
// word's pNoise combines both (calibration.ts): q's surprisal is the better detector of real-word errors.
import type { Stream, Window } from './windows';

export interface Span { start: number; end: number; text: string }

/** A word located in its stream: pieces [p0, p1) of streams[stream]. */
export interface PlacedWord extends Span { stream: number; p0: number; p1: number; sentence: number }

/** Any per-position window output (energy, token log q) per piece, from the window that owns each piece. */
export function pieceValues(streams: Stream[], windows: Window[], values: Float32Array[]): Float32Array[] {
  const mine = streams.map(() => ({ windows: [] as Window[], values: [] as Float32Array[] }));
  windows.forEach((w, k) => { mine[w.stream].windows.push(w); mine[w.stream].values.push(values[k]); });
  return streams.map((s, si) => streamValues(s.pieces.length, mine[si].windows, mine[si].values, si));
}

/** pieceValues for one stream of n pieces: its windows (in order) and their outputs. */
export function streamValues(n: number, windows: Window[], values: Float32Array[], label: number | string = 0): Float32Array {
  const out = new Float32Array(n).fill(NaN);
  windows.forEach((w, k) => {
    const e = values[k];
    if (e.length !== w.ids.length) throw new Error(`model outputs for a window of ${w.ids.length} ids have length ${e.length}`);
    for (let p = w.ownFrom; p < w.ownTo; p++) out[p] = e[p - w.from + 1];   // +1: [CLS]
  });
  if (out.some(Number.isNaN)) throw new Error(`stream ${label} has pieces no window owns`);
  return out;
}

/**
 * Places words in streams: a word owns the pieces that overlap it. `words` must be in text order and
 * `streamOfWord` says which stream (block) each word's sentence went to. Words with no piece (all of
 * their characters dropped by the tokenizer) are left out.
 */
export function placeWords(streams: Stream[], words: (Span & { sentence: number })[], streamOfWord: number[]): PlacedWord[] {
  const cursor = new Array<number>(streams.length).fill(0);
  const placed: PlacedWord[] = [];
  words.forEach((w, i) => {
    const s = streamOfWord[i];
    const pieces = streams[s]?.pieces;
    if (!pieces) return;
    let p = cursor[s];
    while (p < pieces.length && pieces[p].end <= w.start) p++;
    let q = p;
    while (q < pieces.length && pieces[q].start < w.end) q++;
    cursor[s] = p;
    if (q > p) placed.push({ start: w.start, end: w.end, text: w.text, sentence: w.sentence, stream: s, p0: p, p1: q });
  });
  return placed;
}

export function maxOver(a: Float32Array, from: number, to: number): number {
  let m = -Infinity;
  for (let i = from; i < to; i++) if (a[i] > m) m = a[i];
  return m;
}

/**
 * The window that owns piece p of stream s, and p's position in that window's row ([CLS] is 0). `windows` in stream
 * order and a stream's by position, as readBlocks lays a document's out: found by halving (a document's suspects
 * each ask, thousands of them in a long one).
 */
export function ownerOf(windows: Window[], s: number, p: number): { window: number; pos: number } {
  let lo = 0, hi = windows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const w = windows[mid];
    if (w.stream < s || (w.stream === s && w.ownFrom <= p)) lo = mid + 1; else hi = mid;
  }
  const w = windows[lo - 1];
  if (!w || w.stream !== s || p >= w.ownTo) throw new Error(`no window owns piece ${p} of stream ${s}`);
  return { window: lo - 1, pos: p - w.from + 1 };
}

/** A word's surprisal under q: the sum of its pieces' -log q (each piece given all the others). */
export function surprisalOver(logq: Float32Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s -= logq[i];
  return s;
}
