// REPLACE scoring (Clark et al. 2020): put each candidate in the word's place, score every variant in one
// batched pass, and read each row's context score: its surprisal under the cloze model q (minus its
// pseudo-log-likelihood under q) plus a price per real token, and where REPLACE_WEIGHTS.energy is not 0 its
// summed Electric energy too (one-pass pseudo-log-likelihood under Electric), each weighted in nats. The
// noisy channel (channel.ts) then turns that into a posterior: total = context cost − log P(typed | meant), so
// p = softmax(-total) over the candidates plus the original text, and original.total − best.total is the
// decision's log-odds (findings.ts, verdict). The shipped weights leave the energy out (channel.ts,
// REPLACE_WEIGHTS: fitted with it, it moved the training split's F0.5 by at most 0.002), so a REPLACE row costs one
// cloze pass and no Electric pass; Electric's energies find the suspects (wordScores.ts, pNoise).
// The one scorer of replacements: check's findings and rank's answers both come from rankFromScores.
import type { WordPiece } from '../text/wordpiece';
import type { Piece } from './windows';
import type { ModelMeta } from './types';

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
  return mids.map((mid) => [meta.special.cls, ...ctxL, ...mid, ...ctxR, meta.special.sep]);
}

/** Σ log q over the real tokens of a [CLS] … [SEP] cloze row: the row's pseudo-log-likelihood under q. */
export function pseudoLogLikelihood(tokenLogq: Float32Array): number {
  let t = 0;
  for (let i = 1; i < tokenLogq.length - 1; i++) t += tokenLogq[i];
  return t;
}

/**
 * What a REPLACE row's passes say of it: -PLL under q, its real tokens (pieces), and Σ energy where its Electric
 * pass was run (undefined where the weights do not read it).
 */
export interface RowScore { energy?: number; surprisal: number; pieces: number }

export function rowScore(energy: Float32Array | undefined, tokenLogq: Float32Array): RowScore {
  return { energy: energy && totalEnergy(energy), surprisal: -pseudoLogLikelihood(tokenLogq), pieces: tokenLogq.length - 2 };
}

/**
 * How REPLACE rows become log-likelihoods in context, nats per unit of each (fitted with the channel: channel.ts,
 * REPLACE_WEIGHTS): per nat of Σ energy, per nat of surprisal under q, per piece. perPiece makes a word a unit:
 * a misspelling split into pieces that explain each other ("defin ##ately") pays for each piece it adds over its
 * one-piece fix. energy 0: the rows need no Electric pass (replacePlans.ts, scorePlans).
 */
export interface ReplaceWeights { energy: number; surprisal: number; perPiece: number }

/** -log p(row | context) up to a constant shared by a word's rows, in nats. */
export function contextCost(r: RowScore, w: ReplaceWeights): number {
  let cost = w.surprisal * r.surprisal + w.perPiece * r.pieces;
  if (w.energy !== 0) {
    if (r.energy === undefined) throw new Error('REPLACE weights read the energy, but the row was scored without its Electric pass');
    cost += w.energy * r.energy;
  }
  return cost;
}

/**
 * The posterior over a word's rows: total = contextCost − logChannel (log P(typed | meant): the original's
 * own at [0], each candidate's after). q(.|x\t) never sees x_t, so one cloze pass over a candidate row
 * gives its PLL exactly, context positions included (they see the replacement). texts[0] is the original.
 */
export function rankFromScores(texts: string[], rows: RowScore[], logChannel: number[], w: ReplaceWeights): Ranking {
  const totals = rows.map((r, i) => contextCost(r, w) - logChannel[i]);
  const p = softmaxNeg(totals);
  const ranked = texts.map((text, i) => ({ text, total: totals[i], p: p[i], index: i - 1 }));
  return { original: ranked[0], candidates: ranked.slice(1).sort((a, b) => b.p - a.p) };
}
