// REPLACE scoring (Clark et al. 2020): put each candidate in the word's place, score every variant in one
// batched Electric pass, and compare total energies (one-pass pseudo-log-likelihood: the sum of the real
// tokens' energies), plus, in the check, the rows' pseudo-log-likelihood under the cloze model q
// (rankFromScores). p = softmax(-total) over the candidates plus the original text.
import type { WordPiece } from '../text/wordpiece';
import { cacheFor, cachesFor } from './rowCache';
import type { Piece } from './windows';
import type { ClozeRow, ModelMeta, ModelRunner, Suggestion } from './types';

/** Pieces of context on each side of the word in a REPLACE row: enough for the model, cheap to score. */
export const REPLACE_CONTEXT = 16;

/** index: the candidate's position in the list given (-1 for the original). */
export interface RankedText { text: string; total: number; p: number; index: number }
export interface Ranking { original: RankedText; candidates: RankedText[] }  // candidates best first

/** Sum of energies over the real tokens of a [CLS] … [SEP] row. */
export function totalEnergy(energy: Float32Array): number {
  let t = 0;
  for (let i = 1; i < energy.length - 1; i++) t += energy[i];
  return t;
}

/** softmax(-totals): lower total energy = more plausible. Stable for any magnitude. */
export function softmaxNeg(totals: number[]): number[] {
  const m = Math.min(...totals);
  const e = totals.map((t) => Math.exp(-(t - m)));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

/**
 * Rows for REPLACE scoring of text[start, end) within `pieces` (the word's block, in text order): row 0
 * holds the original, row k candidate k-1. Pieces that straddle the span are re-tokenized with it, and
 * every row gets the same context pieces, as many as fit (up to `context` on each side).
 */
export function replaceRows(text: string, pieces: Piece[], start: number, end: number, candidates: string[],
  wp: WordPiece, meta: ModelMeta, context = REPLACE_CONTEXT): number[][] {
  return replaceRowsAt(text, pieces, start, end, candidates, wp, meta, context).rows;
}

/**
 * replaceRows, and `at`: the row position of the first piece of the replaced span's text (the same in
 * every row), or -1 when pieces straddling the span put other text first.
 */
export function replaceRowsAt(text: string, pieces: Piece[], start: number, end: number, candidates: string[],
  wp: WordPiece, meta: ModelMeta, context = REPLACE_CONTEXT): { rows: number[][]; at: number } {
  let i0 = 0;
  while (i0 < pieces.length && pieces[i0].end <= start) i0++;
  let i1 = i0;
  while (i1 < pieces.length && pieces[i1].start < end) i1++;
  const u0 = i1 > i0 ? Math.min(start, pieces[i0].start) : start;
  const u1 = i1 > i0 ? Math.max(end, pieces[i1 - 1].end) : end;
  const before = text.slice(u0, start), after = text.slice(end, u1);
  const mids = [text.slice(start, end), ...candidates].map((c) => wp.encode(before + c + after).ids);
  const room = meta.maxLength - 2;
  const widest = Math.max(...mids.map((m) => m.length));
  if (widest > room) throw new RangeError(`a replacement is ${widest} pieces; at most ${room} fit a window`);
  // Same context for every row, so totals differ only by what the replacement changes.
  let left = Math.min(context, i0), right = Math.min(context, pieces.length - i1);
  while (left + right + widest > room) { if (left >= right) left--; else right--; }
  const ctxL = pieces.slice(i0 - left, i0).map((p) => p.id);
  const ctxR = pieces.slice(i1, i1 + right).map((p) => p.id);
  const rows = mids.map((mid) => [meta.special.cls, ...ctxL, ...mid, ...ctxR, meta.special.sep]);
  return { rows, at: before.trim() === '' ? 1 + left : -1 };
}

/**
 * Electric's energy is trained only where the noise model q puts mass (NCE sees no noise elsewhere), so a
 * replacement q finds absurd can get a low energy it never earned ("is prem by" below "is received by").
 * The bound: a piece's energy is at least its surprise under q less Q_SLACK nats, i.e. the model may
 * rate a piece at most e^Q_SLACK times likelier than q does. Applied to the first replaced piece, whose
 * log q the suspect's cloze row gives (exactly for the original and q's top-K, else bounded by the K-th).
 */
export const Q_SLACK = 2;

/** -log q of `id` from a position's top-K (best first), or the K-th's as a lower bound when id is not there. */
export function surpriseOf(id: number, topIds: ArrayLike<number>, topLogq: ArrayLike<number>): number {
  for (let k = 0; k < topIds.length; k++) if (topIds[k] === id) return -topLogq[k];
  return -topLogq[topLogq.length - 1];
}

/** What rankFromEnergies needs for the q bound: row position and each row's first-piece surprise. */
export interface QBound { at: number; surprise: (number | undefined)[] }

/** Turns the rows' energies into a ranking; texts[0] is the original, texts[k] candidate k-1. */
export function rankFromEnergies(texts: string[], energies: Float32Array[], bound?: QBound): Ranking {
  const totals = energies.map((e, i) => {
    const s = bound && bound.at > 0 ? bound.surprise[i] : undefined;
    return totalEnergy(e) + (s === undefined ? 0 : Math.max(0, s - Q_SLACK - e[bound!.at]));
  });
  const p = softmaxNeg(totals);
  const ranked = texts.map((text, i) => ({ text, total: totals[i], p: p[i], index: i - 1 }));
  return { original: ranked[0], candidates: ranked.slice(1).sort((a, b) => b.p - a.p) };
}

/** Σ log q over the real tokens of a [CLS] … [SEP] cloze row: the row's pseudo-log-likelihood under q. */
export function pseudoLogLikelihood(tokenLogq: Float32Array): number {
  let t = 0;
  for (let i = 1; i < tokenLogq.length - 1; i++) t += tokenLogq[i];
  return t;
}

/**
 * REPLACE under both heads: total = Σ energy + lambda · (-PLL under q) + cost (the candidate's channel
 * cost, 0 for the original). q(.|x\t) never sees x_t, so one cloze pass over a candidate row gives its
 * PLL exactly, context positions included (they see the replacement). texts[0] is the original.
 */
export function rankFromScores(texts: string[], energies: Float32Array[], tokenLogq: Float32Array[], costs: number[], lambda: number): Ranking {
  const totals = energies.map((e, i) => totalEnergy(e) - lambda * pseudoLogLikelihood(tokenLogq[i]) + costs[i]);
  const p = softmaxNeg(totals);
  const ranked = texts.map((text, i) => ({ text, total: totals[i], p: p[i], index: i - 1 }));
  return { original: ranked[0], candidates: ranked.slice(1).sort((a, b) => b.p - a.p) };
}

/** Candidate list cleaned for ranking: no duplicates, nothing equal to the original. */
export function distinctCandidates(original: string, candidates: string[]): string[] {
  return [...new Set(candidates)].filter((c) => c !== original);
}

/**
 * Ranks replacements for text[start, end) (quick fixes): the context is the surrounding paragraph (up to
 * blank lines, at most ~1,000 characters each way). Suggestions best first; p is normalised over the
 * candidates and the original, so the p of all suggestions sums to less than one.
 */
export async function rank(text: string, start: number, end: number, candidates: string[],
  runner: ModelRunner, wp: WordPiece): Promise<Suggestion[]> {
  if (!(0 <= start && start <= end && end <= text.length)) throw new RangeError(`span ${start}..${end} is outside the text (${text.length})`);
  const cands = distinctCandidates(text.slice(start, end), candidates);
  if (cands.length === 0) return [];
  const lo = Math.max(0, start - 1000), hi = Math.min(text.length, end + 1000);
  const para0 = text.lastIndexOf('\n\n', start);
  const para1 = text.indexOf('\n\n', end);
  const from = para0 >= lo ? para0 : lo;
  const to = para1 >= 0 && para1 <= hi ? para1 : hi;
  const { ids, offsets } = wp.encode(text.slice(from, to));
  const pieces = ids.map((id, i) => ({ id, start: from + offsets[i][0], end: from + offsets[i][1] }));
  const { rows, at } = replaceRowsAt(text, pieces, start, end, cands, wp, runner.meta);
  const texts = [text.slice(start, end), ...cands];
  const [energies, [clozeRow]] = await Promise.all([cacheFor(runner).energies(runner, rows), cachesFor(runner).cloze.cloze(runner, [rows[0]])]);
  const r = rankFromEnergies(texts, energies, at > 0 ? qBound(texts, rows, at, clozeRow, runner.meta.cloze.k) : undefined);
  return r.candidates.map(({ text: t, p }) => ({ text: t, p }));
}

/**
 * The q bound from the cloze row of the original (row 0): each row's piece at `at` is its replacement's
 * first piece; rows whose replacement is empty (a deletion) have a context piece there and get no bound.
 */
export function qBound(texts: string[], rows: number[][], at: number, original: ClozeRow, K: number): QBound {
  const ids = original.topkIds.subarray(at * K, at * K + K), logq = original.topkLogq.subarray(at * K, at * K + K);
  return {
    at,
    surprise: texts.map((t, i) => (t.trim() === '' ? undefined : i === 0 ? -original.tokenLogq[at] : surpriseOf(rows[i][at], ids, logq))),
  };
}
